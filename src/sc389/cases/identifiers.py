"""Identifiers on case records: CCCD, tax codes, plates, phones. Checked on entry, normalised for matching.

CCCD (Circular 59/2021/TT-BCA): 3 digits province of birth registration, 1 digit century and sex
(0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s ...), 2 digits year of birth, 6 random digits; no check digit.
Tax codes: 10 digits, or 13 for branches (python-stdnum's vn.mst); since 1 July 2025 individuals and household
businesses use their 12-digit personal ID as tax code (Circular 86/2024/TT-BTC).
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.vn import mst

from .choices import Sex, TaxCodeKind


class IdentifierError(ValueError):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def digits(value: str | None) -> str:
    return re.sub(r"\D", "", value or "")


def check_cccd(number: str, *, date_of_birth: dt.date | None = None, sex: str | None = None) -> str:
    """The 12-digit CCCD, checked for shape and against the birth year and sex it encodes."""
    raw = (number or "").strip()
    if not re.fullmatch(r"\d{12}", raw.replace(" ", "")):
        raise IdentifierError(_("Số CCCD phải gồm đúng 12 chữ số."))
    value = raw.replace(" ", "")
    province = int(value[:3])
    if not 1 <= province <= 96:
        raise IdentifierError(_("Ba số đầu của CCCD (mã tỉnh nơi đăng ký khai sinh) không hợp lệ."))
    gender_digit, year2 = int(value[3]), int(value[4:6])
    century = 1900 + 100 * (gender_digit // 2)
    encoded_sex = Sex.MALE if gender_digit % 2 == 0 else Sex.FEMALE
    if date_of_birth is not None and century + year2 != date_of_birth.year:
        raise IdentifierError(
            _("Số CCCD mã hóa năm sinh %(encoded)s, khác năm sinh đã nhập %(given)s.")
            % {"encoded": century + year2, "given": date_of_birth.year}
        )
    if sex and sex != encoded_sex:
        raise IdentifierError(_("Số CCCD mã hóa giới tính khác giới tính đã nhập."))
    return value


@dataclass(frozen=True)
class TaxCode:
    value: str  # compact form: 10 or 13 digits, or 12 for a personal ID
    kind: str


def check_tax_code(number: str) -> TaxCode:
    """A company's tax code (10/13 digits, check digit verified) or an individual's 12-digit personal ID."""
    compact = digits(number)
    if len(compact) == 12:
        check_cccd(compact)
        return TaxCode(compact, TaxCodeKind.PERSONAL_ID)
    try:
        valid = mst.validate(number.strip())
    except StdnumError as exc:
        raise IdentifierError(
            _("Mã số thuế %(value)s không hợp lệ (%(reason)s).") % {"value": number, "reason": exc.message}
        ) from exc
    return TaxCode(valid, TaxCodeKind.MST13 if len(valid) == 13 else TaxCodeKind.MST10)


_PLATE_MAP = str.maketrans({"Đ": "D", "đ": "D"})


def normalise_plate(plate: str | None) -> str:
    """`29A-123.45`, `29a 12345` and `29A12345` are one vehicle: upper-case letters and digits only."""
    return re.sub(r"[^0-9A-Z]", "", (plate or "").translate(_PLATE_MAP).upper())


def check_plate(plate: str) -> str:
    value = normalise_plate(plate)
    if not re.fullmatch(r"\d{2}[A-Z]{1,2}\d{0,1}\d{4,5}|[A-Z]{2}\d{4,6}|\d{2}[A-Z]{2}\d{3,5}", value):
        raise IdentifierError(
            _("Biển kiểm soát %(value)s không đúng dạng (ví dụ 12A-123.45).") % {"value": plate}
        )
    return value


def normalise_phone(phone: str | None) -> str:
    """Vietnamese numbers in one form: +84 912 345 678 → 0912345678."""
    value = digits(phone)
    if value.startswith("84") and len(value) in (11, 12):
        value = "0" + value[2:]
    return value


def check_phone(phone: str) -> str:
    value = normalise_phone(phone)
    if not re.fullmatch(r"0\d{9,10}", value):
        raise IdentifierError(_("Số điện thoại %(value)s không hợp lệ.") % {"value": phone})
    return value
