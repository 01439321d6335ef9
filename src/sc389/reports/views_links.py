"""Links from a report's counts to the cases behind them, on the case list with the matching filters.

A link is given only where the case list's filters select exactly the cases the figure counts; otherwise the
figure stays plain text rather than pointing at a list that would show other cases. Today the case list filters
by detection date (date_from/date_to), province, category and channel (cases.forms.CaseFilterForm), so only
`cases_detected` can be linked, for the whole country or a province, and its rows by category, channel,
province and month. The filters still missing there (handled/decision dates, commune, force, lead unit only) are
listed in FILTERS_MISSING; adding them to the case list only needs this table to grow.
"""

import datetime as dt
from urllib.parse import urlencode

from django.urls import reverse

from sc389.org.models import AdministrativeUnit

from .indicators import Area
from .periods import Period, month_end

# Indicator → the case-list parameters of its date (only indicators whose date the list can filter on).
DATE_FILTERS: dict[str, tuple[str, str]] = {"cases_detected": ("date_from", "date_to")}
# Breakdown → the case-list parameter that selects one row (None: the list cannot select it exactly).
ROW_FILTERS: dict[str, str | None] = {
    "category": "category",
    "channel": "channel",
    "province": "province",
    "month": None,  # handled through the dates
    "commune": None,
    "force": None,
    "unit": None,  # the list's unit filter also matches participating units; reports count the lead unit
}
FILTERS_MISSING = (
    "handled_on / decision / prosecution date ranges (cases_handled, admin_penalty_cases, prosecuted_cases)",
    "commune (CaseFilters.commune exists but the list form does not accept it)",
    "force of the lead unit",
    "lead unit only (the unit filter includes participating units)",
)


def _province_pks(codes: list[str]) -> dict[str, int]:
    return dict(
        AdministrativeUnit.objects.filter(
            level="province", valid_to__isnull=True, code__in=codes
        ).values_list("code", "pk")
    )


class CaseLinks:
    """Builds the case-list link of each linkable count of one report."""

    def __init__(
        self,
        *,
        area: Area,
        period: Period,
        by: str | None,
        row_keys: list | None = None,
        enabled: bool = True,
    ):
        # Disabled when approved submissions stand in for some units' cases: those figures have no cases.
        self.area, self.period, self.by, self.enabled = area, period, by, enabled
        self.base = reverse("cases:list")
        self._province_pk = _province_pks([k for k in row_keys or [] if k]) if by == "province" else {}

    def _area_params(self) -> dict | None:
        if not self.enabled:
            return None
        if self.area.kind == "national":
            return {}
        if self.area.kind == "province":
            return {"province": self.area.unit.pk}
        return None  # the case list has no commune filter

    def _url(self, params: dict) -> str:
        return f"{self.base}?{urlencode(params)}"

    def total(self, code: str) -> str | None:
        """The link of an indicator's total over the report's area and period."""
        dates, area = DATE_FILTERS.get(code), self._area_params()
        if dates is None or area is None:
            return None
        return self._url(
            {dates[0]: self.period.start.isoformat(), dates[1]: self.period.end.isoformat(), **area}
        )

    def row(self, code: str, key) -> str | None:
        """The link of an indicator in the breakdown row `key`."""
        dates, area = DATE_FILTERS.get(code), self._area_params()
        if dates is None or area is None or key is None or self.by is None:
            return None
        start, end = self.period.start, self.period.end
        params = dict(area)
        if self.by == "month":
            first = dt.date(int(key[:4]), int(key[5:7]), 1)
            start, end = max(start, first), min(end, month_end(first.year, first.month))
            if start > end:
                return None
        else:
            name = ROW_FILTERS.get(self.by)
            if name is None:
                return None
            if self.by == "province":
                pk = self._province_pk.get(key)
                if pk is None:
                    return None
                key = pk
            params[name] = key
        return self._url({dates[0]: start.isoformat(), dates[1]: end.isoformat(), **params})
