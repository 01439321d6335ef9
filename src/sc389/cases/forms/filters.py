"""The filters of the case list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sc389.core.widgets import FastSelect
from sc389.org import selectors as org_selectors
from sc389.org.choices import AdminLevel
from sc389.org.models import AdministrativeUnit, Unit

from ..choices import CaseStatus, Category, Channel
from ..selectors import CaseFilters
from .common import date_field, unit_choices
from .places import PlaceFormMixin, place_fields


class CaseFilterForm(PlaceFormMixin, forms.Form):
    """The filters of the case list; invalid entries are reported and left out, the rest still apply."""

    place_required = False

    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Số vụ, địa bàn, đối tượng, hàng hóa… (không cần dấu)")}
        ),
    )
    date_from = date_field(_("Phát hiện từ ngày"), required=False)
    date_to = date_field(_("đến ngày"), required=False)
    category = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    status = forms.ChoiceField(label=_("Tình trạng"), required=False)
    channel = forms.ChoiceField(label=_("Phương thức, địa điểm"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Tất cả"),
        widget=FastSelect,
    )
    province = forms.ModelChoiceField(
        label=_("Tỉnh, thành phố"),
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        empty_label=_("Tất cả"),
        widget=FastSelect,
    )
    place, place_q = place_fields(required=False, label=_("Xã, phường"))
    goods = forms.CharField(label=_("Hàng hóa"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Tất cả"))]
        self.fields["category"].choices = everything + list(Category.choices)
        self.fields["status"].choices = everything + list(CaseStatus.choices)
        self.fields["channel"].choices = everything + list(Channel.choices)
        self.fields["unit"].queryset = unit_choices()
        self.fields["province"].queryset = org_selectors.admin_unit_list(level=AdminLevel.PROVINCE).order_by(
            "name_folded"
        )

    def clean(self):
        cleaned = super().clean()
        self.clean_place_fields(cleaned)
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return cleaned

    def filters(self) -> CaseFilters:
        """The valid filters; a field with an error is left out rather than emptying the list."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        return CaseFilters(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            category=data.get("category") or None,
            status=data.get("status") or None,
            channel=data.get("channel") or None,
            unit=data["unit"].pk if data.get("unit") else None,
            province=data["province"].pk if data.get("province") else None,
            place=data["place"].pk if data.get("place") else None,
            goods=data.get("goods") or None,
            q=data.get("q") or None,
        )
