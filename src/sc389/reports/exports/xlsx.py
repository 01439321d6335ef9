"""The report as a workbook: numbers stored as numbers (money in whole đồng, ratios as fractions) with number
formats set, so the committee's staff can add, chart and re-check every figure in their spreadsheet."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ..indicators import BY_CODE, CODES
from .document import ReportDocument

COUNT_FORMAT = "#,##0"
PCT_FORMAT = "0.00%"
FONT = (
    "Times New Roman"  # as the DOCX and PDF (Decree 30/2020); Liberation Serif stands in where it is missing
)
BOLD = Font(name=FONT, bold=True)
HEAD_FILL = PatternFill("solid", fgColor="DCE4EE")
THIN = Side(style="thin", color="9AA7B4")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _head(ws, row: int, values: list[str]) -> None:
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=col, value=value)
        cell.font, cell.fill, cell.border = BOLD, HEAD_FILL, BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _number(ws, row: int, col: int, value, fmt: str) -> None:
    cell = ws.cell(row=row, column=col, value=value)
    cell.number_format, cell.border = fmt, BOX


def _fraction(pct) -> float | None:
    """81.27 (%) → 0.8127, shown as 81,27% by the spreadsheet's own locale."""
    return None if pct is None else float(pct) / 100


def _totals_sheet(ws, doc: ReportDocument) -> None:
    report = doc.report
    ws.title = str(_("Báo cáo"))[:31]
    ws["A1"] = doc.committee.upper()
    ws["A1"].font = BOLD
    ws["A2"] = doc.title
    ws["A2"].font = Font(name=FONT, bold=True, size=13)
    ws["A3"] = str(_("Số liệu tính đến %(cutoff)s")) % {
        "cutoff": report.data_cutoff.strftime("%d/%m/%Y %H:%M")
    }
    ws["A5"] = doc.summary
    ws.merge_cells("A5:F5")
    ws["A5"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[5].height = 150
    header = [str(_("Chỉ tiêu")), str(report.period.label())]
    if doc.compare_label:
        header += [doc.compare_label, str(_("Tỷ lệ")), str(_("Tăng, giảm"))]
    header.append(str(_("Đơn vị tính")))
    _head(ws, 7, header)
    units = {"cases": _("vụ"), "persons": _("người"), "vnd": _("đồng")}
    for i, row in enumerate(doc.totals(), start=8):
        ws.cell(row=i, column=1, value=row.label).border = BOX
        _number(ws, i, 2, row.value, COUNT_FORMAT)
        col = 3
        if doc.compare_label:
            _number(ws, i, 3, row.compare_value, COUNT_FORMAT)
            _number(ws, i, 4, _fraction(row.ratio_pct), PCT_FORMAT)
            _number(ws, i, 5, _fraction(row.change_pct), PCT_FORMAT)
            col = 6
        ws.cell(row=i, column=col, value=str(units[row.unit])).border = BOX
    ws.column_dimensions["A"].width = 34
    for col in range(2, 7):
        ws.column_dimensions[get_column_letter(col)].width = 20


def _breakdown_sheet(ws, doc: ReportDocument) -> None:
    report = doc.report
    ws.title = (str(_("Theo %(by)s")) % {"by": doc.by_label})[:31]
    header = [str(_("Nhóm"))] + [str(BY_CODE[c].label) for c in CODES]
    compare = doc.compare_label is not None
    if compare:
        header += [f"{BY_CODE[c].label} ({doc.compare_label})" for c in CODES]
    _head(ws, 1, header)
    for i, row in enumerate(report.rows, start=2):
        ws.cell(row=i, column=1, value=row.label).border = BOX
        for j, code in enumerate(CODES):
            c = row.indicators[code]
            _number(ws, i, 2 + j, c.value, COUNT_FORMAT)
            if compare:
                _number(ws, i, 2 + len(CODES) + j, c.compare_value, COUNT_FORMAT)
    total_row = len(report.rows) + 2
    ws.cell(row=total_row, column=1, value=str(_("Tổng cộng"))).font = BOLD
    # The report's own total, stored as a number (the engine's rows add up to it: tested in tests/reports).
    for j, code in enumerate(CODES):
        c = report.indicators[code]
        _number(ws, total_row, 2 + j, c.value, COUNT_FORMAT)
        ws.cell(row=total_row, column=2 + j).font = BOLD
        if compare:
            _number(ws, total_row, 2 + len(CODES) + j, c.compare_value, COUNT_FORMAT)
            ws.cell(row=total_row, column=2 + len(CODES) + j).font = BOLD
    ws.column_dimensions["A"].width = 36
    for j in range(len(header) - 1):
        ws.column_dimensions[get_column_letter(2 + j)].width = 16
    ws.freeze_panes = "B2"


def _charts_sheet(ws, doc: ReportDocument) -> None:
    ws.title = str(_("Biểu đồ"))[:31]
    row = 1
    for chart in doc.charts.all():
        ws.cell(row=row, column=1, value=chart.title).font = BOLD
        png = doc.pngs[chart.key]
        image = Image(io.BytesIO(png))
        image.width, image.height = image.width // 2, image.height // 2  # rendered at scale 2
        ws.add_image(image, f"A{row + 1}")
        row += image.height // 20 + 3


def _print_setup(ws) -> None:
    """Every cell in Times New Roman; printed landscape on A4, all columns on the width of one page."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.font is None or cell.font.name != FONT:
                cell.font = Font(
                    name=FONT, bold=cell.font.b, italic=cell.font.i, size=cell.font.sz, color=cell.font.color
                )
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0


def xlsx_write(doc: ReportDocument) -> bytes:
    """The workbook's bytes: the report sheet, the breakdown sheet when there is one, the charts sheet."""
    wb = Workbook()
    _totals_sheet(wb.active, doc)
    if doc.report.by and doc.report.rows:
        _breakdown_sheet(wb.create_sheet(), doc)
    if doc.charts is not None:
        _charts_sheet(wb.create_sheet(), doc)
    for ws in wb.worksheets:
        _print_setup(ws)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
