"""Small presentation helpers of the case pages."""

from django import template
from django.utils.translation import gettext_lazy as _

from ..choices import Category

register = template.Library()

SHORT_CATEGORY = {
    Category.SMUGGLING: _("Buôn lậu"),
    Category.TRADE_FRAUD: _("Gian lận thương mại"),
    Category.COUNTERFEIT_IP: _("Hàng giả, SHTT"),
    Category.OTHER: _("Khác"),
}


@register.filter
def category_short(value: str) -> str:
    """The category as a table cell has room for it ("Buôn lậu"); the full label is in its title."""
    return str(SHORT_CATEGORY.get(value, value))
