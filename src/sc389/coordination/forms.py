"""The coordination forms: they validate input only; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sc389.cases import selectors as case_selectors
from sc389.core import access
from sc389.core.errors import DomainError, NotFound
from sc389.core.text import fold
from sc389.org.models import AdministrativeUnit, Committee, Unit

from .choices import DistributionKind, EntityKind, RequestKind, Sensitivity

# Distributions chosen by a tick; named provinces and groups are picked from lists.
SIMPLE_KINDS = [
    (k.value, k.label)
    for k in (
        DistributionKind.OWN_UNIT,
        DistributionKind.OWN_COMMITTEE,
        DistributionKind.ALL_PROVINCES,
        DistributionKind.NATIONAL,
    )
]
# The word a line of "related entities" starts with (folded), in Vietnamese or as the code.
ENTITY_PREFIXES = {
    "ca nhan": EntityKind.PERSON,
    "doi tuong": EntityKind.PERSON,
    "doanh nghiep": EntityKind.COMPANY,
    "cong ty": EntityKind.COMPANY,
    "phuong tien": EntityKind.VEHICLE,
    "bien so": EntityKind.VEHICLE,
    "cua hang": EntityKind.SHOP,
    "gian hang": EntityKind.SHOP,
    "so dien thoai": EntityKind.PHONE,
    "dien thoai": EntityKind.PHONE,
    "sdt": EntityKind.PHONE,
} | {k.value: k for k in EntityKind}


def apply_error(form: forms.BaseForm, exc: Exception) -> None:
    """A domain or model error raised by a service becomes a form error, in the user's language."""
    if isinstance(exc, DomainError):
        form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
    elif isinstance(exc, ValidationError):
        form.add_error(None, exc)
    else:
        raise exc


def acting_units(user):
    """The units the user acts for (publishes and asks for)."""
    p = access.principal(user)
    qs = Unit.objects.filter(valid_to__isnull=True)
    return qs if p.superuser else qs.filter(pk__in=p.unit_ids)


def _cases(user, text: str) -> list:
    """Case references separated by commas or spaces; each must be a case the user may see."""
    found = []
    for ref in text.replace(",", " ").split():
        try:
            found.append(case_selectors.case_get_by_reference(user=user, reference=ref))
        except NotFound:
            raise ValidationError(
                _("Không tìm thấy vụ việc %(ref)s trong phạm vi bạn được xem.") % {"ref": ref}
            ) from None
    return found


def _entities(text: str) -> list[tuple[str, str]]:
    """One entity a line, "kind: label" (the kind in Vietnamese or as its code)."""
    rows = []
    for line in text.splitlines():
        if not line.strip():
            continue
        head, sep, label = line.partition(":")
        kind = ENTITY_PREFIXES.get(fold(head)) if sep else None
        if kind is None:
            raise ValidationError(_("Dòng “%(line)s”: chưa rõ loại đối tượng.") % {"line": line.strip()})
        rows.append((kind, label.strip()))
    return rows


class BulletinForm(forms.Form):
    author_unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Đơn vị phát hành"))
    title = forms.CharField(max_length=255, label=_("Tiêu đề"))
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), label=_("Nội dung"))
    sensitivity = forms.ChoiceField(
        choices=Sensitivity.choices, label=_("Mức độ"), initial=Sensitivity.NORMAL
    )
    kinds = forms.MultipleChoiceField(
        choices=SIMPLE_KINDS, widget=forms.CheckboxSelectMultiple, required=False, label=_("Gửi tới")
    )
    provinces = forms.ModelMultipleChoiceField(
        queryset=AdministrativeUnit.objects.filter(level="province", valid_to__isnull=True).order_by("name"),
        required=False,
        label=_("Ban Chỉ đạo các tỉnh"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    groups = forms.MultipleChoiceField(
        choices=[], widget=forms.CheckboxSelectMultiple, required=False, label=_("Nhóm chia sẻ")
    )
    case_refs = forms.CharField(
        required=False, label=_("Vụ việc liên quan"), help_text=_("Số vụ việc, cách nhau bởi dấu phẩy.")
    )
    entities = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Đối tượng liên quan"),
        help_text=_(
            "Mỗi dòng một đối tượng, bắt đầu bằng loại: cá nhân, doanh nghiệp, phương tiện, cửa hàng, số điện thoại. Ví dụ: phương tiện: 12C-123.45"
        ),
    )

    def __init__(self, *args, user, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["author_unit"].queryset = acting_units(user)
        self.group_rows = {str(g.pk): g for g in groups}
        self.fields["groups"].choices = [(str(g.pk), g.name) for g in groups]

    def clean_case_refs(self):
        return _cases(self.user, self.cleaned_data.get("case_refs", ""))

    def clean_entities(self):
        return _entities(self.cleaned_data.get("entities") or "")

    def distributions(self) -> list[dict]:
        d = [{"kind": k} for k in self.cleaned_data["kinds"]]
        d += [{"kind": DistributionKind.PROVINCES, "province": p} for p in self.cleaned_data["provinces"]]
        d += [
            {"kind": DistributionKind.GROUP, "group": self.group_rows[g]} for g in self.cleaned_data["groups"]
        ]
        return d


class ActionForm(forms.Form):
    action_taken = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label=_("Kết quả xử lý, việc đã làm")
    )


class SearchForm(forms.Form):
    q = forms.CharField(required=False, label=_("Tìm trong bản tin và yêu cầu"))


class RequestForm(forms.Form):
    kind = forms.ChoiceField(choices=RequestKind.choices, label=_("Loại yêu cầu"))
    from_unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Đơn vị gửi"))
    to_unit = forms.ModelChoiceField(
        queryset=Unit.objects.filter(valid_to__isnull=True), label=_("Đơn vị nhận")
    )
    subject = forms.CharField(max_length=255, label=_("Nội dung yêu cầu (tóm tắt)"))
    body = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 5}), label=_("Chi tiết"))
    deadline = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label=_("Hạn trả lời"))
    case_ref = forms.CharField(
        required=False, label=_("Vụ việc"), help_text=_("Bắt buộc với yêu cầu tiếp nhận vụ việc.")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["from_unit"].queryset = acting_units(user)

    def clean_case_ref(self):
        found = _cases(self.user, self.cleaned_data.get("case_ref", ""))
        if len(found) > 1:
            raise ValidationError(_("Chỉ ghi một vụ việc."))
        return found[0] if found else None


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); their type and size are checked by the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class ReplyForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("Trả lời"))
    files = MultipleFileField(required=False, label=_("Tệp đính kèm (ảnh, PDF, DOCX)"))


class DeclineForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("Lý do từ chối"))


class NetworkForm(forms.Form):
    name = forms.CharField(max_length=255, label=_("Tên chuyên án, đường dây"))
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("Mô tả"))
    case_refs = forms.CharField(label=_("Các vụ việc"), help_text=_("Số vụ việc, cách nhau bởi dấu phẩy."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_case_refs(self):
        return _cases(self.user, self.cleaned_data.get("case_refs", ""))


class NetworkCaseForm(NetworkForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["name"], self.fields["description"]


class GroupMembersForm(forms.Form):
    units = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.filter(valid_to__isnull=True).order_by("name"),
        required=False,
        label=_("Đơn vị thành viên"),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )


class BulletinEditForm(forms.Form):
    """A correction: the text and the named entities; the distribution and marking stay as published."""

    title = forms.CharField(max_length=255, label=_("Tiêu đề"))
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), label=_("Nội dung"))
    entities = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Đối tượng liên quan"),
        help_text=BulletinForm.base_fields["entities"].help_text,
    )

    @staticmethod
    def initial_for(bulletin) -> dict:
        lines = [f"{e.kind}: {e.label}" for e in bulletin.entities.all()]
        return {"title": bulletin.title, "body": bulletin.body, "entities": "\n".join(lines)}

    def clean_entities(self):
        return _entities(self.cleaned_data.get("entities") or "")


class WithdrawForm(forms.Form):
    reason = forms.CharField(max_length=255, label=_("Lý do thu hồi"))


class GroupForm(forms.Form):
    """A sharing group's name, description and member units (any province); the owner only when creating."""

    owner_committee = forms.ModelChoiceField(
        queryset=Committee.objects.none(), label=_("Ban Chỉ đạo quản lý")
    )
    name = forms.CharField(max_length=200, label=_("Tên nhóm"))
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("Mô tả"))
    units = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.filter(valid_to__isnull=True).select_related("home_province").order_by("name"),
        required=False,
        label=_("Đơn vị thành viên"),
        help_text=_("Các đơn vị của bất kỳ tỉnh nào; giữ Ctrl để chọn nhiều đơn vị."),
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )

    def __init__(self, *args, committees=None, **kwargs):
        super().__init__(*args, **kwargs)
        if committees is None:
            del self.fields["owner_committee"]
        else:
            self.fields["owner_committee"].queryset = committees
