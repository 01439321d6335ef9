"""Who may direct a committee's work: the committee's own staff (standing office analysts, leaders,
administrators); the national administrator may act for any committee. Reading is core.access.scope()."""

import datetime as dt

from django.db.models import Q, QuerySet

from sc389.core import access
from sc389.org.models import Committee, Membership, Unit

STAFF_ROLES = frozenset({"analyst", "leader", "admin"})
# Roles of a unit that may report progress or be reminded: writers (core.access.WRITER_ROLES) and leaders.
UNIT_REMINDED_ROLES = frozenset({"officer", "reviewer", "admin", "leader"})


def staffed_committees(user) -> QuerySet[Committee]:
    """Committees `user` may direct (create sessions, tasks, directives, campaigns for)."""
    p = access.principal(user)
    if p.is_anonymous:
        return Committee.objects.none()
    if p.national_writer:
        return Committee.objects.all()
    today = dt.date.today()
    ids = (
        Membership.objects.filter(user_id=p.user_id, committee__isnull=False, role__in=STAFF_ROLES)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .values("committee_id")
    )
    return Committee.objects.filter(pk__in=ids)


def may_direct(user, committee: Committee) -> bool:
    return staffed_committees(user).filter(pk=committee.pk).exists()


def unit_members(unit: Unit, roles: frozenset[str] = UNIT_REMINDED_ROLES) -> list:
    """Active users of a unit with one of `roles` (who a task's reminders go to)."""
    today = dt.date.today()
    rows = (
        Membership.objects.filter(unit=unit, role__in=roles, user__is_active=True)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .select_related("user")
    )
    return list({m.user_id: m.user for m in rows}.values())
