"""Reads of the listings app a user sees: shops and listings, for analysts (and admins) of their area, like
the invoice leads (a shop is placed by the province its listings give as location)."""

from django.db.models import Q, QuerySet

from sc389.core import access
from sc389.core.errors import NotFound
from sc389.core.text import fold
from sc389.entities.selectors import may_see_findings

from .models import Listing, Shop


def may_see_listings(user) -> bool:
    """Listings are for analysts of the standing offices (and admins); officers and leaders see cases. The one rule
    of every detector's findings."""
    return may_see_findings(user)


def shop_list(
    *, user, flagged: bool | None = None, platform: str = "", signal: str = "", q: str = ""
) -> QuerySet[Shop]:
    if not may_see_listings(user):
        return Shop.objects.none()
    qs = access.scope(Shop.objects.select_related("province"), user=user)
    if flagged is not None:
        qs = qs.filter(flagged=flagged)
    if platform:
        qs = qs.filter(platform=platform)
    if signal:
        qs = qs.filter(
            signals__icontains=f'"{signal}"'
        )  # JSON list of codes: portable on SQLite and PostgreSQL
    if q.strip():
        qs = qs.filter(Q(name__icontains=q.strip()) | Q(seller_id=q.strip()) | Q(tax_code=q.strip()))
    return qs


def shop_get(*, user, pk: int) -> Shop:
    shop = shop_list(user=user).filter(pk=pk).first()
    if shop is None:
        raise NotFound()
    return shop


def listing_list(*, user, shop: Shop | None = None, signal: str = "", q: str = "") -> QuerySet[Listing]:
    if not may_see_listings(user):
        return Listing.objects.none()
    qs = access.scope(Listing.objects.select_related("shop"), user=user)
    if shop is not None:
        qs = qs.filter(shop=shop)
    if signal:
        qs = qs.filter(signals__icontains=f'"{signal}"')
    if q.strip():
        folded = fold(q)
        qs = qs.filter(
            Q(title__icontains=q.strip()) | Q(brand__icontains=q.strip()) | Q(title__icontains=folded)
        )
    return qs


def platforms(*, user) -> list[str]:
    return sorted(set(shop_list(user=user).values_list("platform", flat=True)))
