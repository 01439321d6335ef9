"""What the case forms share: dates typed the Vietnamese way, domain errors as form errors, unit choices."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sc389.core import access
from sc389.core.errors import DomainError
from sc389.org import selectors as org_selectors
from sc389.org.models import Unit

# The browser's date picker sends ISO 8601; typed by hand (no picker, a pasted value) a date reads day first,
# as in every Vietnamese document (31/12/2025). Month-first US dates are never accepted: 03/02 is 3 February.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
DATE_INVALID = _("Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 31/12/2025.")


def parse_day(value: str) -> dt.date | None:
    """A date typed in any accepted form, or None."""
    text = (value or "").strip()
    for fmt in DATE_INPUT_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


class DateInput(forms.DateInput):
    """The browser's own date picker (shown in the browser's language); the value travels as ISO 8601.

    A value the user typed by hand as 31/12/2025 and sent back with an error elsewhere is shown again in ISO, so
    the picker still shows it rather than an empty box.
    """

    input_type = "date"

    def __init__(self, attrs=None):
        # The placeholder only shows where the browser has no picker and falls back to a text box.
        super().__init__(attrs={"placeholder": _("ngày/tháng/năm"), **(attrs or {})}, format="%Y-%m-%d")

    def format_value(self, value):
        if isinstance(value, str):
            day = parse_day(value)
            return day.isoformat() if day else value
        return super().format_value(value)


def localize_dates(form: forms.BaseForm) -> None:
    """Give every date field of `form` the picker, the accepted typed forms and a message in the user's language."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField):
            field.input_formats = DATE_INPUT_FORMATS
            field.error_messages["invalid"] = DATE_INVALID
            if not isinstance(field.widget, DateInput):
                field.widget = DateInput(attrs=field.widget.attrs)


def date_field(label, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": DATE_INVALID},
    )


def not_in_future(day: dt.date | None, message) -> dt.date | None:
    if day and day > dt.date.today():
        raise ValidationError(message)
    return day


def apply_error(form: forms.BaseForm, exc: Exception) -> None:
    """A domain or model error raised by a service becomes a form error, in the user's language."""
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, exc)
        return
    if isinstance(exc, DomainError):
        form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        return
    raise exc


# --- units a user may pick --------------------------------------------------------------------------------


def recordable_units(user):
    """Units `user` may record a case for: their own units as officer, reviewer or administrator, and the
    units of the provinces where they administer the committee (the service checks the final choice)."""
    p = access.principal(user)
    units = Unit.objects.filter(valid_to__isnull=True).select_related("force")
    if p.national_writer:
        return units.order_by("name")
    q = Q(pk__in=p.writer_unit_ids)
    if p.writer_province_ids:
        q |= Q(home_province_id__in=p.writer_province_ids) | Q(
            pk__in=Unit.area.through.objects.filter(administrativeunit_id__in=p.writer_province_ids).values(
                "unit_id"
            )
        )
    return units.filter(q).order_by("name")


def unit_choices():
    return org_selectors.unit_list(on=dt.date.today()).order_by("name")
