"""Spreadsheets for the import tests, written from rows of machine keys."""

import csv
import io

import openpyxl

from sc389.cases.imports.columns import (
    CASE_COLUMNS,
    CASE_SHEET,
    GOODS_COLUMNS,
    GOODS_SHEET,
    PARTIES_SHEET,
    PARTY_COLUMNS,
)

HEADERS = {c.key: c.header for c in CASE_COLUMNS}


def good_row(n: int = 1, **overrides) -> dict:
    """A valid row for the Hữu Nghị customs sub-branch (Lạng Sơn)."""
    row = {
        "external_ref": f"HN-2025-{n:04d}",
        "detected_on": "05/03/2025",
        "category": "Buôn lậu",
        "channel": "Đường mòn",
        "province": "Lạng Sơn",
        "place": "Xã Đồng Đăng",
        "place_text": "Mốc 1119",
        "narrative": f"Vận chuyển gia cầm không rõ nguồn gốc qua đường mòn, lần {n}",
        "goods_description": "Gà thải loại",
        "goods_quantity": "1.200",
        "goods_unit": "kg",
        "goods_value_vnd": "45.000.000",
        "party_kind": "Cá nhân",
        "party_name": "Nguyễn Văn An",
        "party_date_of_birth": "12/04/1985",
        "party_sex": "Nam",
        "party_id_number": "020085001234",
        "penalty_number": f"{n}/QĐ-XPHC",
        "penalty_date": "20/03/2025",
        "penalty_fine_vnd": "15.000.000",
        "penalty_confiscated_vnd": "45.000.000",
    }
    row.update(overrides)
    return row


def csv_bytes(
    rows: list[dict], *, keys: list[str] | None = None, machine_keys: bool = False, delimiter: str = ","
) -> bytes:
    keys = keys or [c.key for c in CASE_COLUMNS]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(keys if machine_keys else [HEADERS[k] for k in keys])
    for row in rows:
        writer.writerow([row.get(k, "") for k in keys])
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[dict], *, goods: list[dict] = (), parties: list[dict] = ()) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = CASE_SHEET
    for title, columns, data in (
        (CASE_SHEET, CASE_COLUMNS, rows),
        (GOODS_SHEET, GOODS_COLUMNS, goods),
        (PARTIES_SHEET, PARTY_COLUMNS, parties),
    ):
        if title != CASE_SHEET:
            if not data:
                continue
            ws = wb.create_sheet(title)
        ws.append([c.header for c in columns])
        for row in data:
            ws.append([row.get(c.key) for c in columns])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
