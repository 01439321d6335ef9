"""Aggregate submissions: the workflow, its rights, the parts flag, XLSX upload, completeness and scope."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sc389.core.errors import DomainError
from sc389.core.models import AuditEvent
from sc389.reports import periods
from sc389.reports.models import Submission
from sc389.reports.submissions import selectors, services, xlsx
from sc389.reports.submissions.figures import figures_of

from ..cases.matrix import MATRIX
from .world import FIGURES, JAN, schedule, submission

pytestmark = pytest.mark.django_db


def audit_rows(target) -> list[str]:
    return list(
        AuditEvent.objects.filter(target_type="reports.submission", target_id=str(target.pk))
        .order_by("id")
        .values_list("verb", flat=True)
    )


def test_workflow_draft_submit_return_submit_approve_is_audited(tree):
    s = submission(tree)
    assert s.status == "draft" and figures_of(s) == {k: v for k, v in FIGURES.items()}
    # saving the same figures again changes nothing and writes no audit row (idempotent)
    again, changed = services.submission_save(
        unit=tree.units["customs_huunghi"],
        period=JAN,
        figures=FIGURES,
        actor=tree.users["officer_langson_customs"],
    )
    assert (again.pk, changed) == (s.pk, False)
    services.submission_submit(submission=s, actor=tree.users["officer_langson_customs"])
    with pytest.raises(DomainError) as err:
        services.submission_return(submission=s, actor=tree.users["analyst_langson"], comment="  ")
    assert err.value.code == "comment_required"
    services.submission_return(submission=s, actor=tree.users["analyst_langson"], comment="Sai số tiền phạt")
    s.refresh_from_db()
    assert (s.status, s.comment) == ("returned", "Sai số tiền phạt")
    fixed = {**FIGURES, "fines_vnd": {"total": 160_000_000}}
    services.submission_save(
        unit=tree.units["customs_huunghi"],
        period=JAN,
        figures=fixed,
        actor=tree.users["officer_langson_customs"],
    )
    services.submission_submit(submission=s, actor=tree.users["officer_langson_customs"])
    services.submission_approve(submission=s, actor=tree.users["analyst_langson"])
    s.refresh_from_db()
    assert s.status == "approved" and s.decided_by == tree.users["analyst_langson"]
    assert audit_rows(s) == [
        "report.submission_created",
        "report.submission_submitted",
        "report.submission_returned",
        "report.submission_changed",
        "report.submission_submitted",
        "report.submission_approved",
    ]
    # an approved submission is locked
    with pytest.raises(DomainError) as err:
        services.submission_save(
            unit=tree.units["customs_huunghi"],
            period=JAN,
            figures=FIGURES,
            actor=tree.users["officer_langson_customs"],
        )
    assert err.value.status == 409


@pytest.mark.parametrize(
    "persona,may_save,may_decide",
    [
        ("officer_langson_customs", True, False),
        ("reviewer_langson_customs", True, False),
        ("admin_langson", True, True),
        ("analyst_langson", False, True),
        ("leader_langson", False, False),
        ("analyst_national", False, True),
        ("officer_langson_qltt", False, False),
        ("leader_customs_region", False, False),
        ("leader_hungyen", False, False),
    ],
)
def test_who_may_save_and_who_may_approve(tree, persona, may_save, may_decide):
    user = tree.users[persona]
    try:
        services.submission_save(unit=tree.units["customs_huunghi"], period=JAN, figures=FIGURES, actor=user)
        saved = True
    except DomainError as exc:
        assert exc.status == 403
        saved = False
    assert saved is may_save
    s = submission(tree, period=periods.month(2025, 2), status="submitted")
    try:
        services.submission_approve(submission=s, actor=user)
        decided = True
    except DomainError as exc:
        assert exc.status == 403
        decided = False
    assert decided is may_decide


def test_parts_that_do_not_add_up_are_flagged_and_cannot_be_approved(tree):
    bad = {"cases_detected": {"total": 10, "smuggling": 4, "trade_fraud": 4}}
    s = submission(tree, figures=bad, status="submitted")
    assert s.inconsistent is True
    with pytest.raises(DomainError) as err:
        services.submission_approve(submission=s, actor=tree.users["analyst_langson"])
    assert err.value.code == "parts_do_not_add_up"
    ok = submission(tree, period=periods.month(2025, 2), figures={"cases_detected": {"total": 10}})
    assert ok.inconsistent is False


@pytest.mark.parametrize(
    "figures,code",
    [
        ({"nonsense": {"total": 1}}, "unknown_indicator"),
        ({"cases_detected": {"total": -1}}, "invalid_value"),
        ({"cases_detected": {"smuggling": 3}}, "total_required"),
        ({"cases_detected": {"total": 3, "drugs": 1}}, "unknown_category"),
    ],
)
def test_bad_figures_are_refused_with_a_code(tree, figures, code):
    with pytest.raises(DomainError) as err:
        submission(tree, figures=figures)
    assert err.value.code == code
    assert not Submission.objects.exists()


def test_xlsx_template_round_trip_and_idempotent_reupload(tree):
    data = xlsx.template_bytes(FIGURES)
    assert xlsx.read_figures(data) == FIGURES
    officer = tree.users["officer_langson_customs"]
    s, changed = services.submission_upload(
        unit=tree.units["customs_huunghi"], period=JAN, data=data, actor=officer
    )
    assert changed and figures_of(s) == FIGURES
    before = AuditEvent.objects.count()
    s2, changed = services.submission_upload(
        unit=tree.units["customs_huunghi"], period=JAN, data=data, actor=officer
    )
    assert (s2.pk, changed, AuditEvent.objects.count()) == (s.pk, False, before)


def test_xlsx_with_bad_rows_keeps_nothing_and_names_every_row(tree):
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(xlsx.template_bytes()))
    sheet = book.active
    sheet["C3"] = 5  # the first indicator row (row 3): a total
    sheet["A4"] = "not_an_indicator"
    sheet["C5"] = "mười"
    sheet["D6"] = 4  # a part without a total
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ValidationError) as err:
        services.submission_upload(
            unit=tree.units["customs_huunghi"],
            period=JAN,
            data=out.getvalue(),
            actor=tree.users["officer_langson_customs"],
        )
    messages = err.value.messages
    assert len(messages) == 3
    assert [m.split(":")[0].split(",")[0] for m in messages] == ["Dòng 4", "Dòng 5", "Dòng 6"]
    assert not Submission.objects.exists()
    with pytest.raises(ValidationError):
        xlsx.read_figures(b"not a spreadsheet")


def test_completeness_shows_who_has_not_reported_and_who_was_late(tree):
    today = timezone.localdate()
    schedule(tree, deadline_days=5)  # Hữu Nghị customs, monthly from January 2025
    schedule(tree, unit="police_hungyen", office="analyst_national", frequency="quarter")
    late = submission(tree, status="approved")  # January 2025 sent today: long after 5 February 2025
    current = periods.month(today.year, today.month)
    submission(tree, period=current, status="submitted")
    rows = selectors.completeness(
        user=tree.users["analyst_national"], start=dt.date(2025, 1, 1), end=current.end
    )
    by_key = {(e.unit.code, e.period.start): e for e in rows}
    jan = by_key[("HQ-HN", JAN.start)]
    assert (jan.state, jan.late, jan.submission.pk) == ("approved", True, late.pk)
    feb = by_key[("HQ-HN", dt.date(2025, 2, 1))]
    assert (feb.state, feb.late) == ("missing", True)
    now = by_key[("HQ-HN", current.start)]
    assert (now.state, now.late) == ("submitted", False)
    q1 = by_key[("CA-HY-KT", dt.date(2025, 1, 1))]
    assert (q1.state, q1.late, q1.period.end) == ("missing", True, dt.date(2025, 3, 31))
    # Lạng Sơn's office sees only its own area's schedules
    langson = selectors.completeness(
        user=tree.users["analyst_langson"], start=dt.date(2025, 1, 1), end=current.end
    )
    assert {e.unit.code for e in langson} == {"HQ-HN"}


def test_submissions_are_scoped_like_cases(tree):
    made = {
        "huunghi": submission(tree),
        "hungyen": submission(tree, unit="police_hungyen", officer="officer_hungyen_police"),
    }
    visible_of_case = {
        "huunghi": "huunghi",
        "hungyen": "hungyen",
    }  # the matrix's case of the same unit and place
    for persona, (may_view, _may_change) in MATRIX.items():
        user = tree.users.get(persona)
        seen = set(selectors.submission_list(user=user).values_list("pk", flat=True)) if user else set()
        expected = {made[k].pk for k, case in visible_of_case.items() if case in may_view}
        if persona == "staff_commune_a":
            expected = (
                set()
            )  # a commune committee sees cases placed in its commune; a submission has no commune
        assert seen == expected, persona


def test_overlapping_approved_periods_of_one_unit_are_refused(tree):
    submission(tree, status="approved")  # January 2025
    quarter = submission(tree, period=periods.quarter(2025, 1), status="submitted")
    with pytest.raises(DomainError) as err:
        services.submission_approve(submission=quarter, actor=tree.users["analyst_langson"])
    assert err.value.code == "overlapping_submission"
    other_unit = submission(
        tree,
        unit="police_hungyen",
        officer="officer_hungyen_police",
        period=periods.quarter(2025, 1),
        status="approved",
        office="analyst_national",
    )
    assert other_unit.status == "approved"
