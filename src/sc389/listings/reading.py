"""Listing snapshot files (CSV with a header row, or JSON: a list of objects) read into checked rows.

Columns (names as in the header or the JSON keys; unknown ones are ignored):
snapshot_date, platform, listing_id, shop, seller_id, title, price — required;
description, brand, category, location, sales_count, url, tax_code — optional.
A file with any row error is refused whole: every error is reported with its row and column.
"""

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from sc389.core.text import nfc

REQUIRED = ("snapshot_date", "platform", "listing_id", "shop", "seller_id", "title", "price")
OPTIONAL = ("description", "brand", "category", "location", "sales_count", "url", "tax_code")
MAX_ROWS = 200_000


@dataclass
class ListingRow:
    row: int  # 1-based data row (the header is row 0 in a CSV; JSON counts objects)
    snapshot_on: dt.date
    platform: str
    listing_id: str
    shop: str
    seller_id: str
    title: str
    price_vnd: int
    description: str = ""
    brand: str = ""
    category: str = ""
    location: str = ""
    sales_count: int = 0
    url: str = ""
    tax_code: str = ""


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


class FileRefused(Exception):
    """The file is not loaded; `errors` say where and why."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


_MONEY_NOISE = re.compile(r"[\s.,₫]|vnd|đ", re.IGNORECASE)


def parse_price(value) -> int:
    """Integer VND: 1250000, "1.250.000 ₫", "1,250,000 VND" (a fraction of a đồng is never quoted)."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value != int(value):
            raise ValueError
        return int(value)
    text = _MONEY_NOISE.sub("", str(value))
    if not text.isdigit():
        raise ValueError
    return int(text)


def parse_date(value) -> dt.date:
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError


def parse_count(value) -> int:
    if value in (None, ""):
        return 0
    text = str(value).strip().replace(".", "").replace(",", "")
    if text.lower().endswith("k"):  # platforms show "1,2k đã bán"
        return int(float(str(value).strip()[:-1].replace(",", ".")) * 1000)
    if not text.isdigit():
        raise ValueError
    return int(text)


def records(data: bytes, *, name: str) -> list[dict]:
    """The raw records of a CSV or JSON file (by extension, else by its first character)."""
    text = data.decode("utf-8-sig")
    is_json = name.lower().endswith(".json") or text.lstrip()[:1] in ("[", "{")
    if is_json:
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as exc:
            raise FileRefused([RowError(0, "", _("JSON không hợp lệ: %(error)s") % {"error": exc})]) from exc
        if isinstance(loaded, dict):
            loaded = loaded.get("listings", [])
        if not isinstance(loaded, list) or not all(isinstance(r, dict) for r in loaded):
            raise FileRefused([RowError(0, "", _("Tệp JSON phải là một danh sách các tin đăng."))])
        return loaded
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise FileRefused(
            [RowError(0, c, _("Thiếu cột bắt buộc %(column)s.") % {"column": c}) for c in missing]
        )
    return list(reader)


def read(data: bytes, *, name: str) -> list[ListingRow]:
    """Every row checked; raises FileRefused with all row errors, or returns the rows."""
    raw = records(data, name=name)
    if len(raw) > MAX_ROWS:
        raise FileRefused([RowError(0, "", _("Tệp có quá %(max)s dòng.") % {"max": MAX_ROWS})])
    rows, errors, seen = [], [], {}
    for i, rec in enumerate(raw, start=1):
        row, errs = _row(i, rec)
        errors += errs
        if row is None:
            continue
        key = (row.snapshot_on, row.platform, row.listing_id)
        if key in seen:
            errors.append(
                RowError(
                    i,
                    "listing_id",
                    _("Trùng tin đăng ở dòng %(other)s của cùng ngày chụp.") % {"other": seen[key]},
                )
            )
            continue
        seen[key] = i
        rows.append(row)
    if errors:
        raise FileRefused(errors)
    return rows


def _row(i: int, rec: dict) -> tuple[ListingRow | None, list[RowError]]:
    errors: list[RowError] = []

    def text(column: str, limit: int) -> str:
        value = nfc(str(rec.get(column) or ""))
        if len(value) > limit:
            errors.append(RowError(i, column, _("Dài quá %(limit)s ký tự.") % {"limit": limit}))
        return value[:limit]

    for column in REQUIRED:
        if rec.get(column) in (None, ""):
            errors.append(RowError(i, column, _("Thiếu giá trị bắt buộc.")))
    snapshot = price = None
    sales = 0
    if rec.get("snapshot_date") not in (None, ""):
        try:
            snapshot = parse_date(rec["snapshot_date"])
        except ValueError:
            errors.append(RowError(i, "snapshot_date", _("Ngày phải có dạng YYYY-MM-DD hoặc DD/MM/YYYY.")))
    if rec.get("price") not in (None, ""):
        try:
            price = parse_price(rec["price"])
        except ValueError:
            errors.append(RowError(i, "price", _("Giá phải là số tiền nguyên (đồng), không âm.")))
    try:
        sales = parse_count(rec.get("sales_count"))
    except ValueError:
        errors.append(RowError(i, "sales_count", _("Số đã bán phải là số nguyên không âm.")))
    url = text("url", 1000)
    if url and not url.startswith(("http://", "https://")):
        errors.append(RowError(i, "url", _("Đường dẫn phải bắt đầu bằng http:// hoặc https://.")))
    tax_code = "".join(ch for ch in str(rec.get("tax_code") or "") if ch.isdigit())
    if rec.get("tax_code") and len(tax_code) not in (10, 12, 13):
        errors.append(
            RowError(i, "tax_code", _("Mã số thuế phải có 10, 13 chữ số (hoặc số định danh 12 số)."))
        )
    values = {
        "platform": text("platform", 64),
        "listing_id": text("listing_id", 128),
        "shop": text("shop", 255),
        "seller_id": text("seller_id", 128),
        "title": text("title", 500),
        "description": text("description", 20_000),
        "brand": text("brand", 120),
        "category": text("category", 200),
        "location": text("location", 200),
    }
    if errors or snapshot is None or price is None:
        return None, errors
    return ListingRow(
        row=i, snapshot_on=snapshot, price_vnd=price, sales_count=sales, url=url, tax_code=tax_code, **values
    ), []
