"""The report as a Vietnamese administrative document (Decree 30/2020/NĐ-CP, appendix I).

Heading block: the issuing committee and the number and symbol on the left; the national title "CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM", the motto "Độc lập - Tự do - Hạnh phúc" and the place and date on the right. Then the
document type and its summary line, the body, the tables and charts, the recipients and the signature block.
Times New Roman 13-14 pt; A4 with margins top/bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
"""

import io

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from .document import ReportDocument

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 11
BREAKDOWN_PT = 9.5  # nine columns on a portrait page


def _font(style_or_run, size: float, *, bold: bool | None = None) -> None:
    font = style_or_run.font
    font.name, font.size = FONT, Pt(size)
    if bold is not None:
        font.bold = bold
    font.color.rgb = RGBColor(0, 0, 0)
    # Word picks the East Asian slot for some Vietnamese characters unless it is named too.
    element = style_or_run.element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    # The template's Title and Heading styles name theme fonts (Calibri Light), which win over the names above.
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _para(container, text: str = "", *, size: float = BODY_PT, bold=False, italic=False, align=None, space=0):
    p = container.add_paragraph()
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space)
    p.paragraph_format.space_before = Pt(0)
    if text:
        run = p.add_run(text)
        _font(run, size, bold=bold)
        run.italic = italic
    return p


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _heading_block(document, doc: ReportDocument) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    left.paragraphs[0].text = ""
    center = WD_ALIGN_PARAGRAPH.CENTER
    # Decree 30/2020: the issuing body in capitals, bold, 12-13 pt, above a short rule.
    first = left.paragraphs[0]
    first.alignment = center
    _font(first.add_run(doc.committee.upper()), 12.5, bold=True)
    _para(left, "———", size=10, align=center)
    _para(left, doc.symbol_line, size=13, align=center)
    national = right.paragraphs[0]
    national.alignment = center
    _font(national.add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 12.5, bold=True)
    motto = _para(right, "Độc lập - Tự do - Hạnh phúc", size=13.5, bold=True, align=center)
    motto.runs[0].underline = True
    _para(right, "", size=6)
    _para(right, doc.place_date, size=13.5, italic=True, align=center)


def _cell(cell, text: str, *, size: float, bold=False, right=False) -> None:
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT
    _font(p.add_run(text), size, bold=bold)


def _totals_table(document, doc: ReportDocument) -> None:
    header = [str(_("Chỉ tiêu")), str(doc.report.period.label())]
    if doc.compare_label:
        header += [doc.compare_label, str(_("Tỷ lệ")), str(_("Tăng, giảm"))]
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _cell(cell, text, size=TABLE_PT, bold=True)
    for cells_text in doc.total_cells():
        cells = table.add_row().cells
        for j, text in enumerate(cells_text):
            _cell(cells[j], text, size=TABLE_PT, right=j > 0)


def _breakdown_table(document, doc: ReportDocument) -> None:
    header = doc.breakdown_header()
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _cell(cell, text, size=BREAKDOWN_PT, bold=True)
    lines = doc.breakdown_cells()
    for i, line in enumerate(lines):
        cells = table.add_row().cells
        last = i == len(lines) - 1
        for j, text in enumerate(line):
            _cell(cells[j], text, size=BREAKDOWN_PT, bold=last, right=j > 0)


def _styles(document) -> None:
    _font(document.styles["Normal"], BODY_PT)
    for name, size in (("Title", 14), ("Heading 1", 14), ("Heading 2", 13)):
        _font(document.styles[name], size, bold=True)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)


def docx_write(doc: ReportDocument) -> bytes:
    """The document's bytes."""
    document = Document()
    _styles(document)
    _heading_block(document, doc)
    _para(document, "", size=8)
    title = document.add_paragraph(str(_("BÁO CÁO")), style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _para(document, doc.title, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space=12)

    document.add_heading(str(_("I. Kết quả chung")), level=1)
    summary = _para(document, doc.summary, align=WD_ALIGN_PARAGRAPH.JUSTIFY, space=6)
    summary.paragraph_format.first_line_indent = Cm(1)
    cutoff = doc.report.data_cutoff.strftime("%d/%m/%Y %H:%M")
    _para(document, str(_("Số liệu tính đến %(cutoff)s")) % {"cutoff": cutoff}, size=12, italic=True, space=6)

    document.add_heading(str(_("II. Số liệu chủ yếu")), level=1)
    _totals_table(document, doc)
    if doc.report.by and doc.report.rows:
        document.add_heading(str(_("Phân tích theo %(by)s")) % {"by": doc.by_label}, level=2)
        _breakdown_table(document, doc)

    if doc.charts is not None:
        document.add_heading(str(_("III. Biểu đồ")), level=1)
        for chart in doc.charts.all():
            _para(document, chart.title, size=13, bold=True, space=3)
            document.add_picture(io.BytesIO(doc.pngs[chart.key]), width=Cm(15))

    _signature(document, doc)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _signature(document, doc: ReportDocument) -> None:
    """Recipients on the left (12 pt bold italic heading, 11 pt list), the signer's block on the right."""
    _para(document, "", size=8)
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    p = left.paragraphs[0]
    run = p.add_run(str(_("Nơi nhận:")))
    _font(run, 12, bold=True)
    run.italic = True
    for line in (_("- Văn phòng Thường trực Ban Chỉ đạo 389 quốc gia;"), _("- Lưu: VT.")):
        _para(left, str(line), size=11)
    sign = right.paragraphs[0]
    sign.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(sign.add_run(str(_("TM. BAN CHỈ ĐẠO"))), 13, bold=True)
    _para(right, str(_("TRƯỞNG BAN")), size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
