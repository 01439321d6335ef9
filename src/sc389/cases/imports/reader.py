"""Spreadsheets in: CSV (UTF-8, comma, semicolon or tab) and XLSX (openpyxl, read-only), as sheets of rows.

The format is told by the file's first bytes, not its name, so a document renamed .xlsx is refused with a clear
message instead of a traceback. Row numbers are those the user sees in the spreadsheet (the header is row 1).
"""

import csv
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from sc389.core.text import fold

from ..models import ImportFormat
from . import xlsx
from .columns import CASE_SHEET, GOODS_SHEET, PARTIES_SHEET

MAX_BYTES = getattr(settings, "SC389_IMPORT_MAX_BYTES", 100 * 1024 * 1024)
MAX_ROWS = getattr(settings, "SC389_IMPORT_MAX_ROWS", 200_000)
HEADER_SEARCH_ROWS = 10  # a title line or two above the header is tolerated

csv.field_size_limit(1024 * 1024)
DAMAGED = (
    zlib.error,
    EOFError,
)  # a corrupted or cut deflate stream inside the zip, met while reading a sheet


class FileError(ValueError):
    """The file as a whole cannot be read: wrong kind, empty, too large. No row is looked at."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass
class Sheet:
    name: str
    header_row: int
    headers: list[str]  # as written in the file
    rows: list[tuple[int, tuple]] = field(default_factory=list)  # (row number, cell values)


@dataclass
class Workbook:
    format: str
    sheets: dict[str, Sheet]  # "cases", "goods", "parties"

    @property
    def total_rows(self) -> int:
        return sum(len(s.rows) for s in self.sheets.values())


def detect_format(head: bytes, name: str) -> str:
    lower = name.lower()
    if head.startswith(b"PK\x03\x04"):
        return ImportFormat.XLSX
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileError(
            _("Tệp %(name)s là bảng tính Excel 97-2003 (.xls); hãy lưu lại dạng .xlsx hoặc CSV UTF-8.")
            % {"name": name}
        )
    if lower.endswith((".xlsx", ".xlsm")):
        raise FileError(
            _("Tệp %(name)s không phải bảng tính Excel (.xlsx) hợp lệ; hãy dùng mẫu tải về từ hệ thống.")
            % {"name": name}
        )
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileError(_("Tệp %(name)s không phải tệp CSV hay bảng tính Excel.") % {"name": name})
    return ImportFormat.CSV


def read(data: bytes, name: str) -> Workbook:
    """The file's sheets, or FileError for a file that cannot be imported at all."""
    if not data:
        raise FileError(_("Tệp %(name)s trống.") % {"name": name})
    if len(data) > MAX_BYTES:
        raise FileError(
            _("Tệp %(name)s lớn hơn giới hạn %(limit)s MB; hãy chia thành nhiều tệp.")
            % {"name": name, "limit": MAX_BYTES // (1024 * 1024)}
        )
    fmt = detect_format(data[:8192], name)
    book = _read_xlsx(data, name) if fmt == ImportFormat.XLSX else _read_csv(data, name)
    if not book.sheets["cases"].rows:
        raise FileError(_("Tệp %(name)s không có dòng vụ việc nào dưới dòng tiêu đề.") % {"name": name})
    if book.total_rows > MAX_ROWS:
        raise FileError(
            _("Tệp %(name)s có %(rows)s dòng, quá giới hạn %(limit)s dòng; hãy chia thành nhiều tệp.")
            % {"name": name, "rows": book.total_rows, "limit": MAX_ROWS}
        )
    return book


def _decode(data: bytes, name: str) -> str:
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:  # a UTF-16 mark on bytes that are not UTF-16 is told the same way
        raise FileError(
            _("Tệp %(name)s không mã hóa UTF-8; trong Excel hãy chọn Lưu thành → “CSV UTF-8”.")
            % {"name": name}
        ) from None


def _blank(values) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _read_csv(data: bytes, name: str) -> Workbook:
    content = _decode(data, name)
    first_line = content.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    rows = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    try:
        sheet = _sheet(CASE_SHEET, enumerate(rows, start=1), name)
    except csv.Error as exc:  # a cell over the size limit, a stray quote in strict mode
        raise FileError(
            _("Không đọc được tệp CSV %(name)s ở dòng %(row)s (%(reason)s).")
            % {"name": name, "row": rows.line_num, "reason": exc}
        ) from None
    if sheet is None:
        raise FileError(_("Tệp %(name)s trống.") % {"name": name})
    return Workbook(ImportFormat.CSV, {"cases": sheet})


def _sheet(title: str, numbered: Iterator[tuple[int, tuple]], name: str) -> Sheet | None:
    """The header is the first row naming the case id column (or else the first non-blank row)."""
    scanned: list[tuple[int, tuple]] = []
    header_at = None
    for number, values in numbered:
        if not _blank(values):
            scanned.append((number, values))
            if any(isinstance(v, str) and fold(v) in _REF_HEADERS for v in values):
                header_at = len(scanned) - 1
                break
        if number >= HEADER_SEARCH_ROWS:
            break
    if not scanned:
        return None
    if header_at is None:
        header_at = 0
    header_row, header_values = scanned[header_at]
    sheet = Sheet(title, header_row, ["" if v is None else str(v).strip() for v in header_values])
    sheet.rows = scanned[header_at + 1 :]
    append = sheet.rows.append
    for number, values in numbered:
        if not _blank(values):
            append((number, tuple(values)))
    return sheet


def _pick_sheets(titles: list[str]) -> dict[str, str]:
    """Which sheet is which: "cases" is "Vụ việc" (or "cases", or else the first), then the optional extra sheets."""
    by_name = {fold(title): title for title in titles}
    picked = {"cases": by_name.get(fold(CASE_SHEET)) or by_name.get("cases") or titles[0]}
    for key, title, aliases in (("goods", GOODS_SHEET, ("goods",)), ("parties", PARTIES_SHEET, ("parties",))):
        found = next((by_name[a] for a in (fold(title), *aliases) if a in by_name), None)
        if found is not None:
            picked[key] = found
    return picked


def _refuse_zip_bomb(data: bytes, name: str) -> None:
    """An XLSX is a zip: refuse one that would unpack to far more than a real workbook, before unpacking it.

    A real case sheet packs 15-25 to 1; a zip bomb packs a thousand to one. zipfile never reads an entry past its
    declared size (a lying entry fails its CRC), so the declared sizes are what can be unpacked.
    """
    max_total = int(getattr(settings, "SC389_IMPORT_MAX_UNPACKED_BYTES", 2**30))
    max_ratio = int(getattr(settings, "SC389_IMPORT_MAX_ZIP_RATIO", 200))
    try:
        entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not readable as a zip: the readers below say so
    total = sum(i.file_size for i in entries)
    worst = max(entries, key=lambda i: i.file_size / max(i.compress_size, 1), default=None)
    ratio = worst.file_size / max(worst.compress_size, 1) if worst else 0
    if total > max_total or (worst is not None and worst.file_size > 1_000_000 and ratio > max_ratio):
        raise FileError(
            _(
                "Tệp %(name)s bị từ chối: giải nén ra %(size)s MB (tỉ lệ nén %(ratio)s:1), vượt giới hạn của một"
                " bảng tính thật (nghi zip bomb). Hãy mở tệp trong Excel và lưu lại."
            )
            % {"name": name, "size": total // (1024 * 1024), "ratio": int(ratio)}
        )


def _read_xlsx(data: bytes, name: str) -> Workbook:
    _refuse_zip_bomb(data, name)
    try:
        book = xlsx.open_book(io.BytesIO(data))
        if not book.sheets:
            raise xlsx.Unsupported("no worksheet")
        sheets = {}
        for key, title in _pick_sheets(list(book.sheets)).items():
            sheet = _sheet(title, book.rows(title), name)
            if sheet is not None:
                sheets[key] = sheet
            elif key == "cases":
                raise FileError(_("Tệp %(name)s trống.") % {"name": name})
        return Workbook(ImportFormat.XLSX, sheets)
    except FileError:
        raise
    except (
        xlsx.Unsupported,
        xlsx.ParseError,
        KeyError,
        ValueError,
        IndexError,
        zipfile.BadZipFile,
        *DAMAGED,
    ):
        return _read_xlsx_openpyxl(data, name)


def _read_xlsx_openpyxl(data: bytes, name: str) -> Workbook:
    """Any XLSX the fast reader does not handle, through openpyxl (slower, and it explains what is wrong)."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError, *DAMAGED):
        raise FileError(
            _("Tệp %(name)s không phải bảng tính Excel (.xlsx) hợp lệ; hãy dùng mẫu tải về từ hệ thống.")
            % {"name": name}
        ) from None
    try:
        by_title = {ws.title: ws for ws in wb.worksheets}
        sheets = {}
        for key, title in _pick_sheets([ws.title for ws in wb.worksheets]).items():
            ws = by_title[title]
            sheet = _sheet(ws.title, enumerate(ws.iter_rows(values_only=True), start=1), name)
            if sheet is not None:
                sheets[key] = sheet
            elif key == "cases":
                raise FileError(_("Tệp %(name)s trống.") % {"name": name})
    except FileError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, xlsx.ParseError, *DAMAGED) as exc:
        raise FileError(
            _("Không đọc được bảng tính %(name)s (%(reason)s).") % {"name": name, "reason": exc}
        ) from None
    finally:
        wb.close()
    return Workbook(ImportFormat.XLSX, sheets)


_REF_HEADERS = {fold("external_ref"), fold("Mã vụ việc của đơn vị"), fold("Unit's case id")}
