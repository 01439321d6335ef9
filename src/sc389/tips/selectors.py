"""Every read of tips: staff reads start from core.access.scope(); the public reads only a status by code."""

from dataclasses import dataclass

from django.db.models import QuerySet

from sc389.core.access import scope
from sc389.core.errors import NotFound
from sc389.core.text import fold_tokens

from . import codes
from .models import Tip, TipPhoto


def tip_list(
    *, user, status: str | None = None, province: int | None = None, q: str | None = None
) -> QuerySet[Tip]:
    """Tips in the user's scope; `q`: every word in the description or the place, diacritics ignored."""
    qs = scope(Tip.objects.all(), user=user).select_related(
        "province", "commune", "routed_unit", "suggested_unit"
    )
    for token in fold_tokens(q):
        qs = qs.filter(search_folded__contains=token)
    if status:
        qs = qs.filter(status=status)
    if province:
        qs = qs.filter(province_id=province)
    return qs


def tip_get(*, user, pk: int) -> Tip:
    found = tip_list(user=user).select_related("place", "case").filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def tip_photo_get(*, user, tip_id: int, pk: int) -> TipPhoto:
    tip = tip_get(user=user, pk=tip_id)
    photo = tip.photos.filter(pk=pk).first()
    if photo is None:
        raise NotFound()
    return photo


@dataclass(frozen=True)
class PublicStatus:
    """All the public ever learns of a tip: its code, status and two dates. Never notes, units or reasons."""

    receipt_code: str
    status: str
    status_label: str
    submitted_at: object
    status_changed_at: object


def tip_public_status(*, code: str) -> PublicStatus:
    normalised = codes.normalise(code)
    tip = Tip.objects.filter(receipt_code=normalised).first() if normalised else None
    if tip is None:
        raise NotFound()
    return PublicStatus(
        receipt_code=tip.receipt_code,
        status=tip.status,
        status_label=str(tip.get_status_display()),
        submitted_at=tip.submitted_at,
        status_changed_at=tip.status_changed_at,
    )
