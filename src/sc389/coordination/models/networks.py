from django.conf import settings
from django.db import models

from sc389.core.access import ScopeSpec
from sc389.org.models import Unit


class CaseNetwork(models.Model):
    """Cases of different provinces found to be one network (one ring, one route), shown on one timeline.

    The network is seen by whoever may see at least one of its cases; each case in it is shown in full only to
    those who may see that case, and to others as "a case of another province" (its province and date only).
    """

    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    cases = models.ManyToManyField("cases.Case", through="CaseNetworkMember", related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_spec = ScopeSpec(
        units=("members__case__lead_unit", "members__case__participations__unit"),
        province="members__case__province",
        commune="members__case__commune",
        shared_units="members__case__shares__unit",
        shared_committees="members__case__shares__committee",
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class CaseNetworkMember(models.Model):
    network = models.ForeignKey(CaseNetwork, on_delete=models.CASCADE, related_name="members")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["network", "case"], name="casenetworkmember_unique")]

    def __str__(self) -> str:
        return f"{self.network} — {self.case_id}"


class CaseHandover(models.Model):
    """A case handed from its lead unit to another (police seize goods, market surveillance handles them).

    The case keeps its record and history and still counts once; the former lead unit stays on it as a
    participating unit.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    from_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    request = models.ForeignKey(
        "coordination.Request", null=True, blank=True, on_delete=models.PROTECT, related_name="handovers"
    )
    reason = models.CharField(max_length=255, blank=True)
    handed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    handed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["handed_at", "id"]

    def __str__(self) -> str:
        return f"{self.case}: {self.from_unit} → {self.to_unit}"
