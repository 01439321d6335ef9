"""The indicator engine on small hand-built data: every figure against an independent count of what was recorded.

Hypothesis draws cases (joint or not, merged or not, in today's communes or in old Thái Bình) with their
outcomes; each example is written through the case services inside a savepoint that is rolled back.
"""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sc389.cases import services as cases
from sc389.cases.choices import Category, Channel
from sc389.org.models import AdministrativeUnit
from sc389.reports import periods
from sc389.reports.indicators import CODES, DIMENSIONS, Area, area_resolve, totals
from sc389.reports.periods import Period
from sc389.reports.selectors import report_build

pytestmark = pytest.mark.django_db

UNITS = ["customs_huunghi", "customs_region6", "bp_langson", "qltt_langson5", "police_hungyen"]
PLACES = ["dongdang", "kyla", "hungyen_ward", "thaibinh", "oldhungyen"]
ORIGIN = dt.date(2024, 1, 1)


@dataclass
class Spec:
    unit: str
    place: str
    category: str
    channel: str
    detected: int
    participants: list[str]
    penalties: list[tuple[int, int, int]]
    prosecution: tuple[int, int] | None
    remittance: tuple[int, int] | None
    merge: bool


specs = st.builds(
    Spec,
    unit=st.sampled_from(UNITS),
    place=st.sampled_from(PLACES),
    category=st.sampled_from(Category.values),
    channel=st.sampled_from(Channel.values),
    detected=st.integers(0, 700),
    participants=st.lists(st.sampled_from(UNITS), max_size=2, unique=True),
    penalties=st.lists(
        st.tuples(st.integers(0, 90), st.integers(0, 10**9), st.integers(0, 10**9)), max_size=2
    ),
    prosecution=st.none() | st.tuples(st.integers(0, 90), st.integers(0, 4)),
    remittance=st.none() | st.tuples(st.integers(0, 120), st.integers(1, 10**9)),
    merge=st.booleans(),
)


@st.composite
def windows(draw) -> Period:
    a, b = draw(st.integers(0, 820)), draw(st.integers(0, 820))
    return Period(ORIGIN + dt.timedelta(days=min(a, b)), ORIGIN + dt.timedelta(days=max(a, b)))


def places(tree) -> dict[str, AdministrativeUnit]:
    old = AdministrativeUnit.objects.filter(level="district", valid_to__isnull=False)
    return {
        **tree.communes,
        "thaibinh": old.filter(parent__name="Tỉnh Thái Bình").order_by("code").first(),
        "oldhungyen": old.filter(parent__name="Tỉnh Hưng Yên").order_by("code").first(),
    }


def record(tree, where, specs_: list[Spec]) -> list[Spec]:
    """Write the cases through the services; returns the specs that stay live (not merged away)."""
    actor = tree.users["admin_national"]
    live: list[tuple[Spec, object]] = []
    for s in specs_:
        day = ORIGIN + dt.timedelta(days=s.detected)
        case = cases.case_create(
            actor=actor,
            lead_unit=tree.units[s.unit],
            category=s.category,
            channel=s.channel,
            detected_on=day,
            place=where[s.place],
            participants=[tree.units[u] for u in s.participants],
        )
        for i, (offset, fine, confiscated) in enumerate(s.penalties):
            cases.outcome_add(
                case=case,
                actor=actor,
                kind="penalty",
                number=f"{case.pk}{i}/QĐ-XPHC",
                decided_on=day + dt.timedelta(days=offset),
                fine_vnd=fine,
                confiscated_value_vnd=confiscated,
            )
        if s.prosecution:
            offset, defendants = s.prosecution
            cases.outcome_add(
                case=case,
                actor=actor,
                kind="prosecution",
                decision_number=f"{case.pk}/QĐ-KTVA",
                decided_on=day + dt.timedelta(days=offset),
                defendants=defendants,
            )
        if s.remittance:
            offset, amount = s.remittance
            cases.outcome_add(
                case=case,
                actor=actor,
                kind="remittance",
                values={"remitted_on": day + dt.timedelta(days=offset), "amount_vnd": amount, "kind": "fine"},
            )
        if s.merge and live:
            cases.case_merge(survivor=live[-1][1], absorbed=case, actor=actor)
        else:
            live.append((s, case))
    return [s for s, _ in live]


def expected(live: list[Spec], period: Period, provinces: set[str] | None = None) -> dict[str, int]:
    """The figures counted by hand from the specs: the oracle."""

    def inside(offset: int, base: int) -> bool:
        return period.start <= ORIGIN + dt.timedelta(days=base + offset) <= period.end

    out = dict.fromkeys(CODES, 0)
    for s in live:
        if provinces is not None and PROVINCE_OF[s.place] not in provinces:
            continue
        decisions = [p[0] for p in s.penalties] + ([s.prosecution[0]] if s.prosecution else [])
        out["cases_detected"] += inside(0, s.detected)
        out["cases_handled"] += bool(decisions) and inside(min(decisions), s.detected)
        penalties = [p for p in s.penalties if inside(p[0], s.detected)]
        out["admin_penalty_cases"] += bool(penalties)
        out["fines_vnd"] += sum(p[1] for p in penalties)
        out["confiscated_goods_value_vnd"] += sum(p[2] for p in penalties)
        if s.prosecution and inside(s.prosecution[0], s.detected):
            out["prosecuted_cases"] += 1
            out["defendants"] += s.prosecution[1]
        if s.remittance and inside(s.remittance[0], s.detected):
            out["budget_remitted_vnd"] += s.remittance[1]
    out["cases_inspected"] = out["cases_detected"]  # from cases, inspections that found nothing are unknown
    return out


PROVINCE_OF = {"dongdang": "20", "kyla": "20", "hungyen_ward": "33", "thaibinh": "33", "oldhungyen": "33"}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(specs, min_size=1, max_size=7), windows())
def test_figures_match_the_records_and_every_breakdown_sums_to_the_total(tree, drawn, period):
    where = places(tree)
    with transaction.atomic():
        live = record(tree, where, drawn)
        national = Area("national")
        got = totals(area=national, period=period)
        # a joint case counts once, a merged one never
        assert got == expected(live, period)
        for code in ("20", "33"):
            assert totals(area=area_resolve(code), period=period) == expected(live, period, {code})
        for by in DIMENSIONS:
            report = report_build(area=national, period=period, compare="previous", by=by)
            for code in CODES:
                assert sum(r.indicators[code].value for r in report.rows) == got[code], (by, code)
                assert (
                    sum(r.indicators[code].compare_value for r in report.rows)
                    == report.indicators[code].compare_value
                ), (by, code)
        transaction.set_rollback(True)


def test_joint_case_counts_once_for_its_lead_unit(tree, make_case):
    # given a case led by the Hữu Nghị customs with the border guard and market surveillance taking part
    case = make_case(participants=[tree.units["bp_langson"], tree.units["qltt_langson5"]])
    cases.outcome_add(
        case=case,
        actor=tree.users["officer_langson_customs"],
        kind="penalty",
        number="1/QĐ-XPHC",
        decided_on=dt.date(2025, 3, 5),
        fine_vnd=5_000_000,
    )
    period = periods.month(2025, 3)
    # when the report is broken down by unit and by force
    by_unit = report_build(area=area_resolve("20"), period=period, by="unit", compare="none")
    by_force = report_build(area=area_resolve("20"), period=period, by="force", compare="none")
    # then the case is one row, its lead unit's, and one force, customs
    assert [(r.key, r.indicators["cases_handled"].value) for r in by_unit.rows] == [("HQ-HN", 1)]
    assert [(r.key, r.label) for r in by_force.rows] == [("customs", "Hải quan")]
    assert by_force.indicators["fines_vnd"].value == 5_000_000
    assert by_force.indicators["fines_vnd"].ratio_pct is None


def test_hung_yen_before_july_2025_includes_old_thai_binh(tree, make_case):
    where = places(tree)
    # given cases placed in old Thái Bình and old Hưng Yên before the merger, and one in Cao Bằng
    make_case(
        officer="admin_national",
        unit="police_hungyen",
        place=where["thaibinh"],
        detected_on=dt.date(2025, 5, 20),
    )
    make_case(
        officer="admin_national",
        unit="police_hungyen",
        place=where["oldhungyen"],
        detected_on=dt.date(2025, 6, 2),
    )
    make_case(
        officer="admin_national",
        unit="bp_caobang",
        place=tree.provinces["caobang"],
        detected_on=dt.date(2025, 6, 2),
    )
    # when today's Hưng Yên reports on May-June 2025
    report = report_build(
        area=area_resolve("33"), period=Period(dt.date(2025, 5, 1), dt.date(2025, 6, 30)), by="commune"
    )
    # then both count, under no current commune (the places were districts)
    assert report.indicators["cases_detected"].value == 2
    assert [(r.key, r.indicators["cases_detected"].value) for r in report.rows] == [(None, 2)]
    assert report.rows[0].label == "Chưa xác định (địa bàn trước năm 2025)"


def test_scope_limits_the_figures(tree, make_case):
    make_case()  # Hữu Nghị customs, Lạng Sơn
    make_case(officer="officer_langson_bp", unit="bp_langson")
    make_case(officer="officer_caobang_bp", unit="bp_caobang", place=tree.provinces["caobang"])
    period = periods.month(2025, 3)
    national = Area("national")

    def detected(user) -> int:
        return totals(area=national, period=period, user=user)["cases_detected"]

    assert totals(area=national, period=period)["cases_detected"] == 3
    assert detected(tree.users["leader_national"]) == 3
    assert detected(tree.users["leader_langson"]) == 2
    assert detected(tree.users["officer_langson_customs"]) == 1
    assert detected(tree.users["leader_caobang"]) == 1
    assert detected(tree.users["leader_hungyen"]) == 0


def test_month_breakdown_puts_a_case_in_the_month_of_its_first_decision(tree, make_case):
    case = make_case(detected_on=dt.date(2025, 1, 20))
    officer = tree.users["officer_langson_customs"]
    for number, day, fine in (("1", dt.date(2025, 1, 31), 1_000_000), ("2", dt.date(2025, 2, 1), 2_000_000)):
        cases.outcome_add(
            case=case, actor=officer, kind="penalty", number=f"{number}/QĐ", decided_on=day, fine_vnd=fine
        )
    report = report_build(
        area=area_resolve("20"), period=periods.quarter(2025, 1), by="month", compare="none"
    )
    rows = {r.key: r.indicators for r in report.rows}
    assert set(rows) == {"2025-01", "2025-02"}
    assert (
        rows["2025-01"]["admin_penalty_cases"].value == 1
        and rows["2025-02"]["admin_penalty_cases"].value == 0
    )
    assert rows["2025-01"]["fines_vnd"].value == 1_000_000 and rows["2025-02"]["fines_vnd"].value == 2_000_000
    assert report.indicators["admin_penalty_cases"].value == 1
    assert [r.label for r in report.rows] == ["Tháng 1/2025", "Tháng 2/2025"]


def test_month_rows_of_a_previous_period_spanning_more_months_add_up_to_its_total(tree, make_case):
    # 2-26 March against the 25 days before (5 February - 1 March): the comparison's February and 1 March both
    # fall in the one March row, none of them lost (found by test_properties)
    for day in (dt.date(2025, 2, 10), dt.date(2025, 3, 1), dt.date(2025, 3, 5)):
        make_case(detected_on=day)
    report = report_build(
        area=area_resolve("20"),
        period=Period(dt.date(2025, 3, 2), dt.date(2025, 3, 26)),
        by="month",
        compare="previous",
    )
    rows = {r.key: r.indicators["cases_detected"] for r in report.rows}
    assert set(rows) == {"2025-03"}
    assert (rows["2025-03"].value, rows["2025-03"].compare_value) == (1, 2)
    assert report.indicators["cases_detected"].compare_value == 2


def test_report_uses_a_few_grouped_queries(tree, make_case, django_assert_max_num_queries):
    for day in range(1, 20):
        make_case(detected_on=dt.date(2025, 3, day))
    with django_assert_max_num_queries(7 * 4 + 4):
        report_build(area=area_resolve("20"), period=periods.month(2025, 3), by="category")
