"""compute() read from the report facts (models/facts.py) instead of scanning cases and outcomes.

Same rules, same answer as `indicators.compute_from_cases` (the reference, tests/reports/test_facts.py):
whole months of a national or provincial report come from the monthly rollup, the partial months at either end
and every other report (a commune, an abolished area, a reader's partial scope, a channel or commune breakdown,
a period with a counted submission) from the fact rows, each in one grouped query.
"""

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Min, Q, QuerySet, Subquery, Sum
from django.db.models.functions import TruncMonth

from sc389.core import access
from sc389.org.models import AdministrativeUnit, Unit

from . import sources
from .facts import counted_cases
from .models import FactKind, ReportFact, ReportFactMonth
from .periods import Period

# breakdown → the fact column it groups by (ids are turned into codes at the end)
FACT_KEYS = {
    "category": "category",
    "channel": "channel",
    "force": "lead_unit_id",
    "unit": "lead_unit_id",
    "province": "province_id",
    "commune": "commune_id",
}
ROLLUP_BREAKDOWNS = frozenset({None, "category", "force", "unit", "province", "month"})
SUPPORTED = frozenset(FACT_KEYS) | {None, "month"}  # commodity: a case in several rows, read from the cases

# indicator code → the rollup/aggregate name computed below
NAMES = {
    "cases_detected": "detected",
    "cases_handled": "handled",
    "admin_penalty_cases": "penalty_cases",
    "fines_vnd": "fines",
    "confiscated_goods_value_vnd": "confiscated",
    "budget_remitted_vnd": "remitted",
    "prosecuted_cases": "prosecuted_cases",
    "defendants": "defendants",
}
DISTINCT = {"penalty_cases": FactKind.PENALTY, "prosecuted_cases": FactKind.PROSECUTION}


def _aggregates(first: Q | None) -> dict:
    def kind(k: int) -> Q:
        return Q(kind=k)

    once = Q() if first is None else first
    out = {
        "detected": Count("id", filter=kind(FactKind.DETECTED)),
        "handled": Count("id", filter=kind(FactKind.HANDLED)),
        "fines": Sum("amount", filter=kind(FactKind.PENALTY)),
        "confiscated": Sum("amount2", filter=kind(FactKind.PENALTY)),
        "defendants": Sum("amount", filter=kind(FactKind.PROSECUTION)),
        "remitted": Sum("amount", filter=kind(FactKind.REMITTANCE)),
    }
    if first is not None:
        out["penalty_cases"] = Count("id", filter=kind(FactKind.PENALTY) & once)
        out["prosecuted_cases"] = Count("id", filter=kind(FactKind.PROSECUTION) & once)
    return out


def _area_q(area) -> Q:
    unit = area.unit
    if unit is None:
        return Q()
    if unit.valid_to is not None:  # an abolished province or district: the cases placed in its territory
        places = AdministrativeUnit.objects.filter(
            Q(pk=unit.pk) | Q(parent_id=unit.pk) | Q(parent__parent_id=unit.pk)
        ).values_list("pk", flat=True)
        return Q(place_id__in=list(places))
    if area.kind == "province":
        return Q(province_id=unit.pk)
    return Q(commune_id=unit.pk)


def _sees_all(area, user) -> bool:
    """Whether `user` sees every case of the area (a national member, the province's committee), so the facts
    need no per-case scope."""
    if user is None:
        return True
    p = access.principal(user)
    if p.national:
        return True
    unit = area.unit
    if unit is None or unit.valid_to is not None:
        return False
    if area.kind == "province":
        return unit.pk in p.province_ids
    return unit.pk in p.commune_ids or unit.parent_id in p.province_ids


def _split(
    period: Period, rollup: bool
) -> tuple[list[tuple[dt.date, dt.date]], tuple[dt.date, dt.date] | None]:
    """(date ranges read from the facts, (first, last) whole month read from the rollup)."""
    a, b = period.start, period.end
    if not rollup:
        return [(a, b)], None
    first = a if a.day == 1 else _next_month(a)
    after = _next_month(b) if (b + dt.timedelta(days=1)).day == 1 else b.replace(day=1)
    if first >= after:
        return [(a, b)], None
    ranges = []
    if a < first:
        ranges.append((a, first - dt.timedelta(days=1)))
    if after <= b:
        ranges.append((after, b))
    return ranges, (first, after - dt.timedelta(days=1))


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _month_key(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value[:7]
    return value.strftime("%Y-%m")


def _add(result: dict, rows, key_name: str, names, month: bool = False) -> None:
    for row in rows:
        key = _month_key(row[key_name]) if month else row[key_name]
        for name in names:
            groups = result[name]
            groups[key] = groups.get(key, 0) + int(row.get(name) or 0)


def compute(*, area, period: Period, by: str | None, user, plan: sources.Plan, total_key) -> dict[str, dict]:
    """{indicator code: {group key: value}} for the eight case indicators, as compute_from_cases gives them."""
    facts_q = _area_q(area)
    scoped = not _sees_all(area, user)
    if scoped:
        facts_q &= Q(case_id__in=Subquery(access.scope(counted_cases(), user=user).values("pk")))
    excluded = plan.exclude_q("lead_unit_id", "on")
    rollup = (
        not scoped
        and excluded is None
        and by in ROLLUP_BREAKDOWNS
        and (area.unit is None or (area.kind == "province" and area.unit.valid_to is None))
    )
    ranges, months = _split(period, rollup)
    month = by == "month"
    key_col = None if by is None else ("m" if month else FACT_KEYS[by])
    result: dict[str, dict] = {name: {} for name in NAMES.values()}

    def grouped(qs: QuerySet, aggregates: dict, key: str | None) -> list[dict]:
        qs = qs.order_by()
        if key is None:
            return [{"k": total_key, **qs.aggregate(**aggregates)}]
        if key == "m":
            qs = qs.annotate(m=TruncMonth("on"))
        return list(qs.values(key).annotate(**aggregates))

    # 1. fact rows: the partial months (or the whole period)
    key_name = "k" if key_col is None else key_col
    if ranges:
        in_ranges = Q()
        for start, end in ranges:
            in_ranges |= Q(on__range=(start, end))
        facts = ReportFact.objects.filter(facts_q).filter(in_ranges)
        if excluded is not None:
            facts = facts.exclude(excluded)
        first = None if excluded is not None else Q(prev_on__isnull=True) | Q(prev_on__lt=period.start)
        aggregates = _aggregates(first)
        _add(result, grouped(facts, aggregates, key_col), key_name, list(aggregates), month=month)
        if excluded is not None:
            _distinct_with_exclusions(result, facts, key_col, total_key)

    # 2. the rollup: whole months of a national or provincial report
    if months is not None:
        roll = ReportFactMonth.objects.filter(month__range=months)
        if area.unit is not None:
            roll = roll.filter(province_id=area.unit.pk)
        sums = {name: Sum(name) for name in NAMES.values()}
        rkey = None if by is None else ("month" if month else FACT_KEYS[by])
        roll = roll.order_by()
        rows = (
            [{"k": total_key, **roll.aggregate(**sums)}]
            if rkey is None
            else list(roll.values(rkey).annotate(**sums))
        )
        _add(result, rows, "k" if rkey is None else rkey, list(NAMES.values()), month=month)
        # a case's later outcome day in these months counts when its previous one is before the period
        repeats = ReportFact.objects.filter(
            facts_q,
            prev_on__isnull=False,
            prev_on__lt=period.start,
            on__range=months,
            kind__in=list(DISTINCT.values()),
        )
        # Most registers have no such rows: one probe on the (partial) index of repeats skips both queries.
        if ReportFact.objects.filter(prev_on__isnull=False, prev_on__lt=period.start).exists():
            for name, kind in DISTINCT.items():
                rows = grouped(repeats.filter(kind=kind), {name: Count("id")}, key_col)
                _add(result, rows, key_name, [name], month=month)

    result = {code: result[name] for code, name in NAMES.items()}
    if by in ("force", "unit", "province", "commune"):
        result = _codes(result, by)
    return result


def _distinct_with_exclusions(result: dict, facts: QuerySet, key_col: str | None, total_key) -> None:
    """Case counts when a submission replaces some of a unit's outcome days: a case counts once, on its first
    day left in the period."""
    for name, kind in DISTINCT.items():
        cols = ["case_id"] + ([key_col] if key_col not in (None, "m") else [])
        counts: dict = defaultdict(int)
        for row in facts.filter(kind=kind).order_by().values(*cols).annotate(first=Min("on")):
            if key_col is None:
                counts[total_key] += 1
            elif key_col == "m":
                counts[_month_key(row["first"])] += 1
            else:
                counts[row[key_col]] += 1
        groups = result[name]
        for key, n in counts.items():
            groups[key] = groups.get(key, 0) + n


def _codes(result: dict, by: str) -> dict:
    """Group keys from ids to the codes the reference engine groups by (summing ids that share a code)."""
    ids = {k for groups in result.values() for k in groups if k is not None}
    if by in ("force", "unit"):
        rows = Unit.objects.filter(pk__in=ids).values_list("pk", "force__code" if by == "force" else "code")
    else:
        rows = AdministrativeUnit.objects.filter(pk__in=ids).values_list("pk", "code")
    code_of = dict(rows)
    out = {}
    for name, groups in result.items():
        merged: dict = {}
        for key, value in groups.items():
            code = None if key is None else code_of.get(key)
            merged[code] = merged.get(code, 0) + value
        out[name] = merged
    return out
