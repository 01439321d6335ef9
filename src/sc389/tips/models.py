"""Tips from the public (tin báo, tố giác): submitted without login, triaged by the standing office of the
province, routed to a competent unit, which turns them into a case or closes them with a reason."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sc389.cases.models import Case
from sc389.core.access import ScopeSpec
from sc389.org.models import AdministrativeUnit, Unit

from .choices import TipCategory, TipStatus


def photo_path(instance: "TipPhoto", filename: str) -> str:
    # Stored under the content hash, never the uploaded name; served only to staff, as a download.
    return f"tips/{instance.sha256[:2]}/{instance.sha256}"


class Tip(models.Model):
    """A tip from the public. `receipt_code` lets its author follow the status (only the status) without login.

    The standing office of `province` triages it; `suggested_unit` is computed from units' areas and forces,
    `routed_unit` is the unit it was sent to (the office may override the suggestion). Internal notes and the
    closing reason are never shown on the public status page.
    """

    receipt_code = models.CharField(max_length=16, unique=True)
    category = models.CharField(max_length=24, choices=TipCategory.choices)
    place = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey(
        AdministrativeUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    place_text = models.CharField(max_length=255, blank=True)  # street, market, shop as the citizen wrote it
    description = models.TextField()
    contact_name = models.CharField(max_length=120, blank=True)
    contact_phone = models.CharField(max_length=32, blank=True)
    contact_email = models.EmailField(blank=True)
    status = models.CharField(max_length=16, choices=TipStatus.choices, default=TipStatus.RECEIVED)
    suggested_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    routed_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="routed_tips"
    )
    routed_at = models.DateTimeField(null=True, blank=True)
    case = models.OneToOneField(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="tip")
    internal_note = models.TextField(blank=True)
    close_reason = models.CharField(max_length=255, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    # The words staff search by (description, the place as written and as chosen), folded (core.text.fold_words).
    search_folded = models.TextField(blank=True, editable=False)

    scope_spec = ScopeSpec(
        units=("routed_unit",), change_units=("routed_unit",), province="province", commune="commune"
    )

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=TipStatus.CLOSED) | ~Q(close_reason=""),
                name="tip_closed_has_reason",
                violation_error_message=_("Cần ghi lý do kết thúc tin báo."),
            ),
        ]
        indexes = [models.Index(fields=["province", "status"], name="tip_province_status_idx")]

    def __str__(self) -> str:
        return self.receipt_code

    def searchable_text(self) -> str:
        places = [self.place_text, self.place.name, self.province.name]
        return " ".join([self.description, *places])


class TipPhoto(models.Model):
    """A photo sent with a tip: checked by its first bytes (JPEG, PNG, WebP) and size; never served publicly."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=photo_path, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name
