"""The invoice leads pages: the list (filter by detector), one lead with its reasons and invoices, and sending
it to the competent unit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sc389.core.errors import DomainError, NotFound
from sc389.entities import selectors as entity_selectors
from sc389.entities.choices import SightingSource

from . import referrals, selectors
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
    sent = referrals.referral_of(lead)
    may_send = not sent and selectors.may_send_leads(request.user)
    return render(
        request,
        "invoices/lead.html",
        {
            "lead": lead,
            "entity_id": entity_selectors.entity_of_finding(
                source=SightingSource.INVOICE_LEAD, source_id=lead.pk
            ),
            "referral": sent,
            "may_send": may_send,
            "competent": referrals.competent_unit(lead.province_id) if may_send else None,
            "units": selectors.unit_choices() if may_send else [],
        },
    )


@login_required
@require_POST
def lead_send(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        lead = selectors.lead_get(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404 from exc
    unit = None
    chosen = request.POST.get("unit", "")
    try:
        if chosen:
            unit = selectors.unit_get(pk=int(chosen)) if chosen.isdigit() else None
            if unit is None:
                raise NotFound()
        referral = referrals.lead_send(lead=lead, actor=request.user, unit=unit)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã chuyển dấu hiệu cho %(unit)s.") % {"unit": referral.unit.name})
    return redirect("invoices:lead", pk=lead.pk)
