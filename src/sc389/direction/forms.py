"""Forms of the direction pages: they validate input only; every write goes through direction.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sc389.cases.forms import date_field
from sc389.core.widgets import FastSelect
from sc389.org.models import Committee, Unit

from .choices import DirectiveKind, SessionKind, TaskStatus


def _units():
    return Unit.objects.filter(valid_to__isnull=True).select_related("force").order_by("name")


class SessionForm(forms.Form):
    committee = forms.ModelChoiceField(label=_("Ban Chỉ đạo"), queryset=Committee.objects.none())
    kind = forms.ChoiceField(label=_("Loại"), choices=SessionKind.choices)
    held_on = date_field(_("Ngày họp"))
    title = forms.CharField(label=_("Nội dung"), max_length=255)
    place_text = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    chaired_by = forms.CharField(label=_("Chủ trì"), max_length=200, required=False)
    participants_text = forms.CharField(
        label=_("Thành phần dự"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    participant_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị tham dự"), queryset=Unit.objects.none(), required=False
    )
    conclusions = forms.CharField(
        label=_("Kết luận (mỗi dòng một kết luận)"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees
        self.fields["participant_units"].queryset = _units()

    def clean_conclusions(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["conclusions"].splitlines() if line.strip()]


class TaskForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Đơn vị được giao"), queryset=Unit.objects.none(), widget=FastSelect
    )
    title = forms.CharField(label=_("Nhiệm vụ"), max_length=500)
    description = forms.CharField(
        label=_("Yêu cầu cụ thể"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    due_on = date_field(_("Hạn hoàn thành"))
    source = forms.CharField(widget=forms.HiddenInput, required=False)  # "conclusion:12" or "directive:3"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = _units()


class ProgressForm(forms.Form):
    text = forms.CharField(label=_("Kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 3}))
    percent = forms.IntegerField(label=_("Tỷ lệ hoàn thành (%)"), min_value=0, max_value=100)
    status = forms.ChoiceField(
        label=_("Tình trạng"),
        choices=[
            (TaskStatus.IN_PROGRESS, TaskStatus.IN_PROGRESS.label),
            (TaskStatus.DONE, TaskStatus.DONE.label),
        ],
    )
    attachment = forms.FileField(label=_("Tài liệu kèm theo (không bắt buộc)"), required=False)


class DirectiveForm(forms.Form):
    committee = forms.ModelChoiceField(label=_("Ban Chỉ đạo"), queryset=Committee.objects.none())
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=DirectiveKind.choices)
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=64)
    issued_on = date_field(_("Ngày ban hành"))
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    document = forms.FileField(label=_("Văn bản (PDF, DOCX)"), required=False)

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees


class CampaignForm(forms.Form):
    committee = forms.ModelChoiceField(label=_("Ban Chỉ đạo"), queryset=Committee.objects.none())
    name = forms.CharField(label=_("Tên đợt cao điểm"), max_length=255)
    starts_on = date_field(_("Từ ngày"))
    ends_on = date_field(_("Đến ngày"))
    basis = forms.CharField(label=_("Căn cứ"), max_length=255, required=False)

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Lý do hủy"), max_length=255)
