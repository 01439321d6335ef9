"""The case's own fields: create and edit."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sc389.core.widgets import FastSelect
from sc389.org.models import Unit

from .. import selectors
from ..choices import Category, Channel
from ..services.case import EDITABLE_FIELDS
from .common import date_field, not_in_future, recordable_units, unit_choices
from .places import PlaceFormMixin, place_fields, place_label

CASE_FIELD_LABELS = {
    "reference": _("Số vụ việc"),
    "external_ref": _("Số hiệu của đơn vị"),
    "source_unit": _("Đơn vị nguồn dữ liệu"),
    "category": _("Lĩnh vực"),
    "violation_type": _("Hành vi vi phạm"),
    "channel": _("Phương thức, địa điểm"),
    "channel_url": _("Đường dẫn (sàn, mạng xã hội)"),
    "channel_shop": _("Gian hàng, tài khoản"),
    "detected_on": _("Ngày phát hiện"),
    "place": _("Địa bàn"),
    "province": _("Tỉnh, thành phố"),
    "commune": _("Xã, phường"),
    "place_text": _("Địa điểm cụ thể"),
    "lead_unit": _("Đơn vị chủ trì"),
    "participants": _("Đơn vị phối hợp"),
    "narrative": _("Tóm tắt vụ việc"),
    "status": _("Tình trạng"),
    "handled_on": _("Ngày xử lý"),
    "closed_reason": _("Lý do đóng"),
    "merged_into": _("Đã gộp vào"),
    "version": _("Phiên bản"),
}


class CaseForm(PlaceFormMixin, forms.Form):
    """Create or edit a case's own fields. `version` carries the version the user read (optimistic locking)."""

    lead_unit = forms.ModelChoiceField(
        label=CASE_FIELD_LABELS["lead_unit"], queryset=Unit.objects.none(), widget=FastSelect
    )
    participants = forms.ModelMultipleChoiceField(
        label=CASE_FIELD_LABELS["participants"],
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    category = forms.ChoiceField(label=CASE_FIELD_LABELS["category"], choices=Category.choices)
    violation_type = forms.ModelChoiceField(
        label=CASE_FIELD_LABELS["violation_type"],
        queryset=selectors.violation_type_list(),
        required=False,
    )
    detected_on = date_field(CASE_FIELD_LABELS["detected_on"])
    place, place_q = place_fields(required=True, label=CASE_FIELD_LABELS["place"])
    place_text = forms.CharField(
        label=CASE_FIELD_LABELS["place_text"],
        required=False,
        max_length=255,
        widget=forms.TextInput(attrs={"placeholder": _("Đường mòn, cửa khẩu, chợ, số nhà…")}),
    )
    channel = forms.ChoiceField(
        label=CASE_FIELD_LABELS["channel"], choices=Channel.choices, initial=Channel.OTHER
    )
    channel_url = forms.URLField(label=CASE_FIELD_LABELS["channel_url"], required=False, max_length=500)
    channel_shop = forms.CharField(label=CASE_FIELD_LABELS["channel_shop"], required=False, max_length=200)
    narrative = forms.CharField(
        label=CASE_FIELD_LABELS["narrative"], required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    external_ref = forms.CharField(label=CASE_FIELD_LABELS["external_ref"], required=False, max_length=64)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput())

    SERVICE_FIELDS = tuple(sorted(EDITABLE_FIELDS))  # what case_create/case_update take, in one place

    def __init__(self, *args, user, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = recordable_units(user)
        if case is not None:
            units = units | unit_choices().filter(pk=case.lead_unit_id)
        self.fields["lead_unit"].queryset = units.distinct().order_by("name")
        self.fields["participants"].queryset = unit_choices()

    @classmethod
    def initial_for(cls, case) -> dict:
        initial = {name: getattr(case, name) for name in cls.SERVICE_FIELDS}
        initial["participants"] = [p.unit_id for p in case.participations.all()]
        initial["place_q"] = place_label(case.place)
        initial["version"] = case.version
        return initial

    def clean_detected_on(self):
        return not_in_future(
            self.cleaned_data["detected_on"], _("Ngày phát hiện không được sau ngày hôm nay.")
        )

    def clean(self):
        cleaned = super().clean()
        self.clean_place_fields(cleaned)
        vtype, category = cleaned.get("violation_type"), cleaned.get("category")
        if vtype and category and vtype.category != category:
            self.add_error(
                "violation_type",
                _("Hành vi “%(type)s” không thuộc lĩnh vực đã chọn.") % {"type": vtype.name},
            )
        return cleaned

    def service_kwargs(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.SERVICE_FIELDS}
