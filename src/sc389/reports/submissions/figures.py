"""Figures of a submission as plain data: {indicator: {"total" | category: value}}; checks and the parts flag."""

from django.utils.translation import gettext as _

from sc389.cases.choices import Category
from sc389.core.errors import DomainError

from ..models.submissions import INDICATOR_CHOICES

SUBMITTED_CODES: tuple[str, ...] = tuple(code for code, _label in INDICATOR_CHOICES)
TOTAL_KEY = "total"
PART_KEYS: tuple[str, ...] = tuple(Category.values)

Figures = dict[str, dict[str, int]]


def figures_clean(raw: dict) -> Figures:
    """Validated figures: known indicators and categories, whole numbers ≥ 0, a total for every indicator."""
    out: Figures = {}
    for code, parts in (raw or {}).items():
        if code not in SUBMITTED_CODES:
            raise DomainError(
                "unknown_indicator", _("Không có chỉ tiêu %(code)s.") % {"code": code}, field=code
            )
        if not isinstance(parts, dict):
            parts = {TOTAL_KEY: parts}
        clean: dict[str, int] = {}
        for key, value in parts.items():
            if value is None or value == "":
                continue
            if key not in (TOTAL_KEY, *PART_KEYS):
                raise DomainError(
                    "unknown_category", _("Không có lĩnh vực %(key)s.") % {"key": key}, field=code
                )
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise DomainError(
                    "invalid_value",
                    _("Số liệu phải là số nguyên không âm: %(value)s.") % {"value": value},
                    field=code,
                )
            clean[key] = value
        if not clean:
            continue
        if TOTAL_KEY not in clean:
            raise DomainError(
                "total_required", _("Chỉ tiêu %(code)s thiếu số tổng.") % {"code": code}, field=code
            )
        out[code] = clean
    return out


def mismatches(figures: Figures) -> list[str]:
    """The indicators whose parts by category (when any are given) do not add up to their total."""
    return [
        code
        for code, parts in figures.items()
        if any(k in parts for k in PART_KEYS) and sum(parts.get(k, 0) for k in PART_KEYS) != parts[TOTAL_KEY]
    ]


def figures_of(submission) -> Figures:
    out: Figures = {}
    for line in submission.lines.all():
        out.setdefault(line.indicator, {})[line.category or TOTAL_KEY] = line.value
    return out
