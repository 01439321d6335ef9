"""The hotspots page: ranked places of the user's area, with filters by category, commodity and window."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sc389.cases.choices import Category

from . import selectors
from .choices import PlaceKind, Status
from .forms import HotspotFilter


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    form = HotspotFilter(request.GET or None)
    q = form.query()
    spots = selectors.hotspot_list(user=request.user, q=q)
    kinds, statuses, categories = dict(PlaceKind.choices), dict(Status.choices), dict(Category.choices)
    rows = [
        {
            "h": h,
            "kind": kinds[h.kind],
            "status": statuses[h.status],
            "category": categories.get(h.top_category, ""),
        }
        for h in spots
    ]
    return render(request, "hotspots/index.html", {"form": form, "q": q, "rows": rows})
