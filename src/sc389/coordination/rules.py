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


def may_edit_bulletin(user, bulletin: Bulletin) -> bool:
    """The author, or an admin of the author's unit (or of a unit above it), corrects or withdraws a bulletin."""
    if getattr(user, "is_superuser", False) or bulletin.author_id == getattr(user, "pk", None):
        return True
    above = _unit_and_parents(bulletin.author_unit_id)
    return _valid(Membership.objects.filter(user_id=user.pk, unit_id__in=above, role=Role.ADMIN)).exists()


def _unit_and_parents(unit_id: int) -> set[int]:
    found: set[int] = set()
    current: int | None = unit_id
    while current is not None and current not in found:
        found.add(current)
        current = Unit.objects.filter(pk=current).values_list("parent_id", flat=True).first()
    return found


# The national standing office: the national committee's own staff, who oversee coordination between provinces.
NATIONAL_OFFICE_ROLES = frozenset({Role.ANALYST, Role.LEADER, Role.ADMIN})


def is_national_office(user) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return _valid(
        Membership.objects.filter(
            user_id=user.pk, committee__level=CommitteeLevel.NATIONAL, role__in=NATIONAL_OFFICE_ROLES
        )
    ).exists()


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


def administered_committees(user) -> QuerySet[Committee]:
    """Committees whose admins the user is: they create that committee's sharing groups."""
    if getattr(user, "is_superuser", False):
        return Committee.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Committee.objects.none()
    ids = _valid(Membership.objects.filter(user_id=user.pk, role=Role.ADMIN, committee__isnull=False))
    return Committee.objects.filter(pk__in=ids.values("committee_id"))


def may_publish_to_group(user, group: SharingGroup) -> bool:
    p = access.principal(user)
    return may_manage_group(user, group) or group.memberships.filter(unit_id__in=p.unit_ids).exists()


def request_sides(user, req: Request) -> set[str]:
    """Which sides of a request the user stands on: "from", "to", "committee" (escalated to theirs).

    Once a request is escalated, the committees are a party to it: the one it went to and, above every
    provincial committee, the national standing office, which oversees coordination between provinces. Before
    that the national committee reads the thread but does not speak in it (the two units settle it).
    """
    p = access.principal(user)
    sides = set()
    if p.superuser or req.from_unit_id in p.unit_ids:
        sides.add("from")
    if p.superuser or req.to_unit_id in p.unit_ids:
        sides.add("to")
    if req.escalated_to_id and (
        req.escalated_to_id in p.committee_ids or p.superuser or is_national_office(user)
    ):
        sides.add("committee")
    return sides


def may_escalate(user, req: Request) -> bool:
    """The asking unit (its request is overdue), the committee it was escalated to (to the national committee),
    and the national standing office (it takes an overdue request up itself)."""
    at_top = Committee.objects.filter(pk=req.escalated_to_id, level=CommitteeLevel.NATIONAL).exists()
    if at_top:  # nothing above the national committee (the service says so with its own code)
        return False
    sides = request_sides(user, req)
    return bool(sides & {"from", "committee"}) or is_national_office(user)


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
