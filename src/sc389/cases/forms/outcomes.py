"""Outcomes of a case, each with its own dates and document numbers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import BudgetRemittance, PenaltyDecision, Prosecution, Transfer
from .common import localize_dates, unit_choices


class PenaltyForm(forms.ModelForm):
    class Meta:
        model = PenaltyDecision
        fields = [
            "number",
            "decided_on",
            "issuer",
            "fine_vnd",
            "confiscated_value_vnd",
            "destroyed",
            "destroyed_value_vnd",
            "other_measures",
        ]
        labels = {
            "number": _("Số quyết định xử phạt"),
            "decided_on": _("Ngày ra quyết định"),
            "issuer": _("Người, cơ quan ra quyết định"),
            "fine_vnd": _("Tiền phạt (đồng)"),
            "confiscated_value_vnd": _("Trị giá hàng tịch thu (đồng)"),
            "destroyed": _("Tiêu hủy hàng"),
            "destroyed_value_vnd": _("Trị giá hàng tiêu hủy (đồng)"),
            "other_measures": _("Biện pháp khác"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        localize_dates(self)


class RemittanceForm(forms.ModelForm):
    class Meta:
        model = BudgetRemittance
        fields = ["document_number", "remitted_on", "kind", "amount_vnd"]
        labels = {
            "document_number": _("Số chứng từ"),
            "remitted_on": _("Ngày nộp"),
            "kind": _("Khoản nộp"),
            "amount_vnd": _("Số tiền (đồng)"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        localize_dates(self)


class ProsecutionForm(forms.ModelForm):
    class Meta:
        model = Prosecution
        fields = ["decision_number", "decided_on", "defendants", "investigating_agency", "transferred_on"]
        labels = {
            "decision_number": _("Số quyết định khởi tố"),
            "decided_on": _("Ngày khởi tố"),
            "defendants": _("Số bị can"),
            "investigating_agency": _("Cơ quan điều tra"),
            "transferred_on": _("Ngày chuyển cơ quan điều tra"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        localize_dates(self)


class TransferForm(forms.ModelForm):
    class Meta:
        model = Transfer
        fields = ["to_unit", "to_agency", "transferred_on", "document_number", "reason"]
        labels = {
            "to_unit": _("Chuyển cho đơn vị"),
            "to_agency": _("hoặc cơ quan khác"),
            "transferred_on": _("Ngày chuyển"),
            "document_number": _("Số văn bản"),
            "reason": _("Lý do"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = unit_choices()
        localize_dates(self)


def outcome_values(form: forms.ModelForm) -> dict:
    """What outcome_add / outcome_update take: the model's fields, never the version."""
    return {name: form.cleaned_data[name] for name in form._meta.fields}


OUTCOME_FORMS = {
    "penalty": PenaltyForm,
    "remittance": RemittanceForm,
    "prosecution": ProsecutionForm,
    "transfer": TransferForm,
}
OUTCOME_TITLES = {
    "penalty": _("Quyết định xử phạt hành chính"),
    "remittance": _("Nộp ngân sách nhà nước"),
    "prosecution": _("Khởi tố hình sự"),
    "transfer": _("Chuyển lực lượng, cơ quan khác"),
}


# Correcting an outcome in place: the same form, plus the case's version the user read (optimistic locking).


class PenaltyEditForm(PenaltyForm):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput())


class RemittanceEditForm(RemittanceForm):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput())


class ProsecutionEditForm(ProsecutionForm):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput())


class TransferEditForm(TransferForm):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput())


OUTCOME_EDIT_FORMS = {
    "penalty": PenaltyEditForm,
    "remittance": RemittanceEditForm,
    "prosecution": ProsecutionEditForm,
    "transfer": TransferEditForm,
}
