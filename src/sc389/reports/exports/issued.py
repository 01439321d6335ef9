"""An issued report version as a document: its frozen figures, its register number and its date of issue.

Decree 30/2020/NĐ-CP: the number and symbol ("Số: 3/BC-BCĐ389") and the date are given when the committee issues
the report; until then the exports leave them blank to be filled by hand. The figures are those frozen at the
version's data cut-off, never recomputed, so the file says what was issued. Charts are drawn from current data,
so an issued version's export carries none.
"""

import datetime as dt

from django.utils import timezone

from ..compare import Compared
from ..indicators import CODES, area_resolve
from ..models import ReportVersion
from ..periods import Period
from ..selectors import Report, Row
from ..summary import summary_paragraph
from .document import ReportDocument, issuing_committee, report_place


def _period(data: dict | None) -> Period | None:
    if not data:
        return None
    return Period(dt.date.fromisoformat(data["from"]), dt.date.fromisoformat(data["to"]))


def _compared(indicators: dict) -> dict[str, Compared]:
    # a version issued before an indicator existed shows it as zero, without comparison
    return {
        code: Compared(indicators[code]["value"], indicators[code]["compare_value"])
        if code in indicators
        else Compared(0, None)
        for code in CODES
    }


def frozen_report(version: ReportVersion) -> Report:
    """The Report exactly as it was issued (figures, rows, sources and cut-off of the frozen JSON)."""
    figures = version.figures
    return Report(
        area=area_resolve(version.area_code),
        period=Period(version.period_start, version.period_end),
        compare=version.compare,
        compare_period=_period(figures.get("compare_period")),
        by=version.by or None,
        data_cutoff=version.data_cutoff,
        indicators=_compared(figures["indicators"]),
        rows=[Row(r["key"], r["label"], _compared(r["indicators"])) for r in figures.get("rows", [])],
        sources=figures.get("sources", []),
    )


def version_document(version: ReportVersion) -> ReportDocument:
    """The issued version with its number ("3" in "Số: 3/BC-BCĐ389"), issuing committee and date of issue."""
    report = frozen_report(version)
    return ReportDocument(
        report=report,
        summary=summary_paragraph(report),
        committee=version.committee.name or issuing_committee(report.area),
        place=report_place(report.area),
        issued_on=timezone.localdate(version.issued_at),
        number=str(version.number),
    )
