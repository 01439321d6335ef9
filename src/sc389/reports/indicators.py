"""The standard indicators of the period reports, each defined here and nowhere else (docs/indicators.md).

Common rules:
- a case counts for an area when today's unit holding its place (`Case.province`, `Case.commune`) is in the area,
  so a case placed in an abolished district or in old Thái Bình counts for today's Hưng Yên whatever its date;
- a merged case (merged into another record of the same event) never counts;
- a joint case is one row with one lead unit: it counts once, and under its lead unit and that unit's force;
- each indicator has its own date: detected_on, handled_on, the decision date of penalties and prosecutions, the
  remittance date of budget sums.

All figures come from a few grouped aggregate queries (one per source table and period), never from loops over
cases.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Exists, F, FilteredRelation, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from sc389.cases.choices import Category, Channel
from sc389.cases.models import BudgetRemittance, Case, GoodsLine, PenaltyDecision, Prosecution
from sc389.core import access
from sc389.org.models import AdministrativeUnit, Force, Unit

from . import fromfacts, sources
from .facts import counted_cases
from .periods import Period

TOTAL = "__total__"  # the group key of an ungrouped figure


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str  # Vietnamese source string (gettext_lazy)
    unit: str  # "cases", "persons" or "vnd"
    date: str  # which date puts a record in the period
    definition: str


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "cases_inspected",
        gettext_lazy("Số vụ kiểm tra"),
        "cases",
        "Case.detected_on",
        "Inspections (kiểm tra) in the period. The case register only holds inspections that found a violation, "
        "so from cases this equals the cases detected; an approved submission gives the unit's real number "
        "(its cases_detected when it gives none).",
    ),
    Indicator(
        "cases_detected",
        gettext_lazy("Số vụ phát hiện"),
        "cases",
        "Case.detected_on",
        "Cases detected (phát hiện, bắt giữ) in the period, by their detection date.",
    ),
    Indicator(
        "cases_handled",
        gettext_lazy("Số vụ xử lý"),
        "cases",
        "Case.handled_on",
        "Cases handled in the period: their first penalty decision, prosecution or transfer falls in it "
        "(a case detected earlier counts here, so handled can exceed detected).",
    ),
    Indicator(
        "admin_penalty_cases",
        gettext_lazy("Số vụ xử phạt hành chính"),
        "cases",
        "PenaltyDecision.decided_on",
        "Cases with at least one administrative penalty decision dated in the period (a case counts once).",
    ),
    Indicator(
        "fines_vnd",
        gettext_lazy("Tiền phạt"),
        "vnd",
        "PenaltyDecision.decided_on",
        "Sum of the fines of the penalty decisions dated in the period.",
    ),
    Indicator(
        "confiscated_goods_value_vnd",
        gettext_lazy("Trị giá hàng tịch thu"),
        "vnd",
        "PenaltyDecision.decided_on",
        "Sum of the value of goods confiscated by the penalty decisions dated in the period (kept apart from "
        "the budget figure).",
    ),
    Indicator(
        "budget_remitted_vnd",
        gettext_lazy("Thu nộp ngân sách nhà nước"),
        "vnd",
        "BudgetRemittance.remitted_on",
        "Sum of the amounts paid into the state budget in the period: fines, tax arrears, proceeds of "
        "confiscated goods and other sums, by payment date.",
    ),
    Indicator(
        "prosecuted_cases",
        gettext_lazy("Số vụ khởi tố"),
        "cases",
        "Prosecution.decided_on",
        "Cases with at least one prosecution decision dated in the period (a case counts once).",
    ),
    Indicator(
        "defendants",
        gettext_lazy("Số bị can"),
        "persons",
        "Prosecution.decided_on",
        "Sum of the defendants of the prosecution decisions dated in the period.",
    ),
)
CODES: tuple[str, ...] = tuple(i.code for i in INDICATORS)
BY_CODE: dict[str, Indicator] = {i.code: i for i in INDICATORS}


# --- areas ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    """What a report covers: the whole country, or one of today's provinces or communes."""

    kind: str  # "national", "province" or "commune"
    unit: AdministrativeUnit | None = None

    @property
    def code(self) -> str:
        return "national" if self.unit is None else self.unit.code

    @property
    def name(self) -> str:
        return str(_("Toàn quốc")) if self.unit is None else self.unit.name

    def phrase(self) -> str:
        """How the summary names the area: "trên địa bàn tỉnh Lạng Sơn", "trên cả nước"."""
        if self.unit is None:
            return str(_("trên cả nước"))
        if self.kind == "province" and self.unit.division_type.startswith("thành phố"):
            return str(_("trên địa bàn thành phố %(name)s")) % {"name": self.unit.name}
        if self.kind == "province":
            return str(_("trên địa bàn tỉnh %(name)s")) % {"name": self.unit.name}
        return str(_("trên địa bàn %(name)s")) % {"name": self.unit.name[:1].lower() + self.unit.name[1:]}

    def case_q(self, prefix: str = "") -> Q:
        if self.unit is not None and self.unit.valid_to is not None:
            # An abolished province or district (old Thái Bình): the cases placed in its territory, whatever today's
            # unit holds them, so a report over today's Hưng Yên equals the sum over its predecessors.
            return (
                Q(**{f"{prefix}place_id": self.unit.pk})
                | Q(**{f"{prefix}place__parent_id": self.unit.pk})
                | Q(**{f"{prefix}place__parent__parent_id": self.unit.pk})
            )
        if self.kind == "province":
            return Q(**{f"{prefix}province_id": self.unit.pk})
        if self.kind == "commune":
            return Q(**{f"{prefix}commune_id": self.unit.pk})
        return Q()

    def as_json(self) -> dict:
        return {"code": self.code, "kind": self.kind, "name": self.name}


def area_resolve(code: str) -> Area:
    """`national`, a province code of vietnam-provinces (Lạng Sơn 20, Hưng Yên 33) or a commune code."""
    code = code.strip()
    if code.lower() in ("national", "toanquoc", "vn"):
        return Area("national")
    if not code.isdigit():
        raise ValueError(
            _("Mã địa bàn không hợp lệ: %(code)s (dùng national hoặc mã tỉnh, mã xã).") % {"code": code}
        )
    code = str(int(code))
    for level in ("province", "commune"):
        unit = AdministrativeUnit.objects.filter(level=level, code=code, valid_to__isnull=True).first()
        if unit is not None:
            return Area(level, unit)
    raise ValueError(_("Không có tỉnh hoặc xã hiện hành mang mã %(code)s.") % {"code": code})


# --- breakdowns ----------------------------------------------------------------------------------------------

# Case attribute of each breakdown (a case sits in exactly one row, so rows sum to the total). `month` groups
# each indicator by the month of its own date; see _month_of_first for case counts from outcomes.
DIMENSIONS: dict[str, str | None] = {
    "category": "category",
    "force": "lead_unit__force__code",
    "unit": "lead_unit__code",
    "province": "province__code",
    "commune": "commune__code",
    "channel": "channel",
    "commodity": "live_goods__commodity_group__code",  # the goods lines joined by _commodity_rows
    "month": None,
}
# Breakdowns where a case may sit in several rows: a case with goods of two commodity groups counts once in each,
# and once in the total, so there the rows sum to at least the total, exactly only when no case has two groups
# (docs/indicators.md).
MULTI_ROW = frozenset({"commodity"})


def _month_key(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.strftime("%Y-%m")


def _grouped(qs: QuerySet, key, aggregates: dict, *, month: bool = False) -> dict:
    """{group key: {aggregate: value}} from one GROUP BY query (or one aggregate when `key` is None)."""
    qs = qs.order_by()
    if key is None:
        return {TOTAL: qs.aggregate(**aggregates)}
    rows = qs.annotate(group_key=key).values("group_key").annotate(**aggregates).order_by()
    out = {}
    for row in rows:
        k = _month_key(row.pop("group_key")) if month else row.pop("group_key")
        out[k] = row
    return out


def live_cases(*, area: Area, user=None) -> QuerySet[Case]:
    """The cases a report counts: not merged away, in the area, and within `user`'s scope when one is given."""
    qs = counted_cases().filter(area.case_q())
    return qs if user is None else access.scope(qs, user=user)


def _commodity_rows(qs: QuerySet, prefix: str) -> QuerySet:
    """One joined goods line per (case, commodity group), so a case counts once in each of its groups; a case
    with no grouped goods line joins one ungrouped line (or none) and lands in the "not known" row.

    The join (`live_goods`) leaves removed lines out in its ON clause: a plain join of `goods` sees soft-deleted
    rows too, so a case whose only line was removed would join that line instead of none."""
    live = FilteredRelation(f"{prefix}goods", condition=Q(**{f"{prefix}goods__deleted_at__isnull": True}))
    grouped = GoodsLine.objects.filter(case=OuterRef("case"), commodity_group__isnull=False)
    firsts = (
        GoodsLine.objects.filter(Q(commodity_group__isnull=False) | ~Exists(grouped))
        .order_by()
        .values("case_id", "commodity_group_id")
        .annotate(first=Min("id"))
        .values("first")
    )
    return qs.alias(live_goods=live).filter(Q(live_goods__id__in=firsts) | Q(live_goods__isnull=True))


def _without(qs: QuerySet, q: Q | None) -> QuerySet:
    return qs if q is None else qs.exclude(q)


ENGINES = ("facts", "cases")


def compute(
    *,
    area: Area,
    period: Period,
    by: str | None = None,
    user=None,
    plan: sources.Plan | None = None,
    engine: str = "facts",
) -> dict[str, dict]:
    """{indicator code: {group key: value}}; the group key is TOTAL without a breakdown.

    The case figures come from the report facts (fromfacts.py: one to three grouped queries), or with
    engine="cases" from the cases and outcomes themselves (compute_from_cases, the reference the facts are tested
    against); the commodity breakdown always reads the cases. Then the approved submissions of the period: a
    unit-period with an approved submission inside the period counts from it, and its cases do not (sources.py).
    """
    if by is not None and by not in DIMENSIONS:
        raise ValueError(_("Không có cách phân tích %(by)s.") % {"by": by})
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}")
    if plan is None:
        plan = sources.plan(area=area, period=period, user=user)
    if engine == "facts" and by in fromfacts.SUPPORTED:
        result = fromfacts.compute(area=area, period=period, by=by, user=user, plan=plan, total_key=TOTAL)
    else:
        result = compute_from_cases(area=area, period=period, by=by, user=user, plan=plan)
    # The register holds only inspections that found something: from cases, inspected = detected.
    result = {"cases_inspected": dict(result["cases_detected"]), **result}
    sources.add_figures(result, plan, by=by, total_key=TOTAL, codes=CODES)
    return result


def compute_from_cases(*, area: Area, period: Period, by: str | None, user, plan) -> dict[str, dict]:
    """The case indicators by scanning cases and outcomes: seven grouped queries (detected, handled, penalised
    cases, prosecuted cases, penalty sums, prosecution sums, remittances). The reference implementation."""
    cases = live_cases(area=area, user=user)
    span = period.as_range()
    month = by == "month"
    multi = by in MULTI_ROW

    def rows_of(qs: QuerySet, prefix: str) -> QuerySet:
        return _commodity_rows(qs, prefix) if multi else qs

    def case_key(date_field: str):
        if by is None:
            return None
        return TruncMonth(date_field) if month else F(DIMENSIONS[by])

    def related_key(date_field: str):
        if by is None:
            return None
        if month:
            return TruncMonth(date_field)
        # the commodity rows join the goods onto the outcome itself (rows_of), the other keys are the case's
        return F(DIMENSIONS[by] if multi else f"case__{DIMENSIONS[by]}")

    def replaced(lookup: str, date: str) -> Q | None:
        return plan.exclude_q(lookup, date)

    penalties = _without(
        PenaltyDecision.objects.filter(case__in=cases, decided_on__range=span),
        replaced("case__lead_unit_id", "decided_on"),
    )
    prosecutions = _without(
        Prosecution.objects.filter(case__in=cases, decided_on__range=span),
        replaced("case__lead_unit_id", "decided_on"),
    )
    remittances = _without(
        BudgetRemittance.objects.filter(case__in=cases, remitted_on__range=span),
        replaced("case__lead_unit_id", "remitted_on"),
    )

    def case_count_with(outcomes: QuerySet) -> dict:
        # A case counts once; in the month breakdown, in the month of its first decision of the period.
        in_period = _without(outcomes, replaced("case__lead_unit_id", "decided_on")).filter(
            case=OuterRef("pk")
        )
        qs = cases.filter(Exists(in_period))
        if month:
            first = in_period.order_by("decided_on").values("decided_on")[:1]
            qs = qs.annotate(first_decision=Subquery(first))
            return _grouped(qs, TruncMonth("first_decision"), {"n": Count("pk")}, month=True)
        return _grouped(rows_of(qs, ""), case_key(""), {"n": Count("pk")})

    detected = _grouped(
        rows_of(_without(cases.filter(detected_on__range=span), replaced("lead_unit_id", "detected_on")), ""),
        case_key("detected_on"),
        {"n": Count("pk")},
        month=month,
    )
    handled = _grouped(
        rows_of(_without(cases.filter(handled_on__range=span), replaced("lead_unit_id", "handled_on")), ""),
        case_key("handled_on"),
        {"n": Count("pk")},
        month=month,
    )
    penalised = case_count_with(PenaltyDecision.objects.filter(decided_on__range=span))
    prosecuted = case_count_with(Prosecution.objects.filter(decided_on__range=span))
    penalty_sums = _grouped(
        rows_of(penalties, "case__"),
        related_key("decided_on"),
        {"fines": Sum("fine_vnd"), "confiscated": Sum("confiscated_value_vnd")},
        month=month,
    )
    prosecution_sums = _grouped(
        rows_of(prosecutions, "case__"),
        related_key("decided_on"),
        {"defendants": Sum("defendants")},
        month=month,
    )
    remitted = _grouped(
        rows_of(remittances, "case__"), related_key("remitted_on"), {"amount": Sum("amount_vnd")}, month=month
    )

    def pick(groups: dict, name: str) -> dict:
        return {k: int(v[name] or 0) for k, v in groups.items()}

    return {
        "cases_detected": pick(detected, "n"),
        "cases_handled": pick(handled, "n"),
        "admin_penalty_cases": pick(penalised, "n"),
        "fines_vnd": pick(penalty_sums, "fines"),
        "confiscated_goods_value_vnd": pick(penalty_sums, "confiscated"),
        "budget_remitted_vnd": pick(remitted, "amount"),
        "prosecuted_cases": pick(prosecuted, "n"),
        "defendants": pick(prosecution_sums, "defendants"),
    }


def totals(*, area: Area, period: Period, user=None, engine: str = "facts") -> dict[str, int]:
    """Each indicator over the whole area and period."""
    return {
        code: groups.get(TOTAL, 0)
        for code, groups in compute(area=area, period=period, user=user, engine=engine).items()
    }


# --- row labels ----------------------------------------------------------------------------------------------


def _names(queryset: QuerySet, keys) -> dict:
    return dict(queryset.filter(code__in=[k for k in keys if k is not None]).values_list("code", "name"))


def _force_names(keys) -> dict:
    rows = Force.objects.filter(code__in=[k for k in keys if k is not None]).values_list(
        "code", "name", "name_en"
    )
    english = (get_language() or "vi").startswith("en")
    return {code: (name_en or name) if english else name for code, name, name_en in rows}


def _month_names(keys) -> dict:
    return {k: _("Tháng %(month)s/%(year)s") % {"month": int(k[5:]), "year": k[:4]} for k in keys if k}


def _commodity_names(keys) -> dict:
    from sc389.cases.models import CommodityGroup

    return {
        g.code: str(g) for g in CommodityGroup.objects.filter(code__in=[k for k in keys if k is not None])
    }


LABELLERS: dict[str, Callable[[list], dict]] = {
    "category": lambda keys: {c.value: str(c.label) for c in Category},
    "channel": lambda keys: {c.value: str(c.label) for c in Channel},
    "force": _force_names,
    "unit": lambda keys: _names(Unit.objects.all(), keys),
    "province": lambda keys: _names(
        AdministrativeUnit.objects.filter(level="province", valid_to__isnull=True), keys
    ),
    "commune": lambda keys: _names(
        AdministrativeUnit.objects.filter(level="commune", valid_to__isnull=True), keys
    ),
    "commodity": _commodity_names,
    "month": _month_names,
}

ORDERS: dict[str, list[str]] = {"category": list(Category.values), "channel": list(Channel.values)}


def row_labels(by: str, keys: list) -> dict:
    """Readable names of the rows of a breakdown, in the active language."""
    names = LABELLERS[by](keys)
    unknown = str(_("Chưa xác định (địa bàn trước năm 2025)")) if by == "commune" else str(_("Chưa xác định"))
    return {k: names.get(k, unknown if k is None else str(k)) for k in keys}


def row_order(by: str, keys: list, labels: dict) -> list:
    order = ORDERS.get(by)
    if order is not None:
        return sorted(keys, key=lambda k: order.index(k) if k in order else len(order))
    if by == "month":
        return sorted(keys, key=lambda k: k or "")
    return sorted(keys, key=lambda k: (k is None, labels.get(k, "")))
