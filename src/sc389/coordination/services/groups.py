from django.db import transaction

from sc389.core import audit
from sc389.core.text import nfc
from sc389.org.models import Committee, Unit

from .. import rules
from ..errors import CoordinationErrorCode, error
from ..models import SharingGroup, SharingGroupMember


@transaction.atomic
def sharing_group_create(
    *, actor, owner_committee: Committee, name: str, description: str = "", units: list[Unit] | None = None
) -> SharingGroup:
    """A standing sharing group of units across provinces, managed by the admins of `owner_committee`."""
    if not rules.may_admin_committee(actor, owner_committee):
        raise error(CoordinationErrorCode.NOT_ALLOWED, status=403)
    group = SharingGroup(
        owner_committee=owner_committee, name=nfc(name), description=description.strip(), created_by=actor
    )
    group.full_clean()
    group.save()
    audit.record(
        actor=actor, verb="sharing_group.created", target=group, changes=audit.diff({}, audit.snapshot(group))
    )
    if units:
        sharing_group_set_members(actor=actor, group=group, units=units)
    return group


@transaction.atomic
def sharing_group_set_members(*, actor, group: SharingGroup, units: list[Unit]) -> SharingGroup:
    """Replace the group's member units (bulletins already published keep the reach they had)."""
    if not rules.may_manage_group(actor, group):
        raise error(CoordinationErrorCode.NOT_ALLOWED, status=403)
    before = sorted(group.memberships.values_list("unit_id", flat=True))
    wanted = {u.pk for u in units}
    group.memberships.exclude(unit_id__in=wanted).delete()
    for unit_id in sorted(wanted - set(before)):
        SharingGroupMember.objects.create(group=group, unit_id=unit_id)
    audit.record(
        actor=actor,
        verb="sharing_group.members_set",
        target=group,
        changes={"units": [before, sorted(wanted)]},
    )
    return group


@transaction.atomic
def sharing_group_update(*, actor, group: SharingGroup, name: str, description: str = "") -> SharingGroup:
    """Rename or redescribe a group (its owner committee stays); for the owner committee's admins only."""
    if not rules.may_manage_group(actor, group):
        raise error(CoordinationErrorCode.NOT_ALLOWED, status=403)
    if not nfc(name):
        raise error(CoordinationErrorCode.EMPTY, field="name")
    group = SharingGroup.objects.select_for_update().get(pk=group.pk)
    before = audit.snapshot(group, ["name", "description"])
    group.name, group.description = nfc(name), description.strip()
    group.full_clean()
    group.save(update_fields=["name", "description"])
    after = audit.snapshot(group, ["name", "description"])
    if after != before:
        audit.record(
            actor=actor, verb="sharing_group.updated", target=group, changes=audit.diff(before, after)
        )
    return group
