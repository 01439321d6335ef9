"""The listings pages for analysts: shops ranked by score with their reasons, one shop with its listings, and
the listings themselves."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sc389.core.errors import NotFound
from sc389.entities import selectors as entity_selectors
from sc389.entities.choices import SightingSource

from . import selectors
from .choices import Signal


def _require(request: HttpRequest) -> None:
    if not selectors.may_see_listings(request.user):
        raise Http404


@login_required
@require_GET
def shop_list(request: HttpRequest) -> HttpResponse:
    _require(request)
    signal = request.GET.get("signal", "")
    signal = signal if signal in Signal.values else ""
    flagged = {"1": True, "0": False}.get(request.GET.get("flagged", ""))
    platform = request.GET.get("platform", "")
    q = request.GET.get("q", "")
    qs = selectors.shop_list(user=request.user, flagged=flagged, platform=platform, signal=signal, q=q)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "listings/shops.html",
        {
            "page": page,
            "signal": signal,
            "signals": Signal.choices,
            "flagged": request.GET.get("flagged", ""),
            "platform": platform,
            "platforms": selectors.platforms(user=request.user),
            "q": q,
            "query": _query(request),
        },
    )


def _query(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@login_required
@require_GET
def shop_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    try:
        shop = selectors.shop_get(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404 from exc
    page = Paginator(selectors.listing_list(user=request.user, shop=shop), 100).get_page(
        request.GET.get("page")
    )
    names = dict(Signal.choices)
    reasons = [{**r, "label": names.get(r["signal"], r["signal"])} for r in shop.reasons]
    entity_id = entity_selectors.entity_of_finding(source=SightingSource.SHOP, source_id=shop.pk)
    context = {"shop": shop, "page": page, "reasons": reasons, "query": "", "entity_id": entity_id}
    return render(request, "listings/shop.html", context)


@login_required
@require_GET
def listing_list(request: HttpRequest) -> HttpResponse:
    _require(request)
    signal = request.GET.get("signal", "")
    signal = signal if signal in Signal.values else ""
    q = request.GET.get("q", "")
    page = Paginator(selectors.listing_list(user=request.user, signal=signal, q=q), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "listings/items.html",
        {"page": page, "signal": signal, "signals": Signal.choices, "q": q, "query": _query(request)},
    )
