"""The parts of a case: goods lines, parties, attachments."""

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from .. import selectors
from ..choices import AttachmentKind
from ..models import GoodsLine, Party
from .common import DateInput, localize_dates, not_in_future

GOODS_LABELS = {
    "description": _("Mô tả hàng hóa"),
    "commodity_group": _("Nhóm hàng"),
    "hs_code": _("Mã HS"),
    "quantity": _("Số lượng"),
    "unit": _("Đơn vị tính"),
    "value_vnd": _("Trị giá (đồng)"),
}
PARTY_LABELS = {
    "kind": _("Loại đối tượng"),
    "role": _("Vai trò"),
    "name": _("Họ tên, tên doanh nghiệp"),
    "date_of_birth": _("Ngày sinh"),
    "sex": _("Giới tính"),
    "id_number": _("Số CCCD"),
    "tax_code": _("Mã số thuế"),
    "address": _("Địa chỉ"),
    "plate": _("Biển kiểm soát"),
    "platform": _("Nền tảng"),
    "account": _("Tài khoản, gian hàng"),
    "url": _("Đường dẫn"),
    "phone": _("Số điện thoại"),
}


class GoodsLineForm(forms.ModelForm):
    class Meta:
        model = GoodsLine
        fields = list(GOODS_LABELS)
        labels = GOODS_LABELS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commodity_group"].queryset = selectors.commodity_group_list()
        # The database refuses a negative value too, but only as an error of the whole form; say where.
        self.fields["value_vnd"].validators.append(MinValueValidator(0))
        self.fields["value_vnd"].widget.attrs["min"] = 0

    def service_kwargs(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class PartyForm(forms.ModelForm):
    class Meta:
        model = Party
        fields = list(PARTY_LABELS)
        labels = PARTY_LABELS
        widgets = {"date_of_birth": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        localize_dates(self)

    def clean_date_of_birth(self):
        return not_in_future(self.cleaned_data["date_of_birth"], _("Ngày sinh không được sau ngày hôm nay."))

    def service_kwargs(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self._meta.fields}
        if not data["tax_code"]:
            data["tax_code_kind"] = ""  # the kind is derived from the code; no code, no kind
        return data


class GoodsLineEditForm(GoodsLineForm):
    """A goods line changed in place; `version` is the case's version the user read (optimistic locking)."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput())


class PartyEditForm(PartyForm):
    """A party changed in place; `version` is the case's version the user read (optimistic locking)."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput())


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=AttachmentKind.choices)
    file = forms.FileField(label=_("Tệp (ảnh JPEG, PNG, WebP; PDF; DOCX)"))
