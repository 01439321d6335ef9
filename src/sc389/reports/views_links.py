"""Links from a report's figures to the cases behind them, on the case list with the matching filters.

Every figure counted from cases links to a case list that selects exactly its cases: for a count, the list's
count is the figure; for an amount, the figure is the sum over the listed cases of the outcomes dated in the
period (indicators.py). The list filters each indicator on its own date (detected, handled, penalty decision,
prosecution, remittance), the report's area (province or commune), and the row of the breakdown (category,
channel, force of the lead unit, the lead unit alone, province, commune, commodity group, month; the rows "not
known" too). Both start from the same user's scope.

A figure is not linked when an approved aggregate submission stands in for some unit's cases in the period
(sources.py): the list cannot leave those cases out, so only the rows of other units and forces keep their links.
"""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from sc389.cases.models import CommodityGroup
from sc389.org.models import AdministrativeUnit, Force, Unit

from .indicators import BY_CODE, Area
from .periods import Period, month_end
from .restructuring import unit_key_map
from .sources import Plan

# An indicator's date (indicators.Indicator.date) → the case-list parameters of its range, and of "its first
# since" used by case counts by month (a case with decisions in two months counts in the month of its first one).
DATE_PARAMS: dict[str, tuple[str, str, str | None]] = {
    "Case.detected_on": ("date_from", "date_to", None),
    "Case.handled_on": ("handled_from", "handled_to", None),
    "PenaltyDecision.decided_on": ("penalty_from", "penalty_to", "penalty_since"),
    "Prosecution.decided_on": ("prosecution_from", "prosecution_to", "prosecution_since"),
    "BudgetRemittance.remitted_on": ("remitted_from", "remitted_to", None),
}


def date_filters(code: str) -> tuple[str, str, str | None] | None:
    """The case-list date parameters of indicator `code`; "since" only for counts of cases by an outcome."""
    indicator = BY_CODE.get(code)
    params = None if indicator is None else DATE_PARAMS.get(indicator.date)
    if params is None:
        return None
    return params if indicator.unit == "cases" else (params[0], params[1], None)


# Breakdown → the case-list parameter selecting one row (by the row's id), and the one selecting its "not known"
# row. Month rows are selected through the dates.
ROW_FILTERS: dict[str, str] = {
    "category": "category",
    "channel": "channel",
    "force": "lead_force",
    "unit": "unit",
    "province": "province",
    "commune": "commune",
    "commodity": "commodity_group",
}
UNKNOWN_FILTERS: dict[str, str] = {"commune": "no_commune", "commodity": "no_commodity_group"}
ON = "on"


def _ids(by: str, keys: list) -> dict:
    """{row key: the id the case list filters on} for the breakdowns keyed by code."""
    codes = [k for k in keys if k is not None]
    if by == "force":
        return dict(Force.objects.filter(code__in=codes).values_list("code", "pk"))
    if by == "unit":
        return dict(Unit.objects.filter(code__in=codes).values_list("code", "pk"))
    if by in ("province", "commune"):
        return dict(
            AdministrativeUnit.objects.filter(level=by, valid_to__isnull=True, code__in=codes).values_list(
                "code", "pk"
            )
        )
    if by == "commodity":
        return dict(CommodityGroup.objects.filter(code__in=codes).values_list("code", "pk"))
    return {k: k for k in codes}  # category, channel: the value itself


def _carried_units(period: Period) -> set[str]:
    """Codes of units whose rows also carry an ended predecessor's figures (restructuring.remap_units)."""
    ended = Unit.objects.filter(valid_to__lt=period.start).values_list("code", flat=True)
    return set(unit_key_map(list(ended), period).values())


@dataclass(frozen=True)
class Replaced:
    """What approved submissions take out of a period's cases: any at all, and whose."""

    any: bool
    units: frozenset[str]
    forces: frozenset[str]
    adding: bool  # some of the report's figures come from submissions

    @classmethod
    def of(cls, plan: Plan | None) -> "Replaced":
        if plan is None:
            return cls(False, frozenset(), frozenset(), False)
        return cls(
            bool(plan.counted),
            frozenset(s.unit_code for s in plan.counted),
            frozenset(s.force_code for s in plan.counted),
            bool(plan.adding()),
        )

    def touches(self, by: str | None, key) -> bool:
        """Whether the cell's cases may have been replaced by a submission."""
        if not self.any:
            return False
        if by == "unit":
            return key in self.units
        if by == "force":
            return key in self.forces
        return True


class CaseLinks:
    """Builds the case-list link of each figure of one report (None where no list selects its cases exactly)."""

    def __init__(
        self,
        *,
        area: Area,
        period: Period,
        by: str | None,
        row_keys: list | None = None,
        plan: Plan | None = None,
        compare_period: Period | None = None,
        compare_plan: Plan | None = None,
    ):
        self.area, self.period, self.by = area, period, by
        self.compare_period = compare_period
        self.replaced, self.compare_replaced = Replaced.of(plan), Replaced.of(compare_plan)
        self.base = reverse("cases:list")
        self._ids = _ids(by, row_keys or []) if by in ROW_FILTERS else {}
        self._carried = _carried_units(period) if by == "unit" else set()

    def _area_params(self) -> dict | None:
        unit = self.area.unit
        if unit is None:
            return {}
        if unit.valid_to is not None:
            return None  # an abolished area counts by the historic place, which the list does not filter
        return {self.area.kind: unit.pk}

    def _url(self, params: dict) -> str:
        return f"{self.base}?{urlencode(params)}"

    def _dated(self, code: str, start: dt.date, end: dt.date, since: dt.date | None = None) -> dict | None:
        dates, area = date_filters(code), self._area_params()
        if dates is None or area is None:
            return None
        params = {**area, dates[0]: start.isoformat(), dates[1]: end.isoformat()}
        if since is not None and since < start and dates[2] is not None:
            params[dates[2]] = since.isoformat()
        return params

    def total(self, code: str) -> str | None:
        """The link of an indicator's total over the report's area and period."""
        if self.replaced.any:
            return None
        params = self._dated(code, self.period.start, self.period.end)
        return None if params is None else self._url(params)

    def compare_total(self, code: str) -> str | None:
        """The link of an indicator's total over the comparison period."""
        if self.compare_period is None or self.compare_replaced.any:
            return None
        params = self._dated(code, self.compare_period.start, self.compare_period.end)
        return None if params is None else self._url(params)

    def row(self, code: str, key) -> str | None:
        """The link of an indicator in the breakdown row `key`."""
        if self.by is None or self.replaced.touches(self.by, key):
            return None
        if self.by == "month":
            if key is None:
                return None
            first = dt.date(int(key[:4]), int(key[5:7]), 1)
            start, end = (
                max(self.period.start, first),
                min(self.period.end, month_end(first.year, first.month)),
            )
            if start > end:
                return None
            params = self._dated(code, start, end, since=self.period.start)
            return None if params is None else self._url(params)
        params = self._dated(code, self.period.start, self.period.end)
        if params is None:
            return None
        if key is None:
            unknown = UNKNOWN_FILTERS.get(self.by)
            if unknown is None:
                return None
            params[unknown] = ON
        else:
            if self.by == "unit" and key in self._carried:
                return None  # its row also holds an ended predecessor's cases
            pk = self._ids.get(key)
            if pk is None:
                return None
            params[ROW_FILTERS[self.by]] = pk
            if self.by == "unit":
                params["lead_only"] = ON  # a joint case counts for its lead unit only
        return self._url(params)

    def from_submissions(self, key=None, *, row: bool = False) -> bool:
        """Whether the figure holds numbers from approved submissions ("từ báo cáo số liệu")."""
        if not self.replaced.adding:
            return False
        return self.replaced.touches(self.by, key) if row else True
