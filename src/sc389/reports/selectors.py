"""The period report: every indicator over an area and a period, its comparison, and a breakdown."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from . import sources
from .compare import Compared
from .indicators import CODES, DIMENSIONS, TOTAL, Area, compute, row_labels, row_order
from .periods import Period
from .restructuring import remap_units

COMPARES = ("same-period", "previous", "none")


@dataclass
class Row:
    key: str | None
    label: str
    indicators: dict[str, Compared]

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "indicators": {code: c.as_json() for code, c in self.indicators.items()},
        }


@dataclass
class Report:
    """A computed report: the figures as of `data_cutoff` (cases recorded later are not in it)."""

    area: Area
    period: Period
    compare: str
    compare_period: Period | None
    by: str | None
    data_cutoff: dt.datetime
    indicators: dict[str, Compared]
    rows: list[Row] = field(default_factory=list)
    # approved submissions counted instead of their units' cases (and those left to the cases), per period
    sources: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "area": self.area.as_json(),
            "period": self.period.as_json(),
            "compare": self.compare,
            "compare_period": self.compare_period.as_json() if self.compare_period else None,
            "by": self.by,
            "data_cutoff": self.data_cutoff.isoformat(),
            "indicators": {code: c.as_json() for code, c in self.indicators.items()},
            "rows": [row.as_json() for row in self.rows],
            "sources": self.sources,
        }


def comparison_period(period: Period, compare: str) -> Period | None:
    if compare not in COMPARES:
        raise ValueError(_("So sánh phải là một trong: %(choices)s.") % {"choices": ", ".join(COMPARES)})
    if compare == "same-period":
        return period.same_period_previous_year()
    if compare == "previous":
        return period.previous()
    return None


def _compared(now: dict, before: dict | None, key) -> dict[str, Compared]:
    return {
        code: Compared(now[code].get(key, 0), None if before is None else before[code].get(key, 0))
        for code in CODES
    }


def report_build(
    *,
    area: Area,
    period: Period,
    compare: str = "same-period",
    by: str | None = None,
    user=None,
    engine: str = "facts",
) -> Report:
    """All indicators of `area` over `period`, compared as asked, with the rows of the `by` breakdown.

    With `user`, only the cases in the user's scope count. In the month breakdown the comparison of a row is
    the same calendar month of the comparison period when the period is shifted by whole years. `engine`
    "cases" computes from the cases and outcomes instead of the report facts (the reference; same figures).
    """
    cutoff = timezone.now()
    before_period = comparison_period(period, compare)
    plan_now = sources.plan(area=area, period=period, user=user)
    plan_before = None if before_period is None else sources.plan(area=area, period=before_period, user=user)
    now = compute(area=area, period=period, user=user, plan=plan_now, engine=engine)
    before = (
        None
        if before_period is None
        else compute(area=area, period=before_period, user=user, plan=plan_before, engine=engine)
    )
    report = Report(
        area=area,
        period=period,
        compare=compare,
        compare_period=before_period,
        by=by,
        data_cutoff=cutoff,
        indicators=_compared(now, before, TOTAL),
        sources=sources.sources_json(plan_now, which="period")
        + ([] if plan_before is None else sources.sources_json(plan_before, which="compare_period")),
    )
    if by is None:
        return report
    if by not in DIMENSIONS:
        raise ValueError(_("Không có cách phân tích %(by)s.") % {"by": by})
    rows_now = compute(area=area, period=period, by=by, user=user, plan=plan_now, engine=engine)
    rows_before = (
        None
        if before_period is None
        else compute(area=area, period=before_period, by=by, user=user, plan=plan_before, engine=engine)
    )
    if by == "unit":
        # rows of units merged since are keyed by the unit that carries them in the report's period
        rows_now = remap_units(rows_now, period)
        rows_before = None if rows_before is None else remap_units(rows_before, period)
    if by == "month" and rows_before is not None:
        rows_before = _align_months(rows_before, period, before_period)
    keys = {k for groups in rows_now.values() for k in groups}
    if rows_before is not None:
        keys |= {k for groups in rows_before.values() for k in groups}
    keys = list(keys)
    labels = row_labels(by, keys)
    report.rows = [
        Row(k, labels[k], _compared(rows_now, rows_before, k)) for k in row_order(by, keys, labels)
    ]
    return report


def _align_months(rows: dict, period: Period, before: Period) -> dict:
    """Key the comparison period's months by the report period's months (2019-03 → 2020-03), in order.

    A comparison period that spans more calendar months than the report's (2 to 26 March against 5 February to 1
    March) folds its extra months into the report's last month, summed: every figure of the comparison period
    stays in exactly one row, so the rows add up to its total."""
    now_months = [n.strftime("%Y-%m") for n in period.months()]
    mapping = {
        b.strftime("%Y-%m"): now_months[min(i, len(now_months) - 1)] for i, b in enumerate(before.months())
    }
    aligned: dict = {}
    for code, groups in rows.items():
        out = aligned.setdefault(code, {})
        for k, v in groups.items():
            key = mapping.get(k, k)
            out[key] = out[key] + v if key in out else v
    return aligned
