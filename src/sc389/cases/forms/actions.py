"""Acting on a whole case: close, merge, share."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sc389.core.widgets import FastSelect
from sc389.org import selectors as org_selectors
from sc389.org.models import Committee, Unit

from .common import unit_choices


class CloseForm(forms.Form):
    reason = forms.CharField(label=_("Lý do đóng vụ việc (không vi phạm)"), max_length=255)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput())

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Cần ghi lý do."))
        return reason


class MergeForm(forms.Form):
    reference = forms.CharField(
        label=_("Số vụ việc gộp vào vụ này"),
        max_length=32,
        widget=forms.TextInput(attrs={"placeholder": "20-2025-000123"}),
    )
    reason = forms.CharField(label=_("Lý do gộp"), required=False, max_length=255)


class ShareForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Chia sẻ với đơn vị"), queryset=Unit.objects.none(), required=False, widget=FastSelect
    )
    committee = forms.ModelChoiceField(
        label=_("hoặc Ban Chỉ đạo"), queryset=Committee.objects.none(), required=False
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices()
        self.fields["committee"].queryset = org_selectors.committee_list()

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("unit")) == bool(cleaned.get("committee")):
            raise ValidationError(_("Chọn đúng một đơn vị hoặc một Ban Chỉ đạo để chia sẻ."))
        return cleaned
