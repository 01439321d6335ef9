"""Properties of the engine with submissions, commodity groups and merged provinces (hypothesis).

- an approved submission and cases never both count for one unit-period, a joint case never counts twice;
- the rows of every breakdown sum to the total (every additive breakdown; commodity: at least the total, and
  exactly each case once in each of its groups);
- a report over today's Hưng Yên equals the sum of the reports over its predecessors (old Hưng Yên, Thái Bình).
Each example is written through the services inside a savepoint that is rolled back.
"""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sc389.cases import services as cases
from sc389.cases.choices import Category
from sc389.cases.models import CommodityGroup
from sc389.org.models import AdministrativeUnit
from sc389.reports import periods
from sc389.reports.indicators import CODES, DIMENSIONS, MULTI_ROW, Area, area_resolve, totals
from sc389.reports.periods import Period
from sc389.reports.selectors import report_build
from sc389.reports.submissions import services as subs

pytestmark = pytest.mark.django_db

UNITS = ["customs_huunghi", "bp_langson", "police_hungyen"]
SUBMITTERS = {"customs_huunghi": "officer_langson_customs", "police_hungyen": "officer_hungyen_police"}
OFFICE = {"customs_huunghi": "analyst_langson", "police_hungyen": "analyst_national"}
PLACE = {"customs_huunghi": "dongdang", "bp_langson": "kyla", "police_hungyen": "hungyen_ward"}
GROUPS = ["cig", "fuel"]
MONTHS = 4  # January to April 2025


@dataclass
class CaseSpec:
    unit: str
    month: int
    day: int
    category: str
    groups: list
    penalty: tuple[int, int] | None
    participants: list


@dataclass
class SubSpec:
    unit: str
    month: int
    detected: int
    fines: int
    split: bool


case_specs = st.builds(
    CaseSpec,
    unit=st.sampled_from(UNITS),
    month=st.integers(1, MONTHS),
    day=st.integers(1, 28),
    category=st.sampled_from(Category.values),
    groups=st.lists(st.sampled_from([*GROUPS, None]), max_size=3),
    penalty=st.none() | st.tuples(st.integers(0, 40), st.integers(0, 10**8)),
    participants=st.lists(st.sampled_from(UNITS), max_size=2, unique=True),
)
sub_specs = st.builds(
    SubSpec,
    unit=st.sampled_from(list(SUBMITTERS)),
    month=st.integers(1, MONTHS),
    detected=st.integers(0, 50),
    fines=st.integers(0, 10**9),
    split=st.booleans(),
)


@st.composite
def windows(draw) -> Period:
    """Whole months, or any days, so submissions fall inside, outside or across the edge."""
    if draw(st.booleans()):
        a, b = sorted((draw(st.integers(1, MONTHS)), draw(st.integers(1, MONTHS))))
        return Period(periods.month(2025, a).start, periods.month(2025, b).end)
    a, b = sorted((draw(st.integers(0, 130)), draw(st.integers(0, 130))))
    origin = dt.date(2025, 1, 1)
    return Period(origin + dt.timedelta(days=a), origin + dt.timedelta(days=b))


def write(tree, case_list: list[CaseSpec], sub_list: list[SubSpec]) -> list[SubSpec]:
    admin = tree.users["admin_national"]
    groups = {
        code: CommodityGroup.objects.get_or_create(code=code, defaults={"name": code})[0] for code in GROUPS
    }
    for s in case_list:
        day = dt.date(2025, s.month, s.day)
        case = cases.case_create(
            actor=admin,
            lead_unit=tree.units[s.unit],
            category=s.category,
            detected_on=day,
            place=tree.communes[PLACE[s.unit]],
            participants=[tree.units[u] for u in s.participants if u != s.unit],
        )
        for g in s.groups:
            cases.goods_line_add(case=case, actor=admin, description="Hàng", commodity_group=groups.get(g))
        if s.penalty:
            cases.outcome_add(
                case=case,
                actor=admin,
                kind="penalty",
                number=f"{case.pk}/QĐ",
                decided_on=day + dt.timedelta(days=s.penalty[0]),
                fine_vnd=s.penalty[1],
            )
    approved = {}
    for s in sub_list:
        approved[(s.unit, s.month)] = s  # one submission per unit-period: the last one drawn wins
    for s in approved.values():
        detected = {"total": s.detected}
        if s.split:
            detected |= {"smuggling": s.detected // 2, "other": s.detected - s.detected // 2}
        figures = {"cases_detected": detected, "fines_vnd": {"total": s.fines}}
        sub, _ = subs.submission_save(
            unit=tree.units[s.unit],
            period=periods.month(2025, s.month),
            figures=figures,
            actor=tree.users[SUBMITTERS[s.unit]],
        )
        subs.submission_submit(submission=sub, actor=tree.users[SUBMITTERS[s.unit]])
        subs.submission_approve(submission=sub, actor=tree.users[OFFICE[s.unit]])
    return list(approved.values())


def oracle(case_list, sub_list, window: Period) -> dict[str, int]:
    """cases_detected and fines_vnd counted by hand: a unit-period counted from its submission drops its cases."""
    counted = [
        s
        for s in sub_list
        if window.start <= periods.month(2025, s.month).start
        and periods.month(2025, s.month).end <= window.end
    ]
    replaced = {(s.unit, s.month) for s in counted}

    def from_cases(unit: str, day: dt.date) -> bool:
        return (unit, day.month) not in replaced or day.year != 2025

    out = {"cases_detected": 0, "fines_vnd": 0}
    for c in case_list:
        day = dt.date(2025, c.month, c.day)
        if window.start <= day <= window.end and from_cases(c.unit, day):
            out["cases_detected"] += 1
        if c.penalty:
            decided = day + dt.timedelta(days=c.penalty[0])
            if window.start <= decided <= window.end and from_cases(c.unit, decided):
                out["fines_vnd"] += c.penalty[1]
    for s in counted:
        out["cases_detected"] += s.detected
        out["fines_vnd"] += s.fines
    return out


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(case_specs, max_size=6), st.lists(sub_specs, max_size=4), windows())
def test_sources_never_double_count_and_every_breakdown_sums_to_the_total(tree, case_list, sub_list, window):
    with transaction.atomic():
        approved = write(tree, case_list, sub_list)
        national = Area("national")
        got = totals(area=national, period=window)
        want = oracle(case_list, approved, window)
        assert {k: got[k] for k in want} == want
        # national = Lạng Sơn + Hưng Yên (every unit is homed and every case placed in one of them)
        for code in CODES:
            assert got[code] == sum(totals(area=area_resolve(p), period=window)[code] for p in ("20", "33"))
        for by in DIMENSIONS:
            report = report_build(area=national, period=window, compare="previous", by=by)
            for code in CODES:
                rows = sum(r.indicators[code].value for r in report.rows)
                before = sum(r.indicators[code].compare_value for r in report.rows)
                if by in MULTI_ROW:
                    assert rows >= got[code], (by, code)
                else:
                    assert rows == got[code], (by, code)
                    assert before == report.indicators[code].compare_value, (by, code)
        transaction.set_rollback(True)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(case_specs, max_size=6), windows())
def test_commodity_rows_count_each_case_once_in_each_of_its_groups(tree, case_list, window):
    with transaction.atomic():
        write(tree, case_list, [])
        report = report_build(area=Area("national"), period=window, compare="none", by="commodity")
        got = {r.key: r.indicators["cases_detected"].value for r in report.rows}
        want: dict = {}
        for c in case_list:
            if window.start <= dt.date(2025, c.month, c.day) <= window.end:
                keys = {g for g in c.groups if g} or {None}
                for k in keys:
                    want[k] = want.get(k, 0) + 1
        assert {k: v for k, v in got.items() if v} == want
        transaction.set_rollback(True)


def historic_districts(province_name: str) -> list[AdministrativeUnit]:
    return list(
        AdministrativeUnit.objects.filter(
            level="district", valid_to__isnull=False, parent__name=province_name
        ).order_by("code")[:3]
    )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.tuples(st.integers(0, 5), st.integers(0, 700), st.booleans()), min_size=1, max_size=6),
    st.integers(0, 700),
    st.integers(0, 700),
)
def test_merged_province_equals_the_sum_over_its_predecessors(tree, drawn, a, b):
    old_hy = AdministrativeUnit.objects.get(level="province", name="Tỉnh Hưng Yên", valid_to__isnull=False)
    old_tb = AdministrativeUnit.objects.get(level="province", name="Tỉnh Thái Bình", valid_to__isnull=False)
    places = historic_districts(old_hy.name) + historic_districts(old_tb.name)
    origin = dt.date(2024, 1, 1)
    window = Period(origin + dt.timedelta(days=min(a, b)), origin + dt.timedelta(days=max(a, b)))
    with transaction.atomic():
        admin = tree.users["admin_national"]
        for index, day, fined in drawn:
            case = cases.case_create(
                actor=admin,
                lead_unit=tree.units["police_hungyen"],
                category="smuggling",
                detected_on=origin + dt.timedelta(days=day),
                place=places[index % len(places)],
            )
            if fined:
                cases.outcome_add(
                    case=case,
                    actor=admin,
                    kind="penalty",
                    number=f"{case.pk}/QĐ",
                    decided_on=case.detected_on,
                    fine_vnd=1_000_000 + day,
                )
        today = totals(area=area_resolve("33"), period=window)
        parts = [totals(area=Area("province", unit), period=window) for unit in (old_hy, old_tb)]
        assert today == {code: sum(p[code] for p in parts) for code in CODES}
        assert today["cases_detected"] == sum(
            window.start <= origin + dt.timedelta(days=d) <= window.end for _i, d, _f in drawn
        )
        transaction.set_rollback(True)
