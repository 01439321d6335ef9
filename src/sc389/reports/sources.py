"""Where each unit-period's figures come from: its cases, or its approved aggregate submission, never both.

Rule (docs/indicators.md): an approved submission whose period lies inside the computed period is the source of
that unit for that period. The unit's cases dated in the submission's period (by each indicator's own date) then
count nowhere, in no area, and the submission counts in the area of its province (today's province of the unit's
home). A submission only partly inside the period does not count, and the unit's cases count instead.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from sc389.cases.choices import Category
from sc389.core import access

from .choices import SubmissionStatus
from .models import Submission
from .periods import Period


@dataclass(frozen=True)
class Source:
    submission_id: int
    unit_id: int
    unit_code: str
    unit_name: str
    force_code: str
    province_id: int | None
    province_code: str | None
    start: dt.date
    end: dt.date
    figures: dict[str, dict[str, int]]  # {indicator: {"" for the total | category: value}}
    in_area: bool
    visible: bool

    def value(self, code: str, key: str = "") -> int:
        return self.figures.get(code, {}).get(key, 0)


@dataclass
class Plan:
    """The approved submissions counted in one computed period, and those left to the cases."""

    counted: list[Source] = field(default_factory=list)  # inside the period: they replace the unit's cases
    partial: list[Source] = field(default_factory=list)  # overlapping only: the unit's cases count

    def exclude_q(self, unit_lookup: str, date_lookup: str) -> Q | None:
        """Rows (cases or outcomes) replaced by a counted submission: same unit, date in its period."""
        q = None
        for s in self.counted:
            term = Q(**{unit_lookup: s.unit_id, f"{date_lookup}__range": (s.start, s.end)})
            q = term if q is None else q | term
        return q

    def adding(self) -> list[Source]:
        """The counted submissions whose figures this report adds: in its area and visible to its reader."""
        return [s for s in self.counted if s.in_area and s.visible]


def plan(*, area, period: Period, user=None) -> Plan:
    """Two small queries: the approved submissions overlapping the period, and which of them `user` may see."""
    rows = list(
        Submission.objects.filter(
            status=SubmissionStatus.APPROVED, period_start__lte=period.end, period_end__gte=period.start
        )
        .select_related("unit__force", "province")
        .prefetch_related("lines")
        .order_by("period_start", "unit__code")
    )
    out = Plan()
    if not rows:
        return out
    visible = None
    if user is not None:
        visible = set(
            access.scope(Submission.objects.filter(pk__in=[r.pk for r in rows]), user=user).values_list(
                "pk", flat=True
            )
        )
    for r in rows:
        figures: dict[str, dict[str, int]] = {}
        for line in r.lines.all():
            figures.setdefault(line.indicator, {})[line.category] = line.value
        source = Source(
            submission_id=r.pk,
            unit_id=r.unit_id,
            unit_code=r.unit.code,
            unit_name=r.unit.name,
            force_code=r.unit.force.code,
            province_id=r.province_id,
            province_code=r.province.code if r.province_id else None,
            start=r.period_start,
            end=r.period_end,
            figures=figures,
            in_area=area.kind == "national" or (area.kind == "province" and r.province_id == area.unit.pk),
            visible=visible is None or r.pk in visible,
        )
        inside = period.start <= r.period_start and r.period_end <= period.end
        (out.counted if inside else out.partial).append(source)
    return out


def row_key(by: str | None, source: Source, part: str) -> object:
    """The breakdown row a submission's figure (its total "" or a category part) goes to."""
    if by == "category":
        return part or None
    if by == "force":
        return source.force_code
    if by == "unit":
        return source.unit_code
    if by == "province":
        return source.province_code
    if by == "month":
        return source.end.strftime("%Y-%m")
    return None  # commune, channel, commodity: a submission does not say


def add_figures(result: dict[str, dict], p: Plan, *, by: str | None, total_key, codes) -> None:
    """Add the counted submissions to compute()'s {indicator: {group key: value}} in place."""
    for s in p.adding():
        for code in codes:
            if code == "cases_inspected" and code not in s.figures and "cases_detected" in s.figures:
                # a submission without its inspections: it inspected at least what it detected (as from cases)
                s.figures["cases_inspected"] = dict(s.figures["cases_detected"])
            if code not in s.figures:
                continue
            if by is None:
                parts = {total_key: s.value(code)}
            elif by == "category":
                given = {k: v for k, v in s.figures[code].items() if k in Category.values}
                parts = dict(given)
                rest = s.value(code) - sum(given.values())  # the total not split by category
                if rest or not given:
                    parts[None] = rest
            else:
                parts = {row_key(by, s, ""): s.value(code)}
            groups = result[code]
            for key, value in parts.items():
                groups[key] = groups.get(key, 0) + value


def sources_json(p: Plan, *, which: str) -> list[dict]:
    def one(s: Source, source: str, note: str = "") -> dict:
        return {
            "period": which,
            "source": source,
            "unit": s.unit_code,
            "unit_name": s.unit_name,
            "from": s.start.isoformat(),
            "to": s.end.isoformat(),
            "submission_id": s.submission_id,
            "note": note,
        }

    out = [one(s, "submission") for s in p.adding()]
    out += [one(s, "cases", "submission_not_inside_period") for s in p.partial if s.in_area and s.visible]
    return out
