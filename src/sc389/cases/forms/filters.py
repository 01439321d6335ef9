"""The filters of the case list."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from sc389.core.templatetags.sc389_formats import format_day
from sc389.core.widgets import FastSelect
from sc389.org import selectors as org_selectors
from sc389.org.choices import AdminLevel
from sc389.org.models import AdministrativeUnit, Force, Unit

from ..choices import CaseStatus, Category, Channel
from ..models import CommodityGroup
from ..selectors import CaseFilters
from .case import CASE_FIELD_LABELS
from .common import date_field, unit_choices
from .places import PlaceFormMixin, place_fields, place_label


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
    # More filters, the ones a report's figure links with (reports.views_links), each on its own date.
    lead_only = forms.BooleanField(label=_("Chỉ vụ việc đơn vị chủ trì"), required=False)
    lead_force = forms.ModelChoiceField(
        label=_("Lực lượng chủ trì"), queryset=Force.objects.all(), required=False, empty_label=_("Tất cả")
    )
    commodity_group = forms.ModelChoiceField(
        label=_("Nhóm hàng"), queryset=CommodityGroup.objects.none(), required=False, empty_label=_("Tất cả")
    )
    commune = forms.ModelChoiceField(
        queryset=AdministrativeUnit.objects.filter(level=AdminLevel.COMMUNE),
        required=False,
        widget=forms.HiddenInput,
    )
    no_commune = forms.BooleanField(
        label=_("Chưa xác định xã, phường (địa bàn trước năm 2025)"), required=False
    )
    no_commodity_group = forms.BooleanField(label=_("Chưa xác định nhóm hàng"), required=False)
    handled_from = date_field(_("Xử lý từ ngày"), required=False)
    handled_to = date_field(_("đến ngày"), required=False)
    penalty_from = date_field(_("Có quyết định xử phạt từ ngày"), required=False)
    penalty_to = date_field(_("đến ngày"), required=False)
    penalty_since = date_field(_("và là quyết định đầu tiên kể từ ngày"), required=False)
    prosecution_from = date_field(_("Có quyết định khởi tố từ ngày"), required=False)
    prosecution_to = date_field(_("đến ngày"), required=False)
    prosecution_since = date_field(_("và là quyết định đầu tiên kể từ ngày"), required=False)
    remitted_from = date_field(_("Có nộp ngân sách từ ngày"), required=False)
    remitted_to = date_field(_("đến ngày"), required=False)

    MORE = (
        "lead_only",
        "lead_force",
        "commodity_group",
        "no_commune",
        "no_commodity_group",
        "handled_from",
        "handled_to",
        "penalty_from",
        "penalty_to",
        "penalty_since",
        "prosecution_from",
        "prosecution_to",
        "prosecution_since",
        "remitted_from",
        "remitted_to",
    )
    RANGES = (
        ("date_from", "date_to"),
        ("handled_from", "handled_to"),
        ("penalty_from", "penalty_to"),
        ("prosecution_from", "prosecution_to"),
        ("remitted_from", "remitted_to"),
        ("penalty_since", "penalty_from"),
        ("prosecution_since", "prosecution_from"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Tất cả"))]
        self.fields["category"].choices = everything + list(Category.choices)
        self.fields["status"].choices = everything + list(CaseStatus.choices)
        self.fields["channel"].choices = everything + list(Channel.choices)
        units = unit_choices()
        asked = (self.data.get("unit") or "").strip() if self.is_bound else ""
        if asked.isdigit():  # a unit that has since ended, linked from a report of a period it lived in
            units = Unit.objects.filter(pk__in=[*units.values_list("pk", flat=True), int(asked)]).order_by(
                "name"
            )
        self.fields["unit"].queryset = units
        self.fields["commodity_group"].queryset = CommodityGroup.objects.order_by("code")
        self.fields["province"].queryset = org_selectors.admin_unit_list(level=AdminLevel.PROVINCE).order_by(
            "name_folded"
        )

    def clean(self):
        cleaned = super().clean()
        self.clean_place_fields(cleaned)
        for first, last in self.RANGES:
            start, end = cleaned.get(first), cleaned.get(last)
            wrong = first if first.endswith("_since") else last  # the field left out
            if start and end and start > end and wrong not in self.errors:
                self.add_error(wrong, _("Ngày kết thúc phải sau ngày bắt đầu."))
        return cleaned

    def more_used(self) -> bool:
        """Whether one of the more filters is set, so the page shows them open."""
        return self.is_bound and any(self.data.get(name) for name in self.MORE)

    def described(self) -> list[tuple[str, str]]:
        """The filters in use as (label, value) for a printout's heading; invalid ones are left out, as in
        filters()."""
        self.is_valid()
        out = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if name in self.errors or name == "place_q" or value in (None, "", False):
                continue
            if isinstance(value, dt.date):
                text = format_day(value)
            elif name == "place":
                text = place_label(value)
            elif isinstance(value, bool):
                text = "✓"
            elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
                text = str(dict(field.choices).get(value, value))
            else:
                text = str(value)
            label = CASE_FIELD_LABELS["commune"] if name == "commune" else field.label
            out.append((str(label), text))
        return out

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
            lead_only=bool(data.get("lead_only")),
            lead_force=data["lead_force"].pk if data.get("lead_force") else None,
            commodity_group=data["commodity_group"].pk if data.get("commodity_group") else None,
            commune=data["commune"].pk if data.get("commune") else None,
            no_commune=bool(data.get("no_commune")),
            no_commodity_group=bool(data.get("no_commodity_group")),
            **{name: data.get(name) for name in self.MORE if name.endswith(("_from", "_to", "_since"))},
        )
