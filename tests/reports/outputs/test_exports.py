"""Every export opens: the XLSX in openpyxl with numbers as numbers, the DOCX in python-docx with its heading
block, headings, title and motto in Times New Roman, the PDF rendered to PNG pages with its Vietnamese text.
Leaves docs/exports/report-pdf.png (page 1 of the PDF)."""

import ctypes
import io
from pathlib import Path

import pypdfium2 as pdfium  # a dev dependency: a missing install fails, it is not skipped
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from sc389.reports import periods
from sc389.reports.exports.document import document_build
from sc389.reports.exports.files import write
from sc389.reports.views_params import area_from_code

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[3] / "docs" / "exports"
LS_2020 = {"area": "20", "kind": "first", "year": "2020", "n": "10", "compare": "same-period", "by": "force"}


@pytest.fixture(scope="module")
def doc(seeded, django_db_blocker):
    """One Lạng Sơn report by force with its charts, as the national leader would download it."""
    with django_db_blocker.unblock():
        return document_build(
            area=area_from_code("20"),
            period=periods.first_months(2020, 10),
            compare="same-period",
            by="force",
            user=seeded.users["leader_national"],
        )


def test_xlsx_stores_numbers_as_numbers_with_formats(doc):
    wb = load_workbook(io.BytesIO(write("xlsx", doc)))
    ws = wb.worksheets[0]
    rows = {ws.cell(row=r, column=1).value: r for r in range(1, ws.max_row + 1)}
    handled = rows["Số vụ xử lý"]
    assert ws.cell(row=handled, column=2).value == 4365
    assert ws.cell(row=handled, column=3).value == 5371
    ratio = ws.cell(row=handled, column=4)
    assert ratio.value == pytest.approx(0.8127) and ratio.number_format == "0.00%"
    fines = ws.cell(row=rows["Tiền phạt"], column=2)
    assert fines.value == 66_380_000_000 and isinstance(fines.value, int) and fines.number_format == "#,##0"
    # the breakdown sheet: one row per force, numbers only, and its total row equals the report's total
    sheet = wb.worksheets[1]
    header = [c.value for c in sheet[1]]
    col = header.index("Số vụ xử lý") + 1
    values = [sheet.cell(row=r, column=col).value for r in range(2, sheet.max_row)]
    assert all(isinstance(v, int) for v in values)
    assert sum(values) == sheet.cell(row=sheet.max_row, column=col).value == 4365
    # the charts sheet carries the four PNG charts
    assert len(wb.worksheets[2]._images) == 4


def test_docx_is_an_administrative_report(doc):
    document = Document(io.BytesIO(write("docx", doc)))
    heading_cells = [c.text for c in document.tables[0].rows[0].cells]
    assert "BAN CHỈ ĐẠO 389 TỈNH LẠNG SƠN" in heading_cells[0] or "LẠNG SƠN" in heading_cells[0]
    assert "Số:" in heading_cells[0] and "/BC-BCĐ389" in heading_cells[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in heading_cells[1]
    assert "Độc lập - Tự do - Hạnh phúc" in heading_cells[1]
    assert "Lạng Sơn, ngày" in heading_cells[1]
    paragraphs = document.paragraphs
    assert any(p.style.name == "Title" and p.text == "BÁO CÁO" for p in paragraphs)
    headings = [p.text for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["I. Kết quả chung", "II. Số liệu chủ yếu"]
    assert "III. Biểu đồ" in headings
    assert any("xử lý 4.365 vụ, bằng 81,27% so với cùng kỳ năm 2019" in p.text for p in paragraphs)
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and 13 <= normal.size.pt <= 14
    assert len(document.inline_shapes) == 4  # the charts, embedded as PNG
    totals = document.tables[1]
    handled = next(r for r in totals.rows if r.cells[0].text == "Số vụ xử lý")
    assert [c.text for c in handled.cells[1:]] == ["4.365", "5.371", "81,27%", "-18,73%"]


def test_pdf_renders_to_png_pages_with_vietnamese_text(doc):
    data = write("pdf", doc)
    assert data.startswith(b"%PDF")
    pdf = pdfium.PdfDocument(data)
    try:
        assert len(pdf) >= 2
        text = pdf[0].get_textpage().get_text_range()
        for phrase in (
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "BÁO CÁO",
            "4.365",
        ):
            assert phrase in text
        image = pdf[0].render(scale=1.5).to_pil()
        assert image.size[0] > 800
        # the page is not blank: a good share of it is ink
        grey = image.convert("L")
        dark = sum(1 for v in grey.getdata() if v < 128)
        assert dark > 5_000
        DOCS.mkdir(parents=True, exist_ok=True)
        image.save(DOCS / "report-pdf.png")
    finally:
        pdf.close()


def test_pdf_sets_every_vietnamese_letter_in_the_shipped_serif(doc):
    """Liberation Serif 2 has all the letters: no character of the heading falls back to another typeface."""
    pdf = pdfium.PdfDocument(write("pdf", doc))
    try:
        textpage = pdf[0].get_textpage()
        text = textpage.get_text_range()
        start = text.index("CỘNG HÒA")
        fonts = set()
        for index in range(start, start + len("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")):
            if text[index].isspace():
                continue
            buffer, flags = ctypes.create_string_buffer(256), ctypes.c_int()
            pdfium.raw.FPDFText_GetFontInfo(textpage.raw, index, buffer, 256, ctypes.byref(flags))
            fonts.add(buffer.value.decode().split("+")[-1])
    finally:
        pdf.close()
    assert fonts == {"SC389-Serif-Bold"}


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf"])
def test_download_from_the_page(client, seeded, fmt):
    client.force_login(seeded.users["leader_langson"])
    response = client.get(reverse("reports:export", kwargs={"fmt": fmt}), LS_2020)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    assert response.content[:4] in (b"PK\x03\x04", b"%PDF")


def test_unknown_format_is_not_found(client, seeded):
    client.force_login(seeded.users["leader_langson"])
    assert client.get(reverse("reports:export", kwargs={"fmt": "odt"}), LS_2020).status_code == 404


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf"])
def test_report_command_writes_each_format(seeded, tmp_path, fmt):
    out = tmp_path / f"ls.{fmt}"
    args = ["--unit", "20", "--from", "2020-01-01", "--to", "2020-10-31", "--by", "category"]
    call_command("report", *args, "--format", fmt, "--output", str(out))
    data = out.read_bytes()
    if fmt == "xlsx":
        ws = load_workbook(io.BytesIO(data)).worksheets[0]
        assert 4365 in [ws.cell(row=r, column=2).value for r in range(1, ws.max_row + 1)]
    elif fmt == "docx":
        assert any("4.365" in p.text for p in Document(io.BytesIO(data)).paragraphs)
    else:
        pdf = pdfium.PdfDocument(data)
        try:
            assert "4.365" in pdf[0].get_textpage().get_text_range()
        finally:
            pdf.close()


def test_report_command_needs_an_output_file_for_binary_formats(seeded):
    args = ["--unit", "20", "--from", "2020-01-01", "--to", "2020-10-31", "--format", "pdf"]
    with pytest.raises(CommandError, match="--output"):
        call_command("report", *args)
