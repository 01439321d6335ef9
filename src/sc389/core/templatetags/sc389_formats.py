"""Numbers, money and percentages in the active language: 4.365; 66,4 tỷ đồng; 81,27% (vi) or 4,365 (en)."""

from django import template
from django.utils import formats as dj_formats
from django.utils import timezone
from django.utils.translation import get_language

from sc389.core import formats

register = template.Library()


def _lang() -> str:
    return "vi" if (get_language() or "vi").startswith("vi") else "en"


@register.filter
def number(value, decimals: int = 0) -> str:
    """{{ n|number }} → 4.365; {{ q|number:3 }} keeps three decimals."""
    if value in (None, ""):
        return ""
    return formats.format_number(value, lang=_lang(), decimals=int(decimals))


@register.filter
def money(value) -> str:
    """{{ amount|money }} → 66,4 tỷ đồng / VND 66.4 billion; small sums in full."""
    if value in (None, ""):
        return ""
    return formats.format_vnd(value, lang=_lang())


@register.filter
def percent(value, decimals: int = 2) -> str:
    """{{ ratio|percent }} → 81,27%; the value is already a percentage (81.27)."""
    if value in (None, ""):
        return ""
    return formats.format_percent(value, lang=_lang(), decimals=int(decimals))


@register.filter
def quantity(value) -> str:
    """A measured quantity: up to three decimals, trailing zeros dropped (1.250,5 kg)."""
    if value in (None, ""):
        return ""
    text = formats.format_number(value, lang=_lang(), decimals=3)
    mark = "," if _lang() == "vi" else "."
    return text.rstrip("0").rstrip(mark) if mark in text else text


def format_day(value) -> str:
    """A date as offices write it: 02/03/2025 in Vietnamese, 2 Mar 2025 in English."""
    if not value:
        return ""
    return dj_formats.date_format(value, "d/m/Y" if _lang() == "vi" else "j M Y")


@register.filter
def day(value) -> str:
    return format_day(value)


@register.filter
def moment(value) -> str:
    """A point in time in the local zone: 02/03/2025 14:05 (vi), 2 Mar 2025 14:05 (en)."""
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return dj_formats.date_format(local, "d/m/Y H:i" if _lang() == "vi" else "j M Y H:i")
