"""Reads of issued versions, scoped: a committee's members, the committees over its area, the national level."""

from django.db.models import QuerySet

from sc389.core import access
from sc389.core.errors import NotFound
from sc389.org.models import Committee

from ..models import ReportVersion


def version_list(*, user, committee_id: int | None = None) -> QuerySet[ReportVersion]:
    qs = access.scope(ReportVersion.objects.all(), user=user).select_related("committee", "issued_by")
    return qs if committee_id is None else qs.filter(committee_id=committee_id)


def version_get(*, user, pk: int) -> ReportVersion:
    found = version_list(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def committee_get(*, pk: int | None = None, code: str | None = None) -> Committee:
    found = (
        Committee.objects.filter(**({"pk": pk} if pk is not None else {"code": code}))
        .select_related("area")
        .first()
    )
    if found is None:
        raise NotFound()
    return found
