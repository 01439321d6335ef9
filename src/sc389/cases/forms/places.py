"""The commune picker: a place chosen from the search list or typed in full, today's units first."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case as CaseWhen
from django.db.models import IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from sc389.core.templatetags.sc389_formats import format_day
from sc389.core.text import fold, fold_tokens
from sc389.org import selectors as org_selectors
from sc389.org.choices import AdminLevel
from sc389.org.models import AdministrativeUnit

PLACE_RESULTS = 20


def place_label(unit: AdministrativeUnit | None) -> str:
    """How a place reads in a picker: "Xã Đồng Đăng — Lạng Sơn"; an abolished unit says until when."""
    if unit is None:
        return ""
    text = unit.name
    if unit.parent_id and unit.parent is not None:
        text = f"{text} — {unit.parent.name}"
    if unit.valid_to is not None:
        until = format_day(unit.valid_to)
        text = f"{text} ({_('đơn vị cũ, đến %(date)s') % {'date': until}})"
    return text


def place_matches(query: str, *, limit: int = PLACE_RESULTS) -> list[AdministrativeUnit]:
    """Administrative units named by `query` (diacritics ignored) for the picker: today's communes first, then
    provinces, then units abolished by the 2025 reform (historic cases still name them)."""
    if not fold_tokens(query):
        return []
    rank = CaseWhen(
        When(valid_to__isnull=True, level=AdminLevel.COMMUNE, then=Value(0)),
        When(valid_to__isnull=True, level=AdminLevel.PROVINCE, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    qs = org_selectors.admin_unit_list(q=query, include_historic=True)
    return list(qs.annotate(rank=rank).order_by("rank", "name_folded", "id")[:limit])


def resolve_place(query: str) -> AdministrativeUnit:
    """The one unit a typed place names (the form still works without the picker's script)."""
    matches = place_matches(query)
    if not matches:
        raise ValidationError(_("Không tìm thấy địa bàn “%(query)s”."), params={"query": query})
    wanted = fold(query)
    exact = [u for u in matches if wanted in (fold(u.name), fold(place_label(u)))]
    if len(exact) == 1:
        return exact[0]
    if len(matches) == 1:
        return matches[0]
    names = "; ".join(place_label(u) for u in matches[:5])
    raise ValidationError(
        _("Có nhiều địa bàn khớp với “%(query)s”: %(names)s. Hãy chọn một."),
        params={"query": query, "names": names},
    )


class PlaceFormMixin:
    """A place picked from the search list (hidden `place`) or typed in full (`place_q`)."""

    place_required = True

    def clean_place_fields(self, cleaned: dict) -> None:
        place = cleaned.get("place")
        query = (cleaned.get("place_q") or "").strip()
        if place is None and query:
            try:
                place = resolve_place(query)
            except ValidationError as exc:
                self.add_error("place_q", exc)
                return
        if place is None and self.place_required:
            self.add_error("place_q", _("Cần chọn địa bàn (xã, phường hoặc đơn vị hành chính cũ)."))
            return
        cleaned["place"] = place


def place_fields(*, required: bool, label) -> tuple[forms.Field, forms.Field]:
    place = forms.ModelChoiceField(
        queryset=AdministrativeUnit.objects.all(), required=False, widget=forms.HiddenInput()
    )
    query = forms.CharField(
        label=label,
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "placeholder": _("Gõ tên xã, phường… (không cần dấu)")}
        ),
    )
    return place, query
