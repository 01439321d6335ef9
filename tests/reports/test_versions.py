"""Issued versions: frozen figures, who may issue, and what changed since with its reasons."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sc389.cases import services as cases
from sc389.core.errors import DomainError
from sc389.core.models import AuditEvent
from sc389.reports.versions import selectors
from sc389.reports.versions.diff import version_diff

from .world import submission, version

pytestmark = pytest.mark.django_db


def january_case(tree, make_case, day=5, fine=1_000_000):
    case = make_case(detected_on=dt.date(2025, 1, day))
    penalty = cases.outcome_add(
        case=case,
        actor=tree.users["officer_langson_customs"],
        kind="penalty",
        number=f"{day}/QĐ",
        decided_on=dt.date(2025, 1, day + 1),
        fine_vnd=fine,
    )
    return case, penalty


def test_issued_version_is_frozen_numbered_and_audited(tree, make_case):
    january_case(tree, make_case)
    v1 = version(tree)
    v2 = version(tree, issuer="leader_langson", compare="none", by="category")
    assert (v1.number, v2.number) == (1, 2)
    assert v1.figures["indicators"]["cases_detected"]["value"] == 1 and v1.area_code == "20"
    assert v2.figures["rows"][0]["key"] == "smuggling"
    assert AuditEvent.objects.filter(verb="report.issued", target_id=str(v1.pk)).exists()
    for persona in ("officer_langson_customs", "leader_hungyen", "analyst_national"):
        with pytest.raises(DomainError) as err:
            version(tree, issuer=persona)
        assert err.value.status == 403


def test_diff_explains_late_cases_corrected_outcomes_and_new_submissions(tree, make_case):
    case, penalty = january_case(tree, make_case)
    make_case(officer="officer_langson_bp", unit="bp_langson", detected_on=dt.date(2025, 1, 9))
    v = version(tree)
    unchanged = version_diff(v)
    assert unchanged["changed"] == {} and unchanged["reasons"]["late_cases"]["count"] == 0
    # after the cut-off: a late case, a corrected fine, and the border guard's approved submission
    late, _p = january_case(tree, make_case, day=12, fine=2_000_000)
    cases.outcome_remove(
        outcome=penalty, actor=tree.users["officer_langson_customs"], reason="Ghi nhầm quyết định"
    )
    submission(
        tree,
        unit="bp_langson",
        officer="officer_langson_bp",
        figures={"cases_detected": {"total": 4}},
        status="approved",
    )
    d = version_diff(v)
    assert d["changed"]["cases_detected"]["value"] == {"then": 2, "now": 1 + 1 + 4, "delta": 4}
    assert d["changed"]["fines_vnd"]["value"] == {"then": 1_000_000, "now": 2_000_000, "delta": 1_000_000}
    reasons = d["reasons"]
    assert reasons["late_cases"] == {"count": 1, "cases": [late.reference]}
    assert reasons["corrected_outcomes"]["cases"] == sorted({case.reference, late.reference})
    assert [s["unit"] for s in reasons["new_submissions"]] == ["BP-LS"]


def test_versions_are_visible_to_the_committee_and_the_levels_above(tree, make_case):
    v = version(tree)
    seen = {
        name
        for name, user in tree.users.items()
        if selectors.version_list(user=user).filter(pk=v.pk).exists()
    }
    assert seen == {
        "admin_national",
        "leader_national",
        "analyst_national",
        "leader_langson",
        "analyst_langson",
        "admin_langson",
    }


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_cli_issue_and_diff(tree, make_case):
    january_case(tree, make_case)
    issued = json.loads(
        run(
            "--unit",
            "20",
            "--from",
            "2025-01-01",
            "--to",
            "2025-01-31",
            "--issue",
            "--user",
            "analyst_langson",
        )
    )
    assert issued["number"] == 1 and issued["committee"] == tree.committees["langson"].code
    january_case(tree, make_case, day=14)
    text = run("--diff", str(issued["version"]))
    assert "Số vụ phát hiện (kỳ báo cáo): 1 → 2" in text
    assert "Vụ việc nhập sau thời điểm chốt: 1" in text
    data = json.loads(run("--diff", str(issued["version"]), "--format", "json"))
    assert data["changed"]["cases_detected"]["value"]["delta"] == 1
    with pytest.raises(CommandError):
        run(
            "--unit",
            "20",
            "--from",
            "2025-01-01",
            "--to",
            "2025-01-31",
            "--issue",
            "--user",
            "leader_hungyen",
        )
    with pytest.raises(CommandError):
        run("--diff", "999999")
