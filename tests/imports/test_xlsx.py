"""The fast XLSX reader gives the values openpyxl gives, on the app's files and on packages as Excel and
LibreOffice write them (shared strings, rich text, inline strings, dates as serial numbers, 1904 calendar)."""

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from sc389.cases.imports import reader, xlsx
from sc389.cases.imports.templates import template_xlsx

from .files import good_row, xlsx_bytes


def trimmed(book: reader.Workbook) -> dict:
    """Sheets as comparable data: trailing empty cells do not matter to the import."""

    def trim(values):
        values = list(values)
        while values and values[-1] is None:
            values.pop()
        return tuple(values)

    return {
        key: (s.name, s.header_row, s.headers, [(n, trim(v)) for n, v in s.rows])
        for key, s in book.sheets.items()
    }


def both(data: bytes, name: str = "vu-viec.xlsx") -> tuple[reader.Workbook, reader.Workbook]:
    return reader._read_xlsx(data, name), reader._read_xlsx_openpyxl(data, name)


def test_same_values_as_openpyxl_on_the_test_files():
    rows = [
        good_row(1, detected_on=dt.datetime(2025, 3, 5), goods_value_vnd=45_000_000, goods_quantity=1.5),
        good_row(2, participants="BP-LS; QLTT-LS-5", narrative="Dòng một\nDòng hai"),
    ]
    goods = [
        {"external_ref": "HN-2025-0001", "goods_description": "Thuốc lá", "goods_value_vnd": "12.500.000"}
    ]
    parties = [{"external_ref": "HN-2025-0002", "party_kind": "Phương tiện", "party_plate": "12A-123.45"}]
    fast, slow = both(xlsx_bytes(rows, goods=goods, parties=parties))
    assert trimmed(fast) == trimmed(slow)
    assert set(fast.sheets) == {"cases", "goods", "parties"}
    first = dict(zip(fast.sheets["cases"].headers, fast.sheets["cases"].rows[0][1], strict=False))
    assert first["Ngày phát hiện"] == dt.datetime(2025, 3, 5) and first["Số lượng"] == 1.5


def test_same_values_as_openpyxl_on_the_template_filled_in(tree):
    wb = openpyxl.load_workbook(io.BytesIO(template_xlsx()))
    ws = wb["Vụ việc"]
    ws.append(
        ["HN-1", dt.date(2025, 3, 5), "Buôn lậu", None, "Đường mòn", None, None, "Lạng Sơn", "Xã Đồng Đăng"]
    )
    out = io.BytesIO()
    wb.save(out)
    fast, slow = both(out.getvalue())
    assert trimmed(fast) == trimmed(slow)
    assert fast.sheets["cases"].rows[-1][1][:2] == ("HN-1", dt.datetime(2025, 3, 5))


# A package written by hand the way Excel and LibreOffice Calc write one: shared strings (one with rich-text runs
# and a phonetic run), a custom and a built-in date format, a number, a boolean, a formula's cached text, an error,
# an inline string, a cell without a reference, a title row above the header, and a guide sheet listed first.
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def package(*, date1904: bool = False) -> bytes:
    strings = [
        "<si><t>Báo cáo vụ việc tháng 3</t></si>",
        "<si><t>Mã vụ việc của đơn vị</t></si>",
        "<si><t>Ngày phát hiện</t></si>",
        '<si><r><rPr><b/></rPr><t>Lĩnh</t></r><r><t xml:space="preserve"> vực</t></r>'
        '<rPh sb="0" eb="1"><t>phonetic</t></rPh></si>',
        "<si><t>HN-0001</t></si>",
        '<si><r><t>Buôn</t></r><r><rPr><i/></rPr><t xml:space="preserve"> lậu</t></r></si>',
        "<si><t>Trị giá</t></si>",
    ]
    sheet = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{MAIN}" xmlns:r="{RELS}"><dimension ref="A1:F5"/><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c></row>
<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="s"><v>2</v></c><c r="C3" t="s"><v>3</v></c><c r="D3" t="s"><v>6</v></c><c r="E3" t="inlineStr"><is><t>Ghi chú</t></is></c><c r="F3" t="s"><v>2</v></c></row>
<row r="4"><c r="A4" t="s"><v>4</v></c><c r="B4" s="1"><v>45721</v></c><c t="s"><v>5</v></c><c r="D4" s="3"><v>45000000</v></c><c r="E4" t="str"><f>A4&amp;"x"</f><v>HN-0001x</v></c><c r="F4" s="2"><v>45721.5</v></c></row>
<row><c r="A5" t="b"><v>1</v></c><c r="B5" t="e"><v>#N/A</v></c><c r="C5"><v>1.25E3</v></c><c r="D5" t="inlineStr"><is><r><t>Rich</t></r><r><t xml:space="preserve"> inline</t></r></is></c></row>
</sheetData></worksheet>"""
    styles = f"""<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="22" applyNumberFormat="1"/><xf numFmtId="3" applyNumberFormat="1"/></cellXfs></styleSheet>"""
    workbook = f"""<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><workbookPr{' date1904="true"' if date1904 else ""}/>
<sheets><sheet name="Hướng dẫn" sheetId="2" r:id="rId3"/><sheet name="Vụ việc" sheetId="1" r:id="rId1"/></sheets></workbook>"""
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    doc = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    workbook_rels = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{pkg}">
<Relationship Id="rId1" Type="{doc}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{doc}/sharedStrings" Target="/xl/sharedStrings.xml"/>
<Relationship Id="rId3" Type="{doc}/worksheet" Target="worksheets/sheet2.xml"/>
<Relationship Id="rId4" Type="{doc}/styles" Target="styles.xml"/></Relationships>"""
    guide = f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Hướng dẫn</t></is></c></row></sheetData></worksheet>'
    content_types = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", content_types)
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{doc}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        z.writestr("xl/worksheets/sheet2.xml", guide)
        z.writestr(
            "xl/sharedStrings.xml",
            f'<sst xmlns="{MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">{"".join(strings)}</sst>',
        )
        z.writestr("xl/styles.xml", styles)
    return out.getvalue()


@pytest.mark.parametrize("date1904", [False, True])
def test_same_values_as_openpyxl_on_a_package_written_like_excel(date1904):
    fast, slow = both(package(date1904=date1904))
    assert trimmed(fast) == trimmed(slow)
    cases = fast.sheets["cases"]
    assert cases.name == "Vụ việc" and cases.header_row == 3
    assert cases.headers == [
        "Mã vụ việc của đơn vị",
        "Ngày phát hiện",
        "Lĩnh vực",
        "Trị giá",
        "Ghi chú",
        "Ngày phát hiện",
    ]
    (number, row), (next_number, after) = cases.rows
    day = dt.datetime(2029, 3, 6) if date1904 else dt.datetime(2025, 3, 5)  # serial 45721 in each calendar
    assert number == 4 and row == (
        "HN-0001",
        day,
        "Buôn lậu",
        45_000_000,
        "HN-0001x",
        day + dt.timedelta(hours=12),
    )
    assert next_number == 5 and after == (True, "#N/A", 1250.0, "Rich inline")


def test_a_package_the_fast_reader_cannot_read_goes_to_openpyxl(monkeypatch):
    calls = []
    real = reader._read_xlsx_openpyxl

    def spy(data, name):
        calls.append(name)
        return real(data, name)

    monkeypatch.setattr(reader, "_read_xlsx_openpyxl", spy)
    monkeypatch.setattr(xlsx, "MAIN", "{http://purl.oclc.org/ooxml/spreadsheetml/main}")  # as if "strict"
    book = reader._read_xlsx(package(), "strict.xlsx")
    assert calls == ["strict.xlsx"] and book.sheets["cases"].rows[0][1][0] == "HN-0001"


def test_a_broken_sheet_is_refused_with_a_message():
    data = package()
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content[: len(content) // 2]  # cut in the middle of the XML
            target.writestr(item, content)
    with pytest.raises(reader.FileError):
        reader.read(broken.getvalue(), "hong.xlsx")
