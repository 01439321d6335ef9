"""Who triages a tip: the standing office, i.e. staff (analyst, leader, administrator) of the committee of the
tip's province, or of the national committee. Who handles it: writers of the unit it was routed to (scope's
"change" on the tip). Reading is core.access.scope()."""

import datetime as dt

from django.db.models import Q

from sc389.core import access
from sc389.org.models import Membership

from .models import Tip

STAFF_ROLES = frozenset({"analyst", "leader", "admin"})


def triage_province_ids(user) -> set[int] | None:
    """Provinces whose tips `user` triages; None means every province."""
    p = access.principal(user)
    if p.is_anonymous:
        return set()
    if p.superuser:
        return None
    today = dt.date.today()
    rows = (
        Membership.objects.filter(user_id=p.user_id, committee__isnull=False, role__in=STAFF_ROLES)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .values_list("committee__level", "committee__area_id")
    )
    ids: set[int] = set()
    for level, area_id in rows:
        if level == "national":
            return None
        if level == "province" and area_id:
            ids.add(area_id)
    return ids


def may_triage(user, tip: Tip) -> bool:
    ids = triage_province_ids(user)
    return ids is None or tip.province_id in ids


def may_handle(user, tip: Tip) -> bool:
    return (
        tip.routed_unit_id is not None
        and access.scope(Tip.objects.filter(pk=tip.pk), user=user, action="change").exists()
    )
