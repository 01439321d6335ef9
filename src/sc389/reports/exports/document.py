"""What every export of a report holds, computed once: the figures, the summary, the charts and the heading of
an administrative report (Decree 30/2020/NĐ-CP: issuing committee, number and symbol, place and date).

The XLSX, DOCX and PDF writers only lay this out; none of them computes a figure.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sc389.core.formats import format_number, format_percent, format_vnd
from sc389.org.models import Committee

from ..charts import ChartSet, charts_build
from ..indicators import BY_CODE, CODES, Area
from ..periods import Period
from ..selectors import Report, report_build
from ..summary import BY_LABELS, summary_paragraph

MONEY = "vnd"
MILLION = 1_000_000
SYMBOL = "BC-BCĐ389"  # Decree 30/2020, appendix III: report (BC) of the steering committee (BCĐ389)


def lang() -> str:
    return "en" if (get_language() or "vi").startswith("en") else "vi"


@dataclass
class TotalRow:
    code: str
    label: str
    unit: str  # "cases", "persons", "vnd"
    value: int
    compare_value: int | None
    ratio_pct: Decimal | None
    change_pct: Decimal | None


@dataclass
class ReportDocument:
    """A report ready to be written out."""

    report: Report
    summary: str
    committee: str  # the issuing committee, as its name is printed in the heading
    place: str  # the place in "Lạng Sơn, ngày 15 tháng 11 năm 2020"
    issued_on: dt.date | None  # None until the committee issues it: the day is then written by hand
    number: str = ""  # the register number; empty until the committee issues it (reports.versions)
    charts: ChartSet | None = None
    pngs: dict[str, bytes] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return _("Kết quả công tác phòng, chống buôn lậu, gian lận thương mại và hàng giả %(period)s") % {
            "period": self.report.period.label()
        }

    @property
    def symbol_line(self) -> str:
        number = self.number or "\u00a0" * 6
        return _("Số: %(number)s/%(symbol)s") % {"number": number, "symbol": SYMBOL}

    @property
    def place_date(self) -> str:
        d = self.issued_on
        if d is None:  # a draft: the day and month are left blank to be written when it is signed
            blank = "\u00a0" * 6
            if lang() == "en":
                return f"{self.place}, {blank} {dt.date.today().year}"
            return f"{self.place}, ngày{blank}tháng{blank}năm {dt.date.today().year}"
        if lang() == "en":
            return f"{self.place}, {d.day} {d.strftime('%B')} {d.year}"
        # Decree 30/2020: "ngày" and "tháng" below 10 are written with a leading zero for days 1-9, months 1-2.
        day = f"{d.day:02d}" if d.day < 10 else str(d.day)
        month = f"{d.month:02d}" if d.month < 3 else str(d.month)
        return f"{self.place}, ngày {day} tháng {month} năm {d.year}"

    @property
    def compare_label(self) -> str | None:
        p = self.report.compare_period
        return None if p is None else str(p.label())

    def totals(self) -> list[TotalRow]:
        out = []
        for code in CODES:
            c = self.report.indicators[code]
            out.append(
                TotalRow(
                    code,
                    str(BY_CODE[code].label),
                    BY_CODE[code].unit,
                    c.value,
                    c.compare_value,
                    c.ratio_pct,
                    c.change_pct,
                )
            )
        return out

    @property
    def by_label(self) -> str | None:
        by = self.report.by
        return None if by is None else str(BY_LABELS.get(by, by))

    def breakdown_header(self) -> list[str]:
        header = [str(_("Nhóm"))]
        for code in CODES:
            label = str(BY_CODE[code].label)
            if BY_CODE[code].unit == MONEY:
                label += " " + str(_("(triệu đồng)"))
            header.append(label)
        return header

    def text(self, value, unit: str) -> str:
        """A figure as it is printed in the DOCX and PDF tables."""
        if value is None:
            return ""
        if unit == MONEY:
            return format_vnd(value, lang=lang())
        return format_number(value, lang=lang())

    def cell(self, value: int, unit: str) -> str:
        """A breakdown cell: money in millions of đồng so nine columns fit on a page."""
        if unit == MONEY:
            return format_number(Decimal(value) / MILLION, lang=lang())
        return format_number(value, lang=lang())

    def pct(self, value: Decimal | None) -> str:
        return format_percent(value, lang=lang())

    def total_cells(self) -> list[list[str]]:
        """The totals table as printed: indicator, value and, with a comparison, its value, ratio and change."""
        out = []
        for row in self.totals():
            cells = [row.label, self.text(row.value, row.unit)]
            if self.compare_label:
                cells += [
                    self.text(row.compare_value, row.unit),
                    self.pct(row.ratio_pct),
                    self.pct(row.change_pct),
                ]
            out.append(cells)
        return out

    def breakdown_cells(self) -> list[list[str]]:
        """The breakdown table as printed, its last line the report's total."""
        units = [BY_CODE[code].unit for code in CODES]
        out = [
            [row.label] + [self.cell(row.indicators[c].value, u) for c, u in zip(CODES, units, strict=True)]
            for row in self.report.rows
        ]
        total = [self.cell(self.report.indicators[c].value, u) for c, u in zip(CODES, units, strict=True)]
        return [*out, [str(_("Tổng cộng")), *total]]


def issuing_committee(area: Area) -> str:
    """The committee that issues a report on `area` (its name from the register, or the usual one)."""
    qs = Committee.objects.filter(area__isnull=True, level="national") if area.unit is None else None
    if qs is None:
        qs = Committee.objects.filter(area=area.unit)
    found = qs.order_by("code").values_list("name", flat=True).first()
    if found:
        return found
    if area.unit is None:
        return str(_("Ban Chỉ đạo 389 quốc gia"))
    return str(_("Ban Chỉ đạo 389 %(area)s")) % {"area": area.unit.name}


def report_place(area: Area) -> str:
    """Decree 30/2020: the place is the province (or the capital for central bodies)."""
    if area.unit is None:
        return "Hà Nội"
    if area.kind == "province":
        return area.unit.name
    province = area.unit.current_province
    return province.name if province is not None else area.unit.name


def document_build(
    *,
    area: Area,
    period: Period,
    compare: str,
    by: str | None,
    user=None,
    with_charts: bool = True,
    issued_on: dt.date | None = None,
    number: str = "",
) -> ReportDocument:
    """Compute the report (scoped to `user`), its summary and, unless asked not to, its charts as PNG."""
    report = report_build(area=area, period=period, compare=compare, by=by, user=user)
    doc = ReportDocument(
        report=report,
        summary=summary_paragraph(report),
        committee=issuing_committee(area),
        place=report_place(area),
        issued_on=issued_on,
        number=number,
    )
    if with_charts:
        doc.charts = charts_build(area=area, period=period, compare=compare, user=user)
        doc.pngs = {chart.key: chart.png() for chart in doc.charts.all()}
    return doc
