"""Forms of the case pages: they validate input only; every write goes through cases.services."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case as CaseWhen
from django.db.models import IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from sc389.cases.services.case import EDITABLE_FIELDS
from sc389.core import access
from sc389.core.errors import DomainError
from sc389.core.templatetags.sc389_formats import format_day
from sc389.core.text import fold, fold_tokens
from sc389.core.widgets import FastSelect
from sc389.org import selectors as org_selectors
from sc389.org.choices import AdminLevel
from sc389.org.models import AdministrativeUnit, Committee, Unit

from . import selectors
from .choices import AttachmentKind, CaseStatus, Category, Channel
from .models import (
    BudgetRemittance,
    GoodsLine,
    Party,
    PenaltyDecision,
    Prosecution,
    Transfer,
)
from .selectors import CaseFilters

PLACE_RESULTS = 20


class DateInput(forms.DateInput):
    """The browser's own date picker; the value travels as ISO 8601 whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), input_formats=["%Y-%m-%d"])


def apply_error(form: forms.BaseForm, exc: Exception) -> None:
    """A domain or model error raised by a service becomes a form error, in the user's language."""
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, exc)
        return
    if isinstance(exc, DomainError):
        form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        return
    raise exc


# --- places: the commune picker ---------------------------------------------------------------------------


def place_label(unit: AdministrativeUnit | None) -> str:
    """How a place reads in a picker: "Xã Đồng Đăng — Lạng Sơn"; an abolished unit says until when."""
    if unit is None:
        return ""
    text = unit.name
    if unit.parent_id and unit.parent is not None:
        text = f"{text} — {unit.parent.name}"
    if unit.valid_to is not None:
        until = format_day(unit.valid_to)
        text = f"{text} ({_('đơn vị cũ, đến %(date)s') % {'date': until}})"
    return text


def place_matches(query: str, *, limit: int = PLACE_RESULTS) -> list[AdministrativeUnit]:
    """Administrative units named by `query` (diacritics ignored) for the picker: today's communes first, then
    provinces, then units abolished by the 2025 reform (historic cases still name them)."""
    if not fold_tokens(query):
        return []
    rank = CaseWhen(
        When(valid_to__isnull=True, level=AdminLevel.COMMUNE, then=Value(0)),
        When(valid_to__isnull=True, level=AdminLevel.PROVINCE, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    qs = org_selectors.admin_unit_list(q=query, include_historic=True)
    return list(qs.annotate(rank=rank).order_by("rank", "name_folded", "id")[:limit])


def resolve_place(query: str) -> AdministrativeUnit:
    """The one unit a typed place names (the form still works without the picker's script)."""
    matches = place_matches(query)
    if not matches:
        raise ValidationError(_("Không tìm thấy địa bàn “%(query)s”."), params={"query": query})
    wanted = fold(query)
    exact = [u for u in matches if wanted in (fold(u.name), fold(place_label(u)))]
    if len(exact) == 1:
        return exact[0]
    if len(matches) == 1:
        return matches[0]
    names = "; ".join(place_label(u) for u in matches[:5])
    raise ValidationError(
        _("Có nhiều địa bàn khớp với “%(query)s”: %(names)s. Hãy chọn một."),
        params={"query": query, "names": names},
    )


class PlaceFormMixin:
    """A place picked from the search list (hidden `place`) or typed in full (`place_q`)."""

    place_required = True

    def clean_place_fields(self, cleaned: dict) -> None:
        place = cleaned.get("place")
        query = (cleaned.get("place_q") or "").strip()
        if place is None and query:
            try:
                place = resolve_place(query)
            except ValidationError as exc:
                self.add_error("place_q", exc)
                return
        if place is None and self.place_required:
            self.add_error("place_q", _("Cần chọn địa bàn (xã, phường hoặc đơn vị hành chính cũ)."))
            return
        cleaned["place"] = place


def place_fields(*, required: bool, label) -> tuple[forms.Field, forms.Field]:
    place = forms.ModelChoiceField(
        queryset=AdministrativeUnit.objects.all(), required=False, widget=forms.HiddenInput()
    )
    query = forms.CharField(
        label=label,
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "placeholder": _("Gõ tên xã, phường… (không cần dấu)")}
        ),
    )
    return place, query


# --- units a user may pick --------------------------------------------------------------------------------


def recordable_units(user):
    """Units `user` may record a case for: their own units as officer, reviewer or administrator, and the
    units of the provinces where they administer the committee (the service checks the final choice)."""
    p = access.principal(user)
    units = Unit.objects.filter(valid_to__isnull=True).select_related("force")
    if p.national_writer:
        return units.order_by("name")
    q = Q(pk__in=p.writer_unit_ids)
    if p.writer_province_ids:
        q |= Q(home_province_id__in=p.writer_province_ids) | Q(
            pk__in=Unit.area.through.objects.filter(administrativeunit_id__in=p.writer_province_ids).values(
                "unit_id"
            )
        )
    return units.filter(q).order_by("name")


def unit_choices():
    return org_selectors.unit_list(on=dt.date.today()).order_by("name")


# --- the case list filters -------------------------------------------------------------------------------


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


# --- the case itself -------------------------------------------------------------------------------------

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
        day = self.cleaned_data["detected_on"]
        if day and day > dt.date.today():
            raise ValidationError(_("Ngày phát hiện không được sau ngày hôm nay."))
        return day

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


# --- parts of a case -------------------------------------------------------------------------------------


class GoodsLineForm(forms.ModelForm):
    class Meta:
        model = GoodsLine
        fields = ["description", "commodity_group", "hs_code", "quantity", "unit", "value_vnd"]
        labels = {
            "description": _("Mô tả hàng hóa"),
            "commodity_group": _("Nhóm hàng"),
            "hs_code": _("Mã HS"),
            "quantity": _("Số lượng"),
            "unit": _("Đơn vị tính"),
            "value_vnd": _("Trị giá (đồng)"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commodity_group"].queryset = selectors.commodity_group_list()
        self.fields["value_vnd"].min_value = 0
        self.fields["value_vnd"].widget.attrs["min"] = 0


class PartyForm(forms.ModelForm):
    class Meta:
        model = Party
        fields = [
            "kind",
            "role",
            "name",
            "date_of_birth",
            "sex",
            "id_number",
            "tax_code",
            "address",
            "plate",
            "platform",
            "account",
            "url",
            "phone",
        ]
        labels = {
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
        widgets = {"date_of_birth": DateInput()}


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
        widgets = {"decided_on": DateInput()}


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
        widgets = {"remitted_on": DateInput()}


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
        widgets = {"decided_on": DateInput(), "transferred_on": DateInput()}


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
        widgets = {"transferred_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = unit_choices()


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


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=AttachmentKind.choices)
    file = forms.FileField(label=_("Tệp (ảnh JPEG, PNG, WebP; PDF; DOCX)"))
