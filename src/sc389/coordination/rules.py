"""Who may do what in coordination, and whom a bulletin reaches. Visibility itself is core.access.scope();
these are the per-action rules on rows already reached in scope."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from sc389.core import access
from sc389.org.choices import CommitteeLevel, Role
from sc389.org.models import Committee, CommitteeMember, Membership, Unit

from .choices import RESTRICTED_READER_ROLES, DistributionKind, Sensitivity
from .errors import CoordinationErrorCode, error
from .models import Bulletin, Request, SharingGroup


def may_act_for_unit(user, unit_id: int) -> bool:
    """A member of the unit (or of a unit above it) acts for it: publishes, asks, answers."""
    p = access.principal(user)
    return p.superuser or unit_id in p.unit_ids


def reads_restricted(user) -> bool:
    p = access.principal(user)
    return p.superuser or bool(p.roles & RESTRICTED_READER_ROLES)


def is_author_side(user, bulletin: Bulletin) -> bool:
    """The author's unit (and the units above it): they follow who read, acknowledged and acted."""
    return may_act_for_unit(user, bulletin.author_unit_id)


def sees_receipts(user, bulletin: Bulletin) -> bool:
    """The author's side, and the national committee that oversees coordination."""
    return is_author_side(user, bulletin) or access.principal(user).national


def may_manage_group(user, group: SharingGroup) -> bool:
    """Only the owner committee's admins manage a sharing group and see who is in it."""
    if getattr(user, "is_superuser", False):
        return True
    return _valid(
        Membership.objects.filter(user_id=user.pk, committee_id=group.owner_committee_id, role=Role.ADMIN)
    ).exists()


def may_admin_committee(user, committee: Committee) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return _valid(Membership.objects.filter(user_id=user.pk, committee=committee, role=Role.ADMIN)).exists()


def may_publish_to_group(user, group: SharingGroup) -> bool:
    p = access.principal(user)
    return may_manage_group(user, group) or group.memberships.filter(unit_id__in=p.unit_ids).exists()


def request_sides(user, req: Request) -> set[str]:
    """Which sides of a request the user stands on: "from", "to", "committee" (escalated to theirs)."""
    p = access.principal(user)
    sides = set()
    if p.superuser or req.from_unit_id in p.unit_ids:
        sides.add("from")
    if p.superuser or req.to_unit_id in p.unit_ids:
        sides.add("to")
    if req.escalated_to_id and (req.escalated_to_id in p.committee_ids or p.superuser):
        sides.add("committee")
    return sides


def _valid(qs: QuerySet, day: dt.date | None = None) -> QuerySet:
    day = day or dt.date.today()
    return qs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def province_committee(province_id: int | None) -> Committee | None:
    if province_id is None:
        return None
    return Committee.objects.filter(level=CommitteeLevel.PROVINCE, area_id=province_id).first()


def _seated_units(committee_ids: set[int]) -> set[int]:
    """A committee's members are agencies; those tied to one of our units receive what the committee receives."""
    return set(
        CommitteeMember.objects.filter(committee_id__in=committee_ids, unit__isnull=False).values_list(
            "unit_id", flat=True
        )
    )


def expand(*, author_unit: Unit, distributions: list[dict], actor) -> tuple[set[int], set[int]]:
    """(unit ids, committee ids) reached by the distributions; refuses a target that does not exist."""
    units: set[int] = set()
    committees: set[int] = set()
    for d in distributions:
        kind = d["kind"]
        if kind == DistributionKind.OWN_UNIT:
            units.add(author_unit.pk)
        elif kind == DistributionKind.OWN_COMMITTEE:
            committee = province_committee(author_unit.home_province_id)
            if committee is None:
                raise error(CoordinationErrorCode.NO_COMMITTEE, field="distributions")
            committees.add(committee.pk)
        elif kind == DistributionKind.PROVINCES:
            committee = province_committee(d["province"].pk)
            if committee is None:
                raise error(CoordinationErrorCode.NO_COMMITTEE, field="distributions")
            committees.add(committee.pk)
        elif kind == DistributionKind.ALL_PROVINCES:
            committees |= set(
                Committee.objects.filter(level=CommitteeLevel.PROVINCE).values_list("pk", flat=True)
            )
        elif kind == DistributionKind.NATIONAL:
            committees |= set(
                Committee.objects.filter(level=CommitteeLevel.NATIONAL).values_list("pk", flat=True)
            )
        elif kind == DistributionKind.GROUP:
            group = d["group"]
            if not may_publish_to_group(actor, group):
                raise error(CoordinationErrorCode.BAD_GROUP, field="distributions")
            units |= set(group.memberships.values_list("unit_id", flat=True))
        else:
            raise error(CoordinationErrorCode.NO_DISTRIBUTION, field="distributions")
    units |= _seated_units(committees)
    return units, committees


def users_reached(*, unit_ids: set[int], committee_ids: set[int], sensitivity: str) -> QuerySet:
    """The active users with a current role in a reached unit or committee (leaders and admins if restricted)."""
    memberships = _valid(
        Membership.objects.filter(Q(unit_id__in=unit_ids) | Q(committee_id__in=committee_ids))
    )
    if sensitivity == Sensitivity.RESTRICTED:
        memberships = memberships.filter(role__in=RESTRICTED_READER_ROLES)
    return get_user_model().objects.filter(is_active=True, pk__in=memberships.values("user_id"))


def committee_people(committee: Committee) -> QuerySet:
    """Leaders and admins of a committee: who is told of an escalation."""
    memberships = _valid(Membership.objects.filter(committee=committee, role__in=[Role.LEADER, Role.ADMIN]))
    return get_user_model().objects.filter(is_active=True, pk__in=memberships.values("user_id"))


def unit_people(unit_ids: set[int]) -> QuerySet:
    memberships = _valid(Membership.objects.filter(unit_id__in=unit_ids))
    return get_user_model().objects.filter(is_active=True, pk__in=memberships.values("user_id"))
