"""The violation case and the lists it draws on."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sc389.core.access import ScopeSpec
from sc389.core.softdelete import SoftDeletable
from sc389.org.models import AdministrativeUnit, Committee, Unit

from ..choices import CaseStatus, Category, Channel


def localized_name(entry) -> str:
    """A managed-list entry's name in the active language (Vietnamese unless English is chosen and given)."""
    return entry.name_en if entry.name_en and get_language() == "en" else entry.name


class ViolationType(models.Model):
    """A managed list entry: the kind of violation within a category (e.g. "vận chuyển hàng cấm")."""

    code = models.CharField(max_length=48, unique=True)
    name = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200, blank=True)
    category = models.CharField(max_length=24, choices=Category.choices)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["category", "code"]

    def __str__(self) -> str:
        return localized_name(self)


class CommodityGroup(models.Model):
    """A managed list entry: the group of goods (cigarettes, poultry, fuel, cosmetics ...)."""

    code = models.CharField(max_length=48, unique=True)
    name = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return localized_name(self)


class Case(SoftDeletable):
    """A violation case (vụ việc), detected by a lead unit with possibly other units: a joint case counts once.

    `province` and `commune` are today's units holding the place, derived from `place` (which may be a district
    or commune abolished in 2025); scope and today's reports use them. `status` and `handled_on` follow from the
    outcomes and are set by the services only.
    """

    reference = models.CharField(max_length=32, unique=True)
    source_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    external_ref = models.CharField(max_length=64, blank=True)
    category = models.CharField(max_length=24, choices=Category.choices)
    violation_type = models.ForeignKey(ViolationType, null=True, blank=True, on_delete=models.PROTECT)
    channel = models.CharField(max_length=24, choices=Channel.choices, default=Channel.OTHER)
    channel_url = models.URLField(max_length=500, blank=True)
    channel_shop = models.CharField(max_length=200, blank=True)
    detected_on = models.DateField()  # indexed by case_date_idx and the composite indexes
    # No single-column indexes where a composite one starts with the column (province, lead unit) or where only
    # the deletion of an administrative unit would use it (place): each index costs every import its share.
    place = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+", db_index=False)
    province = models.ForeignKey(
        AdministrativeUnit, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    commune = models.ForeignKey(
        AdministrativeUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    place_text = models.CharField(max_length=255, blank=True)
    lead_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="lead_cases", db_index=False)
    participants = models.ManyToManyField(Unit, through="CaseUnit", related_name="joint_cases", blank=True)
    narrative = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=CaseStatus.choices, default=CaseStatus.OPEN, db_index=True
    )
    handled_on = models.DateField(null=True, blank=True, db_index=True)
    closed_reason = models.CharField(max_length=255, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="absorbed"
    )
    search_folded = models.TextField(blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    scope_spec = ScopeSpec(
        units=("lead_unit", "participations__unit"),
        province="province",
        commune="commune",
        shared_units="shares__unit",
        shared_committees="shares__committee",
    )

    class Meta:
        ordering = ["-detected_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_unit", "external_ref"],
                condition=~Q(external_ref=""),
                name="case_unique_external_ref",
                violation_error_message=_("Mã vụ việc của đơn vị đã tồn tại."),
            ),
        ]
        indexes = [
            models.Index(fields=["province", "-detected_on", "-id"], name="case_province_date_idx"),
            models.Index(fields=["lead_unit", "-detected_on", "-id"], name="case_unit_date_idx"),
            models.Index(fields=["category", "-detected_on"], name="case_category_date_idx"),
            models.Index(fields=["-detected_on", "-id"], name="case_date_idx"),
        ]

    def __str__(self) -> str:
        return self.reference

    def can_merge(self) -> bool:
        return self.merged_into_id is None


class CaseUnit(models.Model):
    """A unit that took part in a joint case (the lead unit is on the case itself)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="participations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="participations")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "unit"], name="caseunit_unique")]

    def __str__(self) -> str:
        return f"{self.case} — {self.unit}"


class CaseShare(models.Model):
    """A case shared for reading with a unit or committee outside its own scope."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="shares")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    committee = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    shared_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False) ^ Q(committee__isnull=False),
                name="caseshare_unit_xor_committee",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} → {self.unit or self.committee}"


class CaseMerge(models.Model):
    """Two records of one event merged: `absorbed` points to `survivor`; both keep their own history.

    Undoing clears the pointer and removes the participations the merge added.
    """

    survivor = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="merges_in")
    absorbed = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="merges_out")
    added_unit_ids = models.JSONField(default=list)
    absorbed_status = models.CharField(max_length=16)
    reason = models.CharField(max_length=255, blank=True)
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    merged_at = models.DateTimeField(auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.absorbed} → {self.survivor}"
