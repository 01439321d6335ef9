"""What the coordination API modules share: references in payloads, choices, the list limit."""

from django.utils.translation import gettext_lazy as _

from sc389.core.errors import DomainError, NotFound

LIMIT = 200


def ref(getter, pk: int, field: str, **kwargs):
    """A row the payload names by id; unknown (or outside scope) is the caller's input error on that field."""
    try:
        return getter(pk=pk, **kwargs)
    except NotFound:
        raise DomainError(
            "invalid_reference", _("Không tìm thấy mục số %(id)s.") % {"id": pk}, field=field
        ) from None


def choice(value: str, choices, field: str) -> str:
    if value not in choices.values:
        raise DomainError(
            "invalid_choice",
            _("Giá trị không hợp lệ; chọn một trong: %(values)s.") % {"values": ", ".join(choices.values)},
            field=field,
        )
    return value
