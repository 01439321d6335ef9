"""Template filters about what the signed-in user may do (the rules live in core.access)."""

from django import template

from sc389.core import access

register = template.Library()


@register.filter
def administers(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and access.administers_any(user)
