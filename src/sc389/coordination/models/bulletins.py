from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sc389.core.access import ScopeSpec
from sc389.org.models import AdministrativeUnit, Committee, Unit

from ..choices import BulletinStatus, DistributionKind, EntityKind, Sensitivity
from .groups import SharingGroup


class Bulletin(models.Model):
    """A warning or intelligence note a unit publishes ("gia cầm vận chuyển qua đường mòn xã X ban đêm").

    Who reads it is fixed at publication: the distributions are expanded into `reach` rows (units and
    committees), which scope() matches as shares. `sensitivity` narrows the readers further (see choices).
    """

    author_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="bulletins")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=255)
    body = models.TextField()
    sensitivity = models.CharField(max_length=16, choices=Sensitivity.choices, default=Sensitivity.NORMAL)
    published_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # A correction keeps the bulletin (and who received it) and counts a new version; a withdrawal keeps it too,
    # shown as withdrawn with its reason, so the recipients know not to act on it.
    status = models.CharField(max_length=16, choices=BulletinStatus.choices, default=BulletinStatus.PUBLISHED)
    version = models.PositiveIntegerField(default=1)
    edited_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.CharField(max_length=255, blank=True)
    search_folded = models.TextField(blank=True, editable=False)

    scope_spec = ScopeSpec(
        units=("author_unit",),
        shared_units="reach__unit",
        shared_committees="reach__committee",
    )

    class Meta:
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def is_withdrawn(self) -> bool:
        return self.status == BulletinStatus.WITHDRAWN


class Distribution(models.Model):
    """One target the author chose: own unit, own committee, named provinces, all provinces, national, a group."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="distributions")
    kind = models.CharField(max_length=16, choices=DistributionKind.choices)
    province = models.ForeignKey(
        AdministrativeUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    group = models.ForeignKey(SharingGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=DistributionKind.PROVINCES) & Q(province__isnull=False) & Q(group__isnull=True)
                )
                | (Q(kind=DistributionKind.GROUP) & Q(group__isnull=False) & Q(province__isnull=True))
                | (
                    ~Q(kind__in=[DistributionKind.PROVINCES, DistributionKind.GROUP])
                    & Q(province__isnull=True)
                    & Q(group__isnull=True)
                ),
                name="distribution_target_matches_kind",
                violation_error_message=_("Phân phối tới tỉnh cần chọn tỉnh; tới nhóm cần chọn nhóm."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.bulletin} → {self.get_kind_display()}"


class BulletinReach(models.Model):
    """A unit or committee the bulletin reached (the distributions expanded at publication)."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="reach")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    committee = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False) ^ Q(committee__isnull=False),
                name="bulletinreach_unit_xor_committee",
            ),
            models.UniqueConstraint(fields=["bulletin", "unit"], name="bulletinreach_unique_unit"),
            models.UniqueConstraint(fields=["bulletin", "committee"], name="bulletinreach_unique_committee"),
        ]

    def __str__(self) -> str:
        return f"{self.bulletin} → {self.unit or self.committee}"


class Receipt(models.Model):
    """One reader's trace on a bulletin: when they read it, acknowledged it, and what action they took."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="receipts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    read_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    action_taken = models.TextField(blank=True)
    action_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["bulletin", "user"], name="receipt_unique_reader")]

    def __str__(self) -> str:
        return f"{self.bulletin} — {self.user}"


class BulletinCase(models.Model):
    """A case the bulletin is about; a reader sees it only if the case is in their own scope."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="case_links")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["bulletin", "case"], name="bulletincase_unique")]

    def __str__(self) -> str:
        return f"{self.bulletin} — {self.case_id}"


class BulletinEntity(models.Model):
    """A person, company, vehicle, shop or phone named by the bulletin (free text until the entity registry)."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="entities")
    kind = models.CharField(max_length=16, choices=EntityKind.choices)
    label = models.CharField(max_length=255)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label}"
