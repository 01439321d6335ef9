"""Every read of coordination a user sees; each starts from access.scope()."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from sc389.cases.models import Case
from sc389.core import access
from sc389.core.errors import NotFound
from sc389.core.text import fold_tokens
from sc389.org.models import AdministrativeUnit

from . import rules
from .choices import BulletinStatus, Sensitivity
from .models import Bulletin, CaseNetwork, Receipt, ReplyAttachment, Request, SharingGroup


def _words(qs: QuerySet, q: str | None) -> QuerySet:
    """Every word of `q` (diacritics and tone marks ignored) in the folded title and text."""
    for token in fold_tokens(q):
        qs = qs.filter(search_folded__contains=token)
    return qs


def bulletin_list(*, user, q: str | None = None, pending: bool = False) -> QuerySet[Bulletin]:
    """Bulletins that reached the user (or that their unit wrote); restricted ones only for leaders and admins.

    `pending`: those still awaiting the user's acknowledgement (not withdrawn, not their own side's, not yet
    acknowledged by them).
    """
    qs = access.scope(Bulletin.objects.all(), user=user)
    if not rules.reads_restricted(user):
        qs = qs.exclude(Q(sensitivity=Sensitivity.RESTRICTED) & ~Q(author_id=getattr(user, "pk", None)))
    if pending:
        acknowledged = Receipt.objects.filter(user_id=user.pk, acknowledged_at__isnull=False)
        qs = (
            qs.filter(status=BulletinStatus.PUBLISHED)
            .exclude(author_unit_id__in=access.principal(user).unit_ids)
            .exclude(pk__in=acknowledged.values("bulletin_id"))
        )
    return _words(qs, q).select_related("author_unit", "author")


def bulletin_get(*, user, pk: int) -> Bulletin:
    found = bulletin_list(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def bulletin_cases(*, user, bulletin: Bulletin) -> QuerySet[Case]:
    """The linked cases this reader may see (the others are not shown, not even counted)."""
    linked = bulletin.case_links.values("case_id")
    return access.scope(Case.objects.filter(pk__in=linked), user=user).select_related("province", "lead_unit")


def bulletin_receipts(*, user, bulletin: Bulletin) -> QuerySet[Receipt]:
    """Who read, acknowledged and acted: for the author's side and the national committee only."""
    if not rules.sees_receipts(user, bulletin):
        return Receipt.objects.none()
    return bulletin.receipts.select_related("user").prefetch_related(
        "user__memberships__unit", "user__memberships__committee"
    )


def my_receipt(*, user, bulletin: Bulletin) -> Receipt | None:
    return bulletin.receipts.filter(user_id=getattr(user, "pk", None)).first()


def sharing_group_list(*, user) -> QuerySet[SharingGroup]:
    """Groups the user's units are in, those of their committees, all for the national committee."""
    return access.scope(SharingGroup.objects.all(), user=user).select_related("owner_committee")


def sharing_group_get(*, user, pk: int) -> SharingGroup:
    found = sharing_group_list(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def sharing_group_members(*, user, group: SharingGroup):
    """The member units, or None for whoever may not manage the group (the list is not theirs to see)."""
    if not rules.may_manage_group(user, group):
        return None
    return [m.unit for m in group.memberships.select_related("unit__home_province").order_by("unit__name")]


def publishable_groups(*, user) -> list[SharingGroup]:
    return [g for g in sharing_group_list(user=user) if rules.may_publish_to_group(user, g)]


def request_list(*, user, q: str | None = None, status: str | None = None) -> QuerySet[Request]:
    qs = access.scope(Request.objects.all(), user=user)
    if status:
        qs = qs.filter(status=status)
    return _words(qs, q).select_related("from_unit", "to_unit", "case", "escalated_to")


def request_get(*, user, pk: int) -> Request:
    found = request_list(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def reply_attachment_get(*, user, request_id: int, pk: int) -> ReplyAttachment:
    """A file of a request's thread, for whoever may see the request (404 otherwise)."""
    req = request_get(user=user, pk=request_id)
    found = ReplyAttachment.objects.filter(reply__request=req, pk=pk).select_related("reply").first()
    if found is None:
        raise NotFound()
    return found


def network_list(*, user) -> QuerySet[CaseNetwork]:
    return access.scope(CaseNetwork.objects.all(), user=user)


def network_get(*, user, pk: int) -> CaseNetwork:
    found = network_list(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


@dataclass
class TimelineEntry:
    """One case of a network on its timeline. `case` is None when the reader may not see it: then only the
    province and the detection date are shown ("a case of another province")."""

    day: dt.date
    province: AdministrativeUnit
    case: Case | None
    event: str  # "detected" or "handled"


def network_timeline(*, user, network: CaseNetwork) -> list[TimelineEntry]:
    member_ids = network.members.values("case_id")
    cases = list(Case.objects.filter(pk__in=member_ids).select_related("province", "lead_unit"))
    visible = set(
        access.scope(Case.objects.filter(pk__in=member_ids), user=user).values_list("pk", flat=True)
    )
    entries = []
    for case in cases:
        shown = case if case.pk in visible else None
        entries.append(TimelineEntry(case.detected_on, case.province, shown, "detected"))
        if shown is not None and case.handled_on:
            entries.append(TimelineEntry(case.handled_on, case.province, shown, "handled"))
    return sorted(entries, key=lambda e: (e.day, e.event != "detected", e.case.pk if e.case else 0))


@dataclass
class SearchResults:
    bulletins: list[Bulletin]
    requests: list[Request]


def search(*, user, q: str, limit: int = 50) -> SearchResults:
    """Bulletins and requests the user may see whose text has every word of `q` (diacritics folded)."""
    if not fold_tokens(q):
        return SearchResults([], [])
    return SearchResults(
        bulletins=list(bulletin_list(user=user, q=q)[:limit]),
        requests=list(request_list(user=user, q=q)[:limit]),
    )
