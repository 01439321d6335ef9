from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sc389.core.access import ScopeSpec
from sc389.org.models import Committee, Unit


class SharingGroup(models.Model):
    """A standing set of units across provinces ("các tỉnh biên giới phía Bắc") that bulletins can go to.

    Its name is seen by the units in it (to publish to it); its membership list only by the admins of the owner
    committee, who manage it.
    """

    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner_committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="sharing_groups")
    members = models.ManyToManyField(Unit, through="SharingGroupMember", related_name="sharing_groups")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    # The group (its name) is seen by its member units and the owner committee's people; the list of members
    # by the owner committee's admins only (coordination.rules.may_manage_group).
    scope_spec = ScopeSpec(units=("memberships__unit",), shared_committees="owner_committee")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner_committee", "name"],
                name="sharinggroup_unique_name",
                violation_error_message=_("Ban Chỉ đạo đã có nhóm chia sẻ cùng tên."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class SharingGroupMember(models.Model):
    group = models.ForeignKey(SharingGroup, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "unit"], name="sharinggroupmember_unique")]

    def __str__(self) -> str:
        return f"{self.group} — {self.unit}"
