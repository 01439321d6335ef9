"""Issuing a report: the committee's figures over its area, frozen with their parameters and data cut-off."""

import datetime as dt

from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from sc389.core import audit
from sc389.core.errors import PermissionDenied
from sc389.org.models import Committee, Membership

from ..indicators import Area
from ..models import ReportVersion
from ..periods import Period
from ..selectors import report_build

ISSUER_ROLES = ("analyst", "admin", "leader")


def committee_area(committee: Committee) -> Area:
    """The area a committee reports on: its province or commune, the whole country without one."""
    if committee.area_id is None:
        return Area("national")
    return Area(committee.area.level, committee.area)


def may_issue(user, committee: Committee) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    today = dt.date.today()
    return (
        Membership.objects.filter(user_id=user.pk, committee=committee, role__in=ISSUER_ROLES)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .exists()
    )


@transaction.atomic
def report_issue(
    *,
    committee: Committee,
    period: Period,
    actor,
    compare: str = "same-period",
    by: str | None = None,
    title: str = "",
) -> ReportVersion:
    """Compute the committee's report now (over its whole area, not one reader's scope) and freeze it."""
    if not may_issue(actor, committee):
        raise PermissionDenied(_("Chỉ Văn phòng thường trực, lãnh đạo Ban Chỉ đạo mới ban hành báo cáo."))
    report = report_build(area=committee_area(committee), period=period, compare=compare, by=by)
    Committee.objects.select_for_update().filter(pk=committee.pk).first()  # numbers stay consecutive
    last = ReportVersion.objects.filter(committee=committee).aggregate(n=Max("number"))["n"] or 0
    version = ReportVersion.objects.create(
        committee=committee,
        number=last + 1,
        title=title,
        area_code=report.area.code,
        period_start=period.start,
        period_end=period.end,
        compare=compare,
        by=by or "",
        figures=report.as_json(),
        data_cutoff=report.data_cutoff,
        issued_by=actor,
    )
    audit.record(
        actor=actor,
        verb="report.issued",
        target=version,
        data={
            "area": version.area_code,
            "from": period.start,
            "to": period.end,
            "compare": compare,
            "by": by,
        },
    )
    return version
