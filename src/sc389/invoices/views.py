"""The invoice leads pages: the list (filter by detector) and one lead with its reasons and invoices."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sc389.core.errors import NotFound

from . import selectors
from .models import Detector


@login_required
@require_GET
def lead_list(request: HttpRequest) -> HttpResponse:
    if not selectors.may_see_leads(request.user):
        raise Http404
    detector = request.GET.get("detector", "")
    if detector not in Detector.values:
        detector = ""
    page = Paginator(selectors.lead_list(user=request.user, detector=detector), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request, "invoices/leads.html", {"page": page, "detector": detector, "detectors": Detector.choices}
    )


@login_required
@require_GET
def lead_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        lead = selectors.lead_get(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404 from exc
    return render(request, "invoices/lead.html", {"lead": lead})
