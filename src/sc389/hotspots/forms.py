"""The hotspots filters (page and API read the same ones)."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from sc389.cases.choices import Category

from .choices import WINDOWS
from .selectors import Query, commodity_groups


class HotspotFilter(forms.Form):
    category = forms.ChoiceField(
        label=_("Lĩnh vực"), required=False, choices=[("", _("Tất cả"))] + list(Category.choices)
    )
    commodity = forms.ChoiceField(label=_("Nhóm hàng"), required=False)
    window = forms.TypedChoiceField(
        label=_("Khoảng gần đây (ngày)"),
        coerce=int,
        required=False,
        choices=[(w, w) for w in WINDOWS],
        empty_value=90,
        initial=90,  # shown selected on the first visit, or the browser would submit the first choice
    )
    as_of = forms.DateField(
        label=_("Tính đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commodity"].choices = [("", _("Tất cả"))] + [
            (g.code, str(g)) for g in commodity_groups()
        ]

    def query(self) -> Query:
        self.is_valid()  # a field that does not validate falls back to its default
        data = getattr(self, "cleaned_data", {})  # an unbound form (first visit) has none
        return Query(
            as_of=data.get("as_of") or dt.date.today(),
            window_days=data.get("window") or 90,
            category=data.get("category") or "",
            commodity=data.get("commodity") or "",
        )
