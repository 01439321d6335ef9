"""Cell values as the forces write them, parsed without a database.

Numbers are read the Vietnamese way first: "1.234.567" is one million two hundred thirty-four thousand five
hundred sixty-seven, "1,5" is one and a half. A single dot followed by exactly three digits groups thousands
("1.234" = 1234); otherwise a single dot is a decimal point ("12.5", "0.125"), so machine-written files work
too. When both marks appear, the last one is the decimal mark ("1.234,5" and "1,234.5").
Dates: dd/mm/yyyy (also with "-" or "."), yyyy-mm-dd, and the date cells of Excel.
Every parser raises ParseError with a message for people; the caller adds the row and the column.
"""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from sc389.core.text import fold


class ParseError(ValueError):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_CURRENCY = re.compile(r"(vnđ|vnd|đồng|đ|d)$", re.IGNORECASE)
_GROUPED = re.compile(r"[1-9]\d{0,2}(?:X\d{3})+")  # X stands for the grouping mark
_PLAIN = re.compile(r"\d+")


def text(value) -> str:
    """A cell as trimmed text; numbers written by Excel as 12.0 lose the '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def _grouped(digits: str, mark: str) -> bool:
    return bool(_GROUPED.fullmatch(digits.replace(mark, "X")))


def parse_decimal(value) -> Decimal:
    """A number in Vietnamese or machine format: "1.234.567", "1,5", "1.234,5", "12.5", 7, 2.25."""
    if isinstance(value, bool):
        raise ParseError(_("Cần một số, không phải giá trị đúng/sai."))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    raw = _SPACES.sub("", str(value or ""))
    if not raw:
        raise ParseError(_("Ô trống, cần một số."))
    sign = ""
    if raw[0] in "+-":
        sign, raw = ("-" if raw[0] == "-" else ""), raw[1:]
    whole, frac = raw, ""
    dots, commas = raw.count("."), raw.count(",")
    if dots and commas:
        mark = "," if raw.rfind(",") > raw.rfind(".") else "."
        group = "." if mark == "," else ","
        whole, _sep, frac = raw.rpartition(mark)
        if not _grouped(whole, group) and not _PLAIN.fullmatch(whole):
            raise ParseError(_("“%(value)s” không phải số hợp lệ.") % {"value": value})
        whole = whole.replace(group, "")
    elif commas == 1:
        whole, _sep, frac = raw.partition(",")
    elif commas > 1:
        if not _grouped(raw, ","):
            raise ParseError(_("“%(value)s” không phải số hợp lệ.") % {"value": value})
        whole = raw.replace(",", "")
    elif dots > 1:
        if not _grouped(raw, "."):
            raise ParseError(
                _("“%(value)s” không phải số hợp lệ (dấu chấm phân cách hàng nghìn, dấu phẩy thập phân).")
                % {"value": value}
            )
        whole = raw.replace(".", "")
    elif dots == 1:
        head, _sep, tail = raw.partition(".")
        if len(tail) == 3 and _grouped(raw, "."):
            whole = head + tail
        else:
            whole, frac = head, tail
    if not _PLAIN.fullmatch(whole) or (frac and not _PLAIN.fullmatch(frac)):
        raise ParseError(_("“%(value)s” không phải số hợp lệ.") % {"value": value})
    try:
        return Decimal(f"{sign}{whole}.{frac or '0'}")
    except InvalidOperation as exc:  # pragma: no cover (the patterns above admit digits only)
        raise ParseError(_("“%(value)s” không phải số hợp lệ.") % {"value": value}) from exc


def parse_money(value) -> int:
    """Whole đồng, never negative: "1.234.567", "1.234.567 đ", "350000", 2500000.0."""
    if isinstance(value, str):
        value = _CURRENCY.sub("", _SPACES.sub("", value))
    number = parse_decimal(value)
    if number < 0:
        raise ParseError(_("Số tiền không được âm."))
    if number != number.to_integral_value():
        raise ParseError(_("Số tiền phải là số đồng nguyên, không có phần lẻ."))
    if number >= 10**18:
        raise ParseError(_("Số tiền quá lớn."))
    return int(number)


def parse_quantity(value) -> Decimal:
    """A non-negative quantity with at most three decimals (1,5 tấn; 1.200 bao)."""
    number = parse_decimal(value)
    if number < 0:
        raise ParseError(_("Số lượng không được âm."))
    if number != number.quantize(Decimal("0.001")):
        raise ParseError(_("Số lượng chỉ được có tối đa 3 chữ số thập phân."))
    if number >= 10**15:
        raise ParseError(_("Số lượng quá lớn."))
    return number.quantize(Decimal("0.001"))


def parse_count(value) -> int:
    """A whole non-negative count (defendants)."""
    number = parse_decimal(value)
    if number < 0 or number != number.to_integral_value():
        raise ParseError(_("Cần một số nguyên không âm."))
    if number > 100_000:
        raise ParseError(_("Số quá lớn."))
    return int(number)


_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?")


def parse_date(value) -> dt.date:
    """dd/mm/yyyy (the Vietnamese order; also with '-' or '.'), yyyy-mm-dd, or an Excel date cell."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ParseError(
            _("“%(value)s” không phải ngày; hãy định dạng ô là ngày hoặc ghi dd/mm/yyyy.") % {"value": value}
        )
    raw = str(value or "").strip()
    if not raw:
        raise ParseError(_("Ô trống, cần một ngày."))
    match = _DMY.fullmatch(raw)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _YMD.fullmatch(raw)
        if not match:
            raise ParseError(_("“%(value)s” không phải ngày dạng dd/mm/yyyy.") % {"value": raw})
        year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ParseError(_("Ngày “%(value)s” không có trên lịch.") % {"value": raw}) from exc


def parse_list(value) -> list[str]:
    """Codes separated by ';' or ',' (participating units)."""
    return [item for item in (s.strip() for s in re.split(r"[;,\n]", text(value))) if item]


def choice_index(choices, *, aliases: dict[str, str] | None = None) -> dict[str, str]:
    """Folded code, label and short label ("Buôn lậu" for "Buôn lậu, vận chuyển trái phép ...") → code."""
    index: dict[str, str] = {}
    for code, label in choices:
        label = str(label)
        for key in (code, label, label.split(",")[0]):
            index.setdefault(fold(key), code)
    for alias, code in (aliases or {}).items():
        index.setdefault(fold(alias), code)
    return index


def parse_choice(value, index: dict[str, str]) -> str:
    raw = text(value)
    found = index.get(raw)  # the spelling seen before, without folding again
    if found is None:
        found = index.get(fold(raw))
        if found is None:
            raise ParseError(_("“%(value)s” không có trong danh mục.") % {"value": raw})
        index[raw] = found
    return found
