"""The downloadable templates: XLSX with drop-down lists and a guide, and CSV with the same case columns."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..choices import Category, Channel, PartyKind, PartyRole, Sex
from ..models import CommodityGroup, ViolationType
from .columns import (
    CASE_COLUMNS,
    CASE_SHEET,
    GOODS_COLUMNS,
    GOODS_SHEET,
    GUIDE_SHEET,
    LISTS_SHEET,
    PARTIES_SHEET,
    PARTY_COLUMNS,
    Column,
)

DATA_ROWS = 5000  # rows prepared with drop-downs and formats
TEXT_COLUMNS = {
    "external_ref",
    "goods_hs_code",
    "party_id_number",
    "party_tax_code",
    "party_phone",
    "participants",
}
DATE_COLUMNS = {
    "detected_on",
    "party_date_of_birth",
    "penalty_date",
    "remittance_date",
    "prosecution_date",
    "transfer_date",
}
MONEY_COLUMNS = {"goods_value_vnd", "penalty_fine_vnd", "penalty_confiscated_vnd", "remittance_amount_vnd"}
_HEAD = Font(bold=True, color="FFFFFF")
_HEAD_FILL = PatternFill("solid", fgColor="1F4E79")
_REQUIRED_FILL = PatternFill("solid", fgColor="9C2A2A")


def template_csv() -> bytes:
    """Header only, UTF-8 with BOM so Excel opens the Vietnamese headers correctly."""
    out = io.StringIO()
    csv.writer(out).writerow([c.header for c in CASE_COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _header(ws, columns: list[Column]) -> None:
    ws.append([c.header for c in columns])
    for position, c in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=position)
        cell.font, cell.fill = _HEAD, _REQUIRED_FILL if c.required else _HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        letter = get_column_letter(position)
        ws.column_dimensions[letter].width = max(12, min(40, len(c.header) + 4))
        fmt = (
            "@"
            if c.key in TEXT_COLUMNS
            else "DD/MM/YYYY"
            if c.key in DATE_COLUMNS
            else "#,##0"
            if c.key in MONEY_COLUMNS
            else None
        )
        if fmt:
            for row in range(2, DATA_ROWS + 2):
                ws.cell(row=row, column=position).number_format = fmt
    ws.freeze_panes = "B2"


def _lists(wb) -> dict[str, str]:
    """The lists sheet; returns key → range formula for the drop-downs."""
    ws = wb.create_sheet(LISTS_SHEET)
    lists = {
        "category": [str(label) for _value, label in Category.choices],
        "channel": [str(label) for _value, label in Channel.choices],
        "party_kind": [str(label) for _value, label in PartyKind.choices],
        "party_role": [str(label) for _value, label in PartyRole.choices],
        "party_sex": [str(label) for _value, label in Sex.choices],
        "violation_type": list(ViolationType.objects.filter(active=True).values_list("code", flat=True)),
        "goods_group": list(CommodityGroup.objects.filter(active=True).values_list("code", flat=True)),
    }
    titles = {
        "category": _("Lĩnh vực"),
        "channel": _("Phương thức, địa bàn"),
        "party_kind": _("Loại đối tượng"),
        "party_role": _("Vai trò"),
        "party_sex": _("Giới tính"),
        "violation_type": _("Mã loại vi phạm"),
        "goods_group": _("Mã nhóm hàng"),
    }
    names = {
        "violation_type": dict(ViolationType.objects.values_list("code", "name")),
        "goods_group": dict(CommodityGroup.objects.values_list("code", "name")),
    }
    formulas = {}
    column = 1
    for key, values in lists.items():
        ws.cell(row=1, column=column, value=str(titles[key])).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            ws.cell(row=row, column=column, value=value)
            if key in names:
                ws.cell(row=row, column=column + 1, value=names[key].get(value, ""))
        letter = get_column_letter(column)
        if values:
            formulas[key] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
        ws.column_dimensions[letter].width = 36 if key not in names else 18
        if key in names:
            ws.cell(row=1, column=column + 1, value=_("Tên")).font = Font(bold=True)
            ws.column_dimensions[get_column_letter(column + 1)].width = 40
            column += 1
        column += 1
    return formulas


def _dropdowns(ws, columns: list[Column], formulas: dict[str, str]) -> None:
    for position, c in enumerate(columns, start=1):
        if c.key not in formulas:
            continue
        letter = get_column_letter(position)
        dv = DataValidation(type="list", formula1=formulas[c.key], allow_blank=True, showErrorMessage=False)
        dv.prompt = str(c.help)
        ws.add_data_validation(dv)
        dv.add(f"{letter}2:{letter}{DATA_ROWS + 1}")


def _guide(wb) -> None:
    ws = wb.create_sheet(GUIDE_SHEET)
    ws.append([_("Hướng dẫn nhập vụ việc từ bảng tính")])
    ws["A1"].font = Font(bold=True, size=13)
    for line in (
        _("Mỗi dòng ở sheet “Vụ việc” là một vụ việc, kèm một dòng hàng, một đối tượng và kết quả xử lý."),
        _("Thêm dòng hàng, đối tượng ở sheet “Hàng hóa”, “Đối tượng”, ghi cùng mã vụ việc của đơn vị."),
        _(
            "Nhập lại tệp đã sửa: vụ việc cùng mã được cập nhật, không tạo vụ mới; tệp có dòng lỗi thì không ghi dòng nào."
        ),
        _("Số kiểu Việt Nam: 1.234.567 (dấu chấm hàng nghìn), 1,5 (dấu phẩy thập phân). Ngày: dd/mm/yyyy."),
        _("Tiêu đề cột có thể ghi bằng tiếng Việt, tiếng Anh hoặc khóa máy (cột B dưới đây)."),
    ):
        ws.append([line])
    ws.append([])
    ws.append([_("Cột"), _("Khóa máy"), _("Tên tiếng Anh"), _("Bắt buộc"), _("Hướng dẫn"), _("Ví dụ")])
    for cell in ws[ws.max_row]:
        cell.font, cell.fill = _HEAD, _HEAD_FILL
    for c in CASE_COLUMNS:
        ws.append([c.header, c.key, c.header_en, _("có") if c.required else "", str(c.help), c.example])
    for letter, width in zip("ABCDEF", (34, 26, 30, 10, 80, 24), strict=True):
        ws.column_dimensions[letter].width = width


def template_xlsx() -> bytes:
    wb = Workbook()
    cases = wb.active
    cases.title = CASE_SHEET
    _header(cases, CASE_COLUMNS)
    goods = wb.create_sheet(GOODS_SHEET)
    _header(goods, GOODS_COLUMNS)
    parties = wb.create_sheet(PARTIES_SHEET)
    _header(parties, PARTY_COLUMNS)
    _guide(wb)
    formulas = _lists(wb)
    for ws, columns in ((cases, CASE_COLUMNS), (goods, GOODS_COLUMNS), (parties, PARTY_COLUMNS)):
        _dropdowns(ws, columns, formulas)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
