"""What changed in an issued report since its data cut-off, and why.

The report is computed again with the version's parameters and compared figure by figure. The reasons are read
from the records: cases recorded after the cut-off with a date in the report's periods (late cases), outcome and
case corrections in the audit log after the cut-off (corrected outcomes, corrected cases), and submissions
approved after the cut-off (new submissions).
"""

import datetime as dt

from django.db.models import Q

from sc389.cases.models import Case
from sc389.core.models import AuditEvent

from ..choices import SubmissionStatus
from ..indicators import CODES, Area, area_resolve, live_cases
from ..models import ReportVersion, Submission
from ..periods import Period
from ..selectors import report_build

OUTCOME_KINDS = ("penalty", "remittance", "prosecution", "transfer")
OUTCOME_VERBS = tuple(f"case.{k}_{a}" for k in OUTCOME_KINDS for a in ("added", "removed"))
CASE_VERBS = (
    "case.updated",
    "case.merged",
    "case.merged_into",
    "case.unmerged",
    "case.unmerged_from",
    "case.closed",
)
LISTED = 50  # references listed per reason; the count is always complete


def _periods(version: ReportVersion) -> list[Period]:
    out = [Period(version.period_start, version.period_end)]
    before = version.figures.get("compare_period")
    if before:
        out.append(Period(dt.date.fromisoformat(before["from"]), dt.date.fromisoformat(before["to"])))
    return out


def _dated_in(periods: list[Period]) -> Q:
    q = Q(pk__in=[])
    for p in periods:
        span = p.as_range()
        q |= (
            Q(detected_on__range=span)
            | Q(handled_on__range=span)
            | Q(penalties__decided_on__range=span)
            | Q(prosecutions__decided_on__range=span)
            | Q(remittances__remitted_on__range=span)
        )
    return q


def _refs(qs) -> dict:
    refs = list(qs.order_by("reference").values_list("reference", flat=True).distinct()[:LISTED])
    return {"count": qs.values("pk").distinct().count(), "cases": refs}


def _audited(area: Area, verbs: tuple[str, ...], cutoff) -> dict:
    events = AuditEvent.objects.filter(at__gt=cutoff, verb__in=verbs, target_type="cases.case")
    ids = {int(t) for t in events.values_list("target_id", flat=True) if t.isdigit()}
    cases = Case.objects.filter(pk__in=ids).filter(area.case_q())
    return _refs(cases)


def _figures_delta(then: dict, now: dict) -> dict:
    out = {}
    for code in CODES:
        a, b = then.get(code, {}), now.get(code, {})
        for name in ("value", "compare_value"):
            if a.get(name) != b.get(name):
                out.setdefault(code, {})[name] = {
                    "then": a.get(name),
                    "now": b.get(name),
                    "delta": None if a.get(name) is None or b.get(name) is None else b[name] - a[name],
                }
    return out


def _rows_delta(then: list, now: list) -> list:
    before = {r["key"]: r for r in then}
    after = {r["key"]: r for r in now}
    out = []
    for key in list(after) + [k for k in before if k not in after]:
        changed = _figures_delta(
            before.get(key, {}).get("indicators", {}), after.get(key, {}).get("indicators", {})
        )
        if changed:
            label = (after.get(key) or before.get(key))["label"]
            out.append({"key": key, "label": label, "indicators": changed})
    return out


def version_diff(version: ReportVersion) -> dict:
    """{version, data_cutoff, recomputed_at, changed: {indicator: {value: {then, now, delta}}}, rows, reasons}."""
    area = area_resolve(version.area_code)
    period = Period(version.period_start, version.period_end)
    report = report_build(area=area, period=period, compare=version.compare, by=version.by or None)
    now = report.as_json()
    then = version.figures
    periods = _periods(version)
    cutoff = version.data_cutoff
    late = live_cases(area=area).filter(created_at__gt=cutoff).filter(_dated_in(periods))
    spans = Q(pk__in=[])
    for p in periods:
        spans |= Q(period_start__gte=p.start, period_end__lte=p.end)
    new_subs = Submission.objects.filter(status=SubmissionStatus.APPROVED, decided_at__gt=cutoff).filter(
        spans
    )
    if area.kind != "national":
        new_subs = new_subs.filter(province_id=area.unit.pk) if area.kind == "province" else new_subs.none()
    return {
        "version": {"id": version.pk, "number": version.number, "committee": version.committee.code},
        "data_cutoff": cutoff.isoformat(),
        "recomputed_at": report.data_cutoff.isoformat(),
        "changed": _figures_delta(then.get("indicators", {}), now["indicators"]),
        "rows": _rows_delta(then.get("rows", []), now["rows"]),
        "reasons": {
            "late_cases": _refs(late),
            "corrected_outcomes": _audited(area, OUTCOME_VERBS, cutoff),
            "corrected_cases": _audited(area, CASE_VERBS, cutoff),
            "new_submissions": [
                {
                    "id": s.pk,
                    "unit": s.unit.code,
                    "from": s.period_start.isoformat(),
                    "to": s.period_end.isoformat(),
                }
                for s in new_subs.select_related("unit").order_by("period_start", "unit__code")
            ],
        },
        "now": now,
    }
