"""Submissions as spreadsheets: the template a unit fills in, and reading it back row by row.

One row per indicator: its code, its name (ignored on reading), the total, then the parts by category (blank =
not given). The first row holds the column codes; reading checks every row and reports every error at once.
"""

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sc389.cases.choices import Category

from ..models.submissions import INDICATOR_CHOICES
from .figures import PART_KEYS, TOTAL_KEY, Figures, figures_clean

COLUMNS = ("indicator", "label", TOTAL_KEY, *PART_KEYS)
MAX_ROWS = 200


def template_bytes(figures: Figures | None = None) -> bytes:
    """The XLSX to fill in (pre-filled with `figures` when given)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "so_lieu"
    sheet.append(list(COLUMNS))
    sheet.append(["", _("Chỉ tiêu"), _("Tổng số"), *[str(c.label) for c in Category]])
    for code, label in INDICATOR_CHOICES:
        parts = (figures or {}).get(code, {})
        sheet.append([code, str(label), parts.get(TOTAL_KEY), *[parts.get(k) for k in PART_KEYS]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _number(value) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip().replace(".", "").replace(" ", "")  # "1.234.567" as written in Vietnamese
        if text.isdigit():
            return int(text)
    raise ValueError


def read_figures(data: bytes) -> Figures:
    """The figures of an uploaded XLSX; a ValidationError listing every bad row (nothing is kept on error)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not an XLSX
        raise ValidationError(_("Không đọc được tệp XLSX.")) from exc
    rows = list(book.worksheets[0].iter_rows(values_only=True, max_row=MAX_ROWS))
    header = next((i for i, r in enumerate(rows) if r and str(r[0] or "").strip() == "indicator"), None)
    if header is None:
        raise ValidationError(_("Không thấy dòng tiêu đề (ô đầu tiên là 'indicator')."))
    columns = [str(c or "").strip() for c in rows[header]]
    errors: list[str] = []
    raw: dict[str, dict] = {}
    known = {code for code, _label in INDICATOR_CHOICES}
    for number, row in enumerate(rows[header + 1 :], start=header + 2):
        code = str(row[0] or "").strip() if row else ""
        if not code:
            continue
        if code not in known:
            errors.append(_("Dòng %(row)s: không có chỉ tiêu %(code)s.") % {"row": number, "code": code})
            continue
        if code in raw:
            errors.append(_("Dòng %(row)s: chỉ tiêu %(code)s lặp lại.") % {"row": number, "code": code})
            continue
        parts = {}
        for name, value in zip(columns, row, strict=False):
            if name not in (TOTAL_KEY, *PART_KEYS):
                continue
            try:
                n = _number(value)
            except ValueError:
                errors.append(
                    _("Dòng %(row)s, cột %(col)s: '%(value)s' không phải số nguyên không âm.")
                    % {"row": number, "col": name, "value": value}
                )
                continue
            if n is not None and n < 0:
                errors.append(_("Dòng %(row)s, cột %(col)s: số liệu âm.") % {"row": number, "col": name})
            elif n is not None:
                parts[name] = n
        if parts and TOTAL_KEY not in parts:
            errors.append(_("Dòng %(row)s: thiếu số tổng.") % {"row": number})
        raw[code] = parts
    if errors:
        raise ValidationError(errors)
    figures = figures_clean(raw)
    if not figures:
        raise ValidationError(_("Tệp không có số liệu nào."))
    return figures
