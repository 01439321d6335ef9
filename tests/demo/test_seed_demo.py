"""`sc389 seed_demo`: the published figures counted exactly, determinism, idempotence, valid identifiers, users.

The seed runs once for the module inside a transaction that is rolled back at the end, so the rest of the
suite never sees the demo.
"""

import datetime as dt
import io
import os
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from types import SimpleNamespace
from unittest import mock

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.db import connection, transaction

from sc389.cases import identifiers
from sc389.cases.choices import CaseStatus, Channel, PartyKind
from sc389.cases.models import Case, CaseMerge, CaseUnit, Party, PenaltyDecision
from sc389.cases.selectors import CaseFilters, case_list
from sc389.core.formats import format_percent, format_vnd
from sc389.core.models import AuditEvent
from sc389.demo import cases as demo_cases
from sc389.demo import seed as demo_seed
from sc389.demo.org import PASSWORD
from sc389.org.choices import Role
from sc389.org.models import Committee, Membership, Unit

from .counting import indicators, live_cases

LS_2020 = ("20", dt.date(2020, 1, 1), dt.date(2020, 10, 31))
LS_2019 = ("20", dt.date(2019, 1, 1), dt.date(2019, 10, 31))
HY_2025 = ("33", dt.date(2025, 5, 17), dt.date(2025, 10, 15))

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    plans = []

    def keep(build=demo_cases.build_plan):
        plans.append(build())
        return plans[-1]

    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        with mock.patch.object(demo_seed, "build_plan", keep):
            call_command("seed_demo", stdout=out)
        # Every foreign key holds; on PostgreSQL this also fires the deferred checks once here, not per test.
        connection.check_constraints()
        yield SimpleNamespace(output=out.getvalue(), plan=plans[0])
        transaction.set_rollback(True)


def test_lang_son_ten_months_2020(seeded):
    got = indicators(*LS_2020)
    assert got["cases_handled"] == 4365
    assert got["admin_penalty_cases"] == 3593
    assert got["prosecuted_cases"] == 328
    assert got["defendants"] == 482
    # "nearly 66.4 billion", "more than 27 billion"
    assert 66_350_000_000 <= got["fines_vnd"] < 66_400_000_000
    assert format_vnd(got["fines_vnd"]) == "66,4 tỷ đồng"
    assert 27_000_000_000 < got["confiscated_goods_value_vnd"] < 27_050_000_000
    assert format_vnd(got["confiscated_goods_value_vnd"]) == "27 tỷ đồng"


def test_lang_son_same_period_2019_gives_the_published_ratios(seeded):
    now, before = indicators(*LS_2020), indicators(*LS_2019)
    assert (before["cases_handled"], before["admin_penalty_cases"], before["defendants"]) == (5371, 4242, 497)
    ratios = [now[k] / before[k] * 100 for k in ("cases_handled", "admin_penalty_cases", "defendants")]
    assert [format_percent(r) for r in ratios] == ["81,27%", "84,7%", "96,98%"]


def test_hung_yen_campaign_2025(seeded):
    got = indicators(*HY_2025)
    assert got["cases_detected"] == 898
    assert got["admin_penalty_cases"] == 842
    assert got["prosecuted_cases"] == 56
    assert got["defendants"] == 76
    assert 24_900_000_000 < got["budget_remitted_vnd"] < 25_000_000_000  # "nearly 25 billion"


def test_hung_yen_counts_old_thai_binh_districts_and_new_communes(seeded):
    code, start, end = HY_2025
    in_window = live_cases(code).filter(detected_on__range=(start, end))
    thai_binh = in_window.filter(place__level="district", place__parent__name="Tỉnh Thái Bình")
    old_hung_yen = in_window.filter(place__level="district", place__parent__name="Tỉnh Hưng Yên")
    communes = in_window.filter(place__level="commune", place__valid_to__isnull=True)
    assert thai_binh.exists() and old_hung_yen.exists() and communes.exists()
    assert not thai_binh.filter(detected_on__gte=dt.date(2025, 7, 1)).exists()
    assert not communes.filter(detected_on__lt=dt.date(2025, 7, 1)).exists()
    assert thai_binh.count() + old_hung_yen.count() + communes.count() == 898


def test_merged_cases_never_count_and_joint_cases_count_once(seeded):
    code, start, end = HY_2025
    with_merged = live_cases(code, include_merged=True).filter(detected_on__range=(start, end)).count()
    assert with_merged > 898  # the same events recorded by a second force are in the window, merged away
    merged = Case.objects.filter(merged_into__isnull=False)
    assert merged.exists() and not merged.exclude(status=CaseStatus.MERGED).exists()
    assert CaseMerge.objects.filter(undone_at__isnull=True).count() == merged.count()
    assert CaseMerge.objects.filter(undone_at__isnull=False).exists()
    # Joint cases inside the window: counted through participations they would appear more than once.
    code, start, end = LS_2020
    handled = live_cases(code).filter(handled_on__range=(start, end))
    joint = handled.filter(participations__isnull=False).distinct()
    assert joint.exists()
    through_units = handled.count() + CaseUnit.objects.filter(case__in=handled).count()
    assert through_units > 4365 == handled.count()


def test_handled_is_not_detected(seeded):
    code, start, end = LS_2020
    got = indicators(*LS_2020)
    assert got["cases_detected"] != got["cases_handled"]
    cases = live_cases(code)
    assert cases.filter(handled_on__range=(start, end), detected_on__lt=start).exists()
    # Penalised in the period after a transfer before it: a penalty case of 2020, handled in 2019.
    carried = PenaltyDecision.objects.filter(
        case__in=cases.filter(handled_on__lt=start), decided_on__gte=start
    )
    assert carried.filter(decided_on__lte=end).exists()
    assert cases.filter(status=CaseStatus.OPEN).exists()
    assert cases.filter(status=CaseStatus.CLOSED).exclude(closed_reason="").exists()


def test_trends_years_and_border_closure(seeded):
    langson = live_cases("20")
    years = {d.year for d in langson.dates("detected_on", "year")}
    assert set(range(2019, 2026)) <= years

    def trail(start, end):
        return langson.filter(channel=Channel.TRAIL, detected_on__range=(start, end)).count()

    # Covid-19: trails almost unused from March to May 2020, used again from July.
    assert trail(dt.date(2020, 3, 1), dt.date(2020, 5, 31)) * 5 < trail(
        dt.date(2019, 3, 1), dt.date(2019, 5, 31)
    )
    assert trail(dt.date(2020, 8, 1), dt.date(2020, 10, 31)) > 3 * trail(
        dt.date(2020, 3, 1), dt.date(2020, 5, 31)
    )
    # Poultry over the trails of the abolished border districts.
    for district in ("Huyện Văn Lãng", "Huyện Cao Lộc", "Huyện Lộc Bình"):
        assert langson.filter(place__name=district, goods__commodity_group__code="poultry").exists()
    other = {"1", "4", "22", "91"}
    assert other <= set(Case.objects.values_list("province__code", flat=True).distinct())


def test_every_party_identifier_is_valid(seeded):
    parties = Party.objects.values_list(
        "kind", "date_of_birth", "sex", "id_number", "tax_code", "plate", "phone"
    )
    kinds = Counter()
    for kind, born, sex, id_number, tax_code, plate, phone in parties.iterator(chunk_size=5000):
        kinds[kind] += 1
        if id_number:
            assert identifiers.check_cccd(id_number, date_of_birth=born, sex=sex) == id_number
        if tax_code:
            assert identifiers.check_tax_code(tax_code).value == tax_code
        if plate:
            assert identifiers.check_plate(plate) == plate
        if phone:
            assert identifiers.check_phone(phone) == phone
    assert set(kinds) == set(PartyKind.values)
    persons = Party.objects.filter(kind=PartyKind.PERSON)
    assert not persons.filter(id_number="").exists()
    assert persons.values("id_number").distinct().count() > 0.9 * persons.count()
    tax_kinds = set(Party.objects.exclude(tax_code="").values_list("tax_code_kind", flat=True).distinct())
    assert tax_kinds == {"mst10", "mst13", "personal_id"}


def test_vietnamese_names(seeded):
    names = list(Party.objects.filter(kind=PartyKind.PERSON).values_list("name", flat=True))
    families = Counter(n.split()[0] for n in names)
    assert 0.33 < families["Nguyễn"] / len(names) < 0.43
    assert families.most_common(4)[0][0] == "Nguyễn" and {"Trần", "Lê"} <= {
        f for f, _ in families.most_common(4)
    }


def test_documents_and_managed_lists(seeded):
    assert not PenaltyDecision.objects.exclude(number__regex=r"^\d+/QĐ-XPHC$").exists()
    case = Case.objects.filter(violation_type__isnull=False, goods__commodity_group__isnull=False).first()
    assert case.violation_type.name_en and case.goods.first().commodity_group.name_en
    assert Case.objects.filter(channel=Channel.ECOMMERCE).exclude(channel_url="").exists()


def test_search_finds_demo_cases_without_diacritics(seeded):
    leader = get_user_model().objects.get(username="lanhdao.langson")
    plain = case_list(user=leader, filters=CaseFilters(q="van lang ga"))
    marked = case_list(user=leader, filters=CaseFilters(q="Văn Lãng gà"))
    assert plain.count() == marked.count() > 0
    assert not plain.exclude(province__code="20").exists()


def test_every_role_has_a_demo_user_who_can_log_in(seeded):
    demo = Membership.objects.filter(user__email__endswith=demo_seed.DEMO_EMAIL_DOMAIN)
    assert set(demo.values_list("role", flat=True)) == set(Role.values)
    for role in Role.values:
        username = demo.filter(role=role).values_list("user__username", flat=True).first()
        assert authenticate(username=username, password=PASSWORD) is not None
        assert username in seeded.output
    assert PASSWORD in seeded.output
    assert demo.filter(unit__isnull=False).values("unit").distinct().count() > 10
    assert demo.filter(committee__level="province").values("committee").distinct().count() >= 6
    assert Committee.objects.filter(level="commune").exists()
    regional = Unit.objects.get(name="Chi cục Hải quan khu vực VI")
    assert set(regional.area.values_list("code", flat=True)) == {"20", "4"}


def test_every_case_has_its_audit_row(seeded):
    created = AuditEvent.objects.filter(verb="case.created", channel="cli", target_type="cases.case")
    assert created.count() == Case.objects.count()
    assert AuditEvent.objects.filter(verb="case.merged").count() == CaseMerge.objects.count()


def test_second_run_creates_nothing(seeded):
    before = (Case.objects.count(), AuditEvent.objects.count(), get_user_model().objects.count())
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "không tạo thêm" in out.getvalue() and "quantri" in out.getvalue()
    assert (Case.objects.count(), AuditEvent.objects.count(), get_user_model().objects.count()) == before


def test_deterministic_whatever_the_hash_seed(seeded):
    plan = seeded.plan
    marker = AuditEvent.objects.get(verb=demo_seed.SEEDED_VERB)
    assert marker.data["checksum"] == plan.checksum()
    # Another process, another hash seed: the same plan.
    script = "import django; django.setup(); from sc389.demo.cases import build_plan; print(build_plan().checksum())"
    env = {**os.environ, "PYTHONHASHSEED": "12345", "DJANGO_SETTINGS_MODULE": "sc389.settings.test"}
    other = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert other.stdout.strip() == plan.checksum()
    # What was written is the plan: a sample of references with their dates, units, places and amounts.
    sample = plan.cases[:: max(1, len(plan.cases) // 400)]
    for planned in sample:
        code = {
            "langson": "20",
            "hungyen": "33",
            "caobang": "4",
            "quangninh": "22",
            "hanoi": "1",
            "angiang": "91",
        }
        reference = f"{int(code[planned.province]):02d}-{planned.detected_on.year}-{planned.sequence:06d}"
        case = Case.objects.select_related("lead_unit", "place").get(reference=reference)
        assert (case.detected_on, case.lead_unit.code, case.status, case.handled_on) == (
            planned.detected_on,
            planned.lead_unit,
            planned.status,
            planned.handled_on,
        )
        assert case.place.code == planned.place[1] or case.place.name == planned.place[1]
        fines = sorted(case.penalties.values_list("fine_vnd", flat=True))
        assert fines == sorted(p.fine_vnd for p in planned.penalties)
        ids = sorted(filter(None, case.parties.values_list("id_number", flat=True)))
        assert ids == sorted(filter(None, (p.id_number for p in planned.parties)))


def test_plan_checks_itself_against_the_figures(seeded):
    """The plan refuses to be written when it misses a published figure."""
    demo_cases.check_figures(seeded.plan.cases, demo_cases.WINDOWS)
    for window in demo_cases.WINDOWS:
        off_by_one = replace(window, penalty_cases=window.penalty_cases + 1)
        with pytest.raises(RuntimeError, match=f"misses the figures of {window.key}"):
            demo_cases.check_figures(seeded.plan.cases, [off_by_one])


def test_demo_has_a_session_with_tasks_campaigns_and_tips(seeded):
    from sc389.direction.models import Campaign, Task, WorkingSession
    from sc389.tips.models import Tip

    langson = Committee.objects.get(code="BCD389-20")
    session = WorkingSession.objects.get(committee=langson)
    assert Task.objects.filter(conclusion__session=session).count() == session.conclusions.count() == 4
    assert Campaign.objects.filter(starts_on=dt.date(2025, 5, 17), ends_on=dt.date(2025, 10, 15)).exists()
    tips = Tip.objects.filter(province__code="20")
    assert tips.count() == 4
    assert tips.filter(routed_unit__isnull=False).count() == 2
