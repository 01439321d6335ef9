"""The hotspots route of /api/v1/: the ranked places of the caller's area (the cases they may see)."""

import datetime as dt

from django.utils.translation import gettext_lazy as _
from ninja import Router

from sc389.core.errors import DomainError

from . import selectors
from .forms import HotspotFilter
from .schemas import HotspotPage

router = Router(tags=["hotspots"])


def out(h) -> dict:
    return {
        "kind": h.kind,
        "key": h.key,
        "label": h.label,
        "province": h.province_name,
        "commune": h.commune_name,
        "status": h.status,
        "score": h.score,
        "recent": h.recent,
        "baseline": h.baseline,
        "expected": round(h.expected, 3),
        "neighbours": None if h.neighbours is None else round(h.neighbours, 3),
        "z_self": h.z_self,
        "z_neigh": h.z_neigh,
        "quiet": h.quiet,
        "top_category": h.top_category,
    }


@router.get("", response=HotspotPage)
def hotspot_list(
    request,
    category: str = "",
    commodity: str = "",
    window: int = 90,
    as_of: dt.date | None = None,
    steady: bool = False,
    limit: int = 100,
):
    form = HotspotFilter(
        {
            "category": category,
            "commodity": commodity,
            "window": window,
            "as_of": as_of.isoformat() if as_of else "",
        }
    )
    if not form.is_valid():
        field = next(iter(form.errors))
        raise DomainError(
            "invalid_filter", _("Bộ lọc không hợp lệ: %(field)s.") % {"field": field}, field=field
        )
    q = form.query()
    spots = selectors.hotspot_list(
        user=request.user, q=q, limit=max(1, min(limit, 500)), include_steady=steady
    )
    return {
        "as_of": q.as_of,
        "window_days": q.window_days,
        "baseline_days": selectors.BASELINE_DAYS,
        "items": [out(h) for h in spots],
    }
