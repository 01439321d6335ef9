"""Who may write a unit's submission, and who is the standing office that approves it."""

import datetime as dt

from django.db.models import Q

from sc389.core import access
from sc389.org.models import Membership, Unit

OFFICE_ROLES = ("analyst", "admin")


def unit_province_id(unit: Unit) -> int | None:
    """Today's province of the unit's home (a unit homed in an abolished province reports to its successor)."""
    home = unit.home_province
    if home is None:
        return None
    return home.current_province_id or home.pk


def may_submit(user, unit: Unit) -> bool:
    return access.may_record_for(user, unit_id=unit.pk, province_id=unit_province_id(unit))


def is_office(user, province_id: int | None) -> bool:
    """Analyst or admin of the national committee, or of the committee of `province_id`."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    today = dt.date.today()
    rows = Membership.objects.filter(user_id=user.pk, role__in=OFFICE_ROLES, committee__isnull=False).filter(
        (Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        & (Q(valid_to__isnull=True) | Q(valid_to__gte=today))
    )
    area = Q(committee__area__isnull=True, committee__level="national")
    if province_id is not None:
        area |= Q(committee__area_id=province_id)
    return rows.filter(area).exists()


def submittable_units(user):
    """The units `user` may submit figures for (the form's choices)."""
    p = access.principal(user)
    qs = Unit.objects.filter(valid_to__isnull=True).select_related("home_province")
    if p.national_writer:
        return qs
    return qs.filter(
        Q(pk__in=p.writer_unit_ids)
        | Q(home_province__current_province_id__in=p.writer_province_ids)
        | Q(home_province_id__in=p.writer_province_ids)
    )
