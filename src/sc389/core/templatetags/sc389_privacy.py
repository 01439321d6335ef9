"""Personal data in templates: {% personal_data case parties as full %} then {{ party.id_number|mask_id:full }}."""

from django import template

from sc389.core import privacy

register = template.Library()


@register.simple_tag(takes_context=True)
def personal_data(context, case, records) -> bool:
    """True when the user sees the personal data in full (the view is then audited), else False."""
    request = context.get("request")
    if request is None or case is None:
        return False
    return privacy.reveal(request.user, case, records or [])


@register.filter
def mask_id(value, full: bool = False) -> str:
    return value if full else privacy.mask_id_number(value)


@register.filter
def mask_phone(value, full: bool = False) -> str:
    return value if full else privacy.mask_phone(value)


@register.filter
def mask_birth_date(value, full: bool = False):
    """With `full`, the date itself (format it after: |mask_birth_date:full|day); else ••/••/YYYY."""
    return value if full else privacy.mask_birth_date(value)
