"""The case list taken out of the system: a CSV or XLSX file of every case the list shows, and the rows of the
print page.

The rows are exactly the list's: `selectors.case_list` with the same filters and the same scope, in the same order
(newest first), read and written CHUNK cases at a time, so a national export of a million cases holds one chunk in
memory, never the file (the XLSX is assembled in a temporary file).
"""

import csv
import datetime as dt
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any, Literal

from django.db.models import BigIntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import FileResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from sc389.core import formats
from sc389.core.errors import DomainError

from . import selectors
from .choices import CaseStatus, Category, Channel
from .forms import CASE_FIELD_LABELS
from .models import BudgetRemittance, GoodsLine, PenaltyDecision

FileFormat = Literal["csv", "xlsx"]
FILE_FORMATS: tuple[FileFormat, ...] = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CHUNK = 2_000  # cases read and written at a time; well under SQLite's limit on query parameters
PRINT_LIMIT = 2_000  # a longer printout is a file, not paper
XLSX_MAX_ROWS = 1_048_575  # a worksheet holds 1,048,576 rows, the header one of them
GOODS_SHOWN = 5  # goods lines named in the summary; the rest are counted
MONEY_FORMAT = "#,##0"
DATE_FORMAT = "DD/MM/YYYY"  # as offices write dates (Decree 30/2020 documents)
# Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    kind: Literal["text", "date", "money"]
    width: int  # XLSX column width, in characters


COLUMNS: tuple[Column, ...] = (
    Column("reference", CASE_FIELD_LABELS["reference"], "text", 18),
    Column("category", CASE_FIELD_LABELS["category"], "text", 30),
    Column("violation_type", CASE_FIELD_LABELS["violation_type"], "text", 30),
    Column("channel", CASE_FIELD_LABELS["channel"], "text", 20),
    Column("detected_on", CASE_FIELD_LABELS["detected_on"], "date", 12),
    Column("province", CASE_FIELD_LABELS["province"], "text", 18),
    Column("commune", CASE_FIELD_LABELS["commune"], "text", 22),
    Column("lead_unit", CASE_FIELD_LABELS["lead_unit"], "text", 30),
    Column("status", CASE_FIELD_LABELS["status"], "text", 20),
    Column("goods", _("Hàng hóa (tóm tắt)"), "text", 40),
    Column("goods_value_vnd", _("Tổng trị giá hàng hóa (đồng)"), "money", 18),
    Column("fines_vnd", _("Tổng tiền phạt (đồng)"), "money", 16),
    Column("remitted_vnd", _("Tổng nộp ngân sách (đồng)"), "money", 16),
)
MONEY_AT = tuple(i for i, c in enumerate(COLUMNS) if c.kind == "money")
DATE_AT = tuple(i for i, c in enumerate(COLUMNS) if c.kind == "date")


def header() -> list[str]:
    """The column titles in the active language."""
    return [str(c.label) for c in COLUMNS]


def _lang() -> str:
    return "vi" if (get_language() or "vi").startswith("vi") else "en"


# ---- the rows ------------------------------------------------------------------------------------------------


def case_count(*, user, filters: selectors.CaseFilters, file_format: str = "csv") -> int:
    """How many cases the list shows `user` for `filters` (what an export of it holds); more than a worksheet
    holds is refused for XLSX (400 on `format`), so no one gets a file cut short without a word."""
    count = selectors.case_list(user=user, filters=filters).order_by().count()
    if file_format == "xlsx" and count > XLSX_MAX_ROWS:
        raise DomainError(
            "too_many_rows",
            _(
                "Danh sách có %(count)s vụ việc, quá %(max)s dòng của một trang tính XLSX. "
                "Hãy lọc hẹp hơn hoặc tải tệp CSV."
            )
            % {
                "count": formats.format_number(count, lang=_lang()),
                "max": formats.format_number(XLSX_MAX_ROWS, lang=_lang()),
            },
            field="format",
        )
    return count


def _total(model, field: str) -> Coalesce:
    """The sum of `field` over the case's live `model` rows, 0 when it has none (a correlated subquery)."""
    sums = model.objects.filter(case_id=OuterRef("pk")).order_by().values("case_id").annotate(t=Sum(field))
    return Coalesce(Subquery(sums.values("t"), output_field=BigIntegerField()), Value(0))


FIELDS = (
    "pk",
    "reference",
    "category",
    "violation_type__name",
    "violation_type__name_en",
    "channel",
    "detected_on",
    "province__name",
    "commune__name",
    "lead_unit__name",
    "status",
    "goods_value_vnd",
    "fines_vnd",
    "remitted_vnd",
)


def _quantity(value: Decimal | None, lang: str) -> str:
    if value is None:
        return ""
    text = formats.format_number(value, lang=lang, decimals=3)
    mark = "," if lang == "vi" else "."
    return text.rstrip("0").rstrip(mark)


def _goods_summary(lines: list[tuple[str, Decimal | None, str]], lang: str) -> str:
    """Like "Thuốc lá điếu (5.000 bao); Gà thải (1,5 tấn)": the first GOODS_SHOWN lines, then how many more."""
    parts = []
    for description, quantity, unit in lines[:GOODS_SHOWN]:
        amount = " ".join(p for p in (_quantity(quantity, lang), unit) if p)
        parts.append(f"{description} ({amount})" if amount else description)
    if len(lines) > GOODS_SHOWN:
        parts.append(f"… (+{len(lines) - GOODS_SHOWN})")
    return "; ".join(parts)


def _chunk_rows(cases: list, lang: str) -> Iterator[tuple]:
    """The export rows of a chunk of cases (FIELDS rows), with one more query for their goods lines."""
    goods: dict[int, list] = defaultdict(list)
    lines = GoodsLine.objects.filter(case_id__in=[c.pk for c in cases]).order_by("case_id", "id")
    for case_id, description, quantity, unit in lines.values_list(
        "case_id", "description", "quantity", "unit"
    ):
        goods[case_id].append((description, quantity, unit))
    # each label translated once a chunk, not once a row
    labels = {value: str(label) for value, label in (*Category.choices, *Channel.choices)}
    statuses = {value: str(label) for value, label in CaseStatus.choices}
    english = lang == "en"
    for c in cases:
        yield (
            c.reference,
            labels.get(c.category, c.category),
            (c.violation_type__name_en if english and c.violation_type__name_en else c.violation_type__name)
            or "",
            labels.get(c.channel, c.channel),
            c.detected_on,
            c.province__name or "",
            c.commune__name or "",
            c.lead_unit__name or "",
            statuses.get(c.status, c.status),
            _goods_summary(goods.get(c.pk, []), lang),
            c.goods_value_vnd,
            c.fines_vnd,
            c.remitted_vnd,
        )


def rows(*, user, filters: selectors.CaseFilters, limit: int | None = None) -> Iterator[tuple]:
    """The export rows (see COLUMNS) of every case the list shows `user` for `filters` (or the first `limit`), in
    the list's order, labels in the active language.

    The list's own query (selectors.case_list: scope, filters, order) is read CHUNK cases at a time by keyset on
    (detected_on, id), as the list pages are: each read is short, and no read holds the database for the whole
    download."""
    lang = _lang()
    qs = selectors.case_list(user=user, filters=filters).annotate(
        goods_value_vnd=_total(GoodsLine, "value_vnd"),
        fines_vnd=_total(PenaltyDecision, "fine_vnd"),
        remitted_vnd=_total(BudgetRemittance, "amount_vnd"),
    )
    qs = qs.values_list(*FIELDS, named=True)
    after, left = Q(), limit
    while left is None or left > 0:
        size = CHUNK if left is None else min(CHUNK, left)
        chunk = list(qs.filter(after)[:size])
        yield from _chunk_rows(chunk, lang)
        if len(chunk) < size:
            return
        left = None if left is None else left - size
        last = chunk[-1]
        # the plain bound lets the database seek to the cursor in the date index (as selectors._cursor_newer)
        after = Q(detected_on__lte=last.detected_on) & (
            Q(detected_on__lt=last.detected_on) | Q(detected_on=last.detected_on, pk__lt=last.pk)
        )


# ---- the files -----------------------------------------------------------------------------------------------


def safe_text(value: str) -> str:
    """A text cell a spreadsheet shows as text: one that would start a formula gets a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


class _Echo:
    """A file-like object whose write returns the line, so csv.writer formats one row at a time."""

    def write(self, value: str) -> str:
        return value


def _csv_cell(value: Any) -> Any:
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def csv_chunks(rows: Iterable[tuple], *, lang: str, batch: int = 500) -> Iterator[bytes]:
    """UTF-8 with a byte order mark (Excel then reads Vietnamese right), a header, `batch` rows per chunk.

    Dates are ISO (2025-08-01), which every spreadsheet reads as a date; money is whole đồng without separators."""
    with override(lang):
        writer = csv.writer(_Echo())
        out = ["\ufeff" + writer.writerow(header())]
        for row in rows:
            out.append(writer.writerow([_csv_cell(v) for v in row]))
            if len(out) >= batch:
                yield "".join(out).encode("utf-8")
                out = []
        if out:
            yield "".join(out).encode("utf-8")


def xlsx_file(rows: Iterable[tuple], *, lang: str, title: str) -> IO[bytes]:
    """The rows in a workbook written in openpyxl's write-only mode (rows go to a temporary file as they come),
    saved to a temporary file: money as numbers with a thousands format, dates as dates."""
    with override(lang):
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(title=str(title)[:31])
        ws.freeze_panes = "A2"
        for i, column in enumerate(COLUMNS, start=1):
            ws.column_dimensions[get_column_letter(i)].width = column.width
        bold, fill = Font(bold=True), PatternFill("solid", fgColor="DCE4EE")
        wrap = Alignment(wrap_text=True, vertical="center")
        head = []
        for text in header():
            cell = WriteOnlyCell(ws, value=text)
            cell.font, cell.fill, cell.alignment = bold, fill, wrap
            head.append(cell)
        ws.append(head)
        for row in rows:
            ws.append(_xlsx_row(ws, row))
        out = tempfile.TemporaryFile()  # noqa: SIM115 (handed to the response, which closes it)
        wb.save(out)
    out.seek(0)
    return out


def _xlsx_row(ws, row: tuple) -> list:
    cells: list[Any] = []
    for i, value in enumerate(row):
        if i in MONEY_AT:
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = MONEY_FORMAT
        elif i in DATE_AT:
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = DATE_FORMAT
        elif not value:
            cell = None
        else:
            value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters would corrupt the file
            if value.startswith("="):
                # openpyxl would store it as a formula; stored as a string it stays the text it is
                cell = WriteOnlyCell(ws, value=value)
                cell.data_type = "s"
            else:
                cell = value
        cells.append(cell)
    return cells


def filename(file_format: str) -> str:
    return f"vu-viec-{timezone.localdate():%Y%m%d}.{file_format}"


def response(*, user, filters: selectors.CaseFilters, file_format: FileFormat) -> HttpResponseBase:
    """The file of the filtered list as an HTTP response: the CSV streamed as it is written, the XLSX from its
    temporary file. Labels in the request's language (kept for the rows written after the view returned)."""
    lang = _lang()
    found = rows(user=user, filters=filters)
    name = filename(file_format)
    if file_format == "csv":
        resp: HttpResponseBase = StreamingHttpResponse(
            csv_chunks(found, lang=lang), content_type=CONTENT_TYPES["csv"]
        )
        resp["Content-Disposition"] = f'attachment; filename="{name}"'
    else:
        with override(lang):
            title = str(_("Vụ việc"))
        out = xlsx_file(found, lang=lang, title=title)
        resp = FileResponse(out, as_attachment=True, filename=name, content_type=CONTENT_TYPES["xlsx"])
    resp["X-Content-Type-Options"] = "nosniff"
    return resp
