"""The listings routes of /api/v1/ (scoped like the web pages): shops with their scores and reasons, one shop
with its listings, and the listings themselves."""

from django.utils.translation import gettext_lazy as _
from ninja import Router

from sc389.core.errors import PermissionDenied

from . import selectors
from .schemas import ListingPage, ShopDetailOut, ShopPage

router = Router(tags=["listings"])
DETAIL_LISTINGS = 500


def _shop(shop) -> dict:
    return {
        "id": shop.pk,
        "platform": shop.platform,
        "seller_id": shop.seller_id,
        "name": shop.name,
        "tax_code": shop.tax_code,
        "province": shop.province.name if shop.province_id else None,
        "score": shop.score,
        "flagged": shop.flagged,
        "signals": shop.signals,
        "reasons": shop.reasons,
        "listing_count": shop.listing_count,
    }


def _listing(x) -> dict:
    return {
        "id": x.pk,
        "shop_id": x.shop_id,
        "snapshot_on": x.snapshot_on,
        "platform": x.platform,
        "listing_id": x.listing_id,
        "title": x.title,
        "price_vnd": x.price_vnd,
        "brand": x.brand,
        "sales_count": x.sales_count,
        "url": x.url,
        "score": x.score,
        "signals": x.signals,
        "reasons": x.reasons,
    }


def _require(user) -> None:
    if not selectors.may_see_listings(user):
        raise PermissionDenied(_("Chỉ cán bộ phân tích mới xem các tin đăng thương mại điện tử."))


def _page(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(limit, 200)), max(0, offset)


@router.get("/shops", response=ShopPage)
def shop_list(
    request,
    flagged: bool | None = None,
    platform: str = "",
    signal: str = "",
    limit: int = 50,
    offset: int = 0,
):
    _require(request.user)
    qs = selectors.shop_list(user=request.user, flagged=flagged, platform=platform, signal=signal)
    limit, offset = _page(limit, offset)
    return {"count": qs.count(), "items": [_shop(s) for s in qs[offset : offset + limit]]}


@router.get("/shops/{shop_id}", response=ShopDetailOut)
def shop_detail(request, shop_id: int):
    shop = selectors.shop_get(user=request.user, pk=shop_id)
    listings = selectors.listing_list(user=request.user, shop=shop)[:DETAIL_LISTINGS]
    return {**_shop(shop), "listings": [_listing(x) for x in listings]}


@router.get("/items", response=ListingPage)
def listing_list(request, signal: str = "", q: str = "", limit: int = 50, offset: int = 0):
    _require(request.user)
    qs = selectors.listing_list(user=request.user, signal=signal, q=q)
    limit, offset = _page(limit, offset)
    return {"count": qs.count(), "items": [_listing(x) for x in qs[offset : offset + limit]]}
