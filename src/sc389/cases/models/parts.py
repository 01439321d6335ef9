"""What a case is made of: goods, parties, attachments."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from sc389.core.softdelete import SoftDeletable
from sc389.core.text import fold, fold_words, nfc

from .. import identifiers
from ..choices import AttachmentKind, PartyKind, PartyRole, Sex, TaxCodeKind
from .case import Case, CommodityGroup


class GoodsLine(SoftDeletable):
    """One line of seized or violating goods; value in VND."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="goods")
    description = models.CharField(max_length=255)
    description_folded = models.CharField(max_length=255, blank=True, editable=False)
    commodity_group = models.ForeignKey(CommodityGroup, null=True, blank=True, on_delete=models.PROTECT)
    hs_code = models.CharField(max_length=10, blank=True)
    quantity = models.DecimalField(max_digits=18, decimal_places=3, null=True, blank=True)
    unit = models.CharField(max_length=32, blank=True)
    value_vnd = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value_vnd__gte=0),
                name="goods_value_not_negative",
                violation_error_message=_("Trị giá hàng không được âm."),
            )
        ]

    def __str__(self) -> str:
        return self.description

    def clean(self) -> None:
        clean_goods_line(self)


def clean_goods_line(line) -> None:
    """GoodsLine's one-row rules on anything with its attributes: the model instance, or a row of a spreadsheet
    import (which checks 100,000 rows without making a model instance each)."""
    line.description = nfc(line.description)
    line.description_folded = fold_words(line.description)
    if line.hs_code and not (line.hs_code.isdigit() and len(line.hs_code) in (4, 6, 8, 10)):
        raise ValidationError({"hs_code": _("Mã HS phải gồm 4, 6, 8 hoặc 10 chữ số.")})


class Party(SoftDeletable):
    """A person, company, household business, vehicle, online account or phone in a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    kind = models.CharField(max_length=16, choices=PartyKind.choices)
    role = models.CharField(max_length=16, choices=PartyRole.choices, default=PartyRole.SUSPECT)
    name = models.CharField(max_length=200, blank=True)
    name_folded = models.CharField(max_length=200, blank=True, db_index=True)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=8, choices=Sex.choices, blank=True)
    id_number = models.CharField(max_length=12, blank=True, db_index=True)  # CCCD, checked
    tax_code = models.CharField(max_length=14, blank=True, db_index=True)
    tax_code_kind = models.CharField(max_length=16, choices=TaxCodeKind.choices, blank=True)
    plate = models.CharField(max_length=16, blank=True, db_index=True)  # normalised
    platform = models.CharField(max_length=64, blank=True)
    account = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=500, blank=True)
    phone = models.CharField(max_length=16, blank=True, db_index=True)  # normalised
    address = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "parties"

    def __str__(self) -> str:
        return self.name or self.plate or self.account or self.phone or self.get_kind_display()

    def clean(self) -> None:
        clean_party(self)


def clean_party(party) -> None:
    """Party's one-row rules on anything with its attributes (the model instance, or a row of a spreadsheet
    import): check identifiers and store them normalised."""
    errors: dict[str, list] = {}

    def check(field_name, fn):
        try:
            return fn()
        except identifiers.IdentifierError as exc:
            errors.setdefault(field_name, []).append(exc.message)
            return getattr(party, field_name)

    party.name = nfc(party.name)
    party.name_folded = fold(party.name)
    if party.id_number:
        party.id_number = check(
            "id_number",
            lambda: identifiers.check_cccd(
                party.id_number, date_of_birth=party.date_of_birth, sex=party.sex or None
            ),
        )
    if party.tax_code:
        code = check("tax_code", lambda: identifiers.check_tax_code(party.tax_code))
        if isinstance(code, identifiers.TaxCode):
            party.tax_code, party.tax_code_kind = code.value, code.kind
    if party.plate:
        party.plate = check("plate", lambda: identifiers.check_plate(party.plate))
    if party.phone:
        party.phone = check("phone", lambda: identifiers.check_phone(party.phone))
    if party.kind in (PartyKind.PERSON, PartyKind.COMPANY, PartyKind.HOUSEHOLD) and not party.name:
        errors.setdefault("name", []).append(_("Cần ghi tên cá nhân, doanh nghiệp hoặc hộ kinh doanh."))
    if party.kind == PartyKind.VEHICLE and not party.plate:
        errors.setdefault("plate", []).append(_("Cần ghi biển kiểm soát của phương tiện."))
    if party.kind == PartyKind.PHONE and not party.phone:
        errors.setdefault("phone", []).append(_("Cần ghi số điện thoại."))
    if party.kind == PartyKind.ONLINE_ACCOUNT and not (party.account or party.url):
        errors.setdefault("account", []).append(_("Cần ghi tên gian hàng, tài khoản hoặc đường dẫn."))
    if errors:
        raise ValidationError(errors)


def attachment_path(instance: "Attachment", filename: str) -> str:
    # Stored under the hash, never the uploaded name: nothing a user names is ever served as it was sent.
    return f"cases/{instance.case_id}/{instance.sha256[:2]}/{instance.sha256}"


class Attachment(SoftDeletable):
    """A photo, decision or record attached to a case; type and size checked on upload."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=16, choices=AttachmentKind.choices)
    file = models.FileField(upload_to=attachment_path, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name
