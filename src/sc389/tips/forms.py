"""Forms of the tip pages: the public form validates input only; tips.services does the rest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sc389.cases.forms import PlaceFormMixin, place_fields
from sc389.core.widgets import FastSelect
from sc389.org.models import Unit

from . import abuse
from .choices import TipCategory


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos in one input; each is checked by tips.abuse.check_photo in the service."""

    def clean(self, data, initial=None):
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(PhotosField, self).clean(item, initial) for item in items]


class TipForm(PlaceFormMixin, forms.Form):
    place, place_q = place_fields(required=True, label=_("Xã, phường nơi xảy ra"))
    category = forms.ChoiceField(label=_("Loại vi phạm"), choices=TipCategory.choices)
    place_text = forms.CharField(
        label=_("Địa chỉ cụ thể (thôn, đường, chợ, cửa hàng…)"), max_length=255, required=False
    )
    description = forms.CharField(
        label=_("Nội dung phản ánh"),
        min_length=10,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Hàng hóa gì, ở đâu, khi nào, phương tiện, tên cửa hàng hoặc tài khoản bán hàng…"),
    )
    photos = PhotosField(
        label=_("Ảnh chụp (không bắt buộc)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp", "multiple": True}),
        help_text=_("Tối đa %(count)s ảnh JPEG, PNG hoặc WebP, mỗi ảnh không quá %(mb)s MB.")
        % {"count": abuse.PHOTO_MAX_COUNT, "mb": abuse.PHOTO_MAX_BYTES // (1024 * 1024)},
    )
    contact_name = forms.CharField(label=_("Họ tên (không bắt buộc)"), max_length=120, required=False)
    contact_phone = forms.CharField(label=_("Số điện thoại (không bắt buộc)"), max_length=32, required=False)
    contact_email = forms.EmailField(label=_("Thư điện tử (không bắt buộc)"), required=False)
    # The honeypot: hidden from people by tips/public.css and marked so assistive technology skips it.
    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean(self):
        cleaned = super().clean()
        self.clean_place_fields(cleaned)
        return cleaned


class StatusForm(forms.Form):
    code = forms.CharField(label=_("Mã tiếp nhận"), max_length=20)


class RouteForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Chuyển đến đơn vị"), queryset=Unit.objects.none(), widget=FastSelect
    )
    note = forms.CharField(
        label=_("Ghi chú nội bộ"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(valid_to__isnull=True).order_by("name")


class CloseForm(forms.Form):
    reason = forms.CharField(label=_("Lý do kết thúc (nội bộ)"), max_length=255)
