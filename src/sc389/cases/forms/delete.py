"""Deleting asks why: the reason is kept with the record and in the audit, and shown on the restore page."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sc389.core.softdelete import REASON_MAX


class DeleteForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do xóa"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bắt buộc. Việc xóa được ghi vào nhật ký; quản trị viên có thể khôi phục."),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput())

    def clean_reason(self) -> str:
        reason = " ".join(self.cleaned_data["reason"].split())
        if not reason:
            raise ValidationError(_("Cần ghi lý do xóa."))
        return reason
