"""The entity pages: list and search, one entity with the cases the viewer may see, the analysts' review queue.
Thin: selectors read (scoped), services write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sc389.coordination import selectors as coordination_selectors
from sc389.coordination.forms import BulletinForm, acting_units
from sc389.core.errors import DomainError, NotFound

from . import selectors, services
from .choices import EntityKind, JudgementStatus, SightingSource


@login_required
@require_GET
def entity_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")
    kind = request.GET.get("kind", "")
    if kind not in EntityKind.values:
        kind = ""
    flagged = request.GET.get("flagged") == "1"
    entities = selectors.entity_list(user=request.user, q=q, kind=kind, flagged=flagged)
    page = Paginator(entities, 50).get_page(request.GET.get("page"))
    page.object_list = selectors.with_findings(list(page.object_list), user=request.user)
    return render(
        request,
        "entities/list.html",
        {
            "page": page,
            "q": q,
            "kind": kind,
            "flagged": flagged,
            "may_see_findings": selectors.may_see_findings(request.user),
            "kinds": EntityKind.choices,
            "may_review": services.may_review(request.user),
        },
    )


def _entity_or_404(request: HttpRequest, pk: int):
    """The entity as the user may see it (its visible appearances), or 404: hidden and missing look alike."""
    try:
        return selectors.entity_get(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404 from exc


# the page of each source's findings (the owning app's, which checks the reader's scope again)
SOURCE_PAGES = {SightingSource.INVOICE_LEAD: "invoices:lead", SightingSource.SHOP: "listings:shop"}


@login_required
@require_GET
def entity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entity = _entity_or_404(request, pk)
    for sighting in entity.visible_sightings:
        sighting.link = reverse(SOURCE_PAGES[sighting.source], args=[sighting.source_id])
    appearances = entity.visible_appearances
    provinces = sorted({a.province.name for a in appearances if a.province})
    return render(
        request,
        "entities/detail.html",
        {
            "entity": entity,
            "name": selectors.display_name(entity),
            "may_publish": acting_units(request.user).exists(),
            "appearances": appearances,
            "sightings": entity.visible_sightings,
            "provinces": provinces,
            "case_count": len({a.case_id for a in appearances}),
        },
    )


@login_required
@require_GET
def entity_bulletin(request: HttpRequest, pk: int) -> HttpResponse:
    """The alert as a bulletin: coordination's form drafted from what the user sees of the entity, for the author
    to check, change and send to coordination's own page (which checks it again as typed text)."""
    entity = _entity_or_404(request, pk)
    if not acting_units(request.user).exists():
        raise Http404
    initial = selectors.bulletin_prefill(entity, name=selectors.display_name(entity))
    groups = coordination_selectors.publishable_groups(user=request.user)
    form = BulletinForm(user=request.user, groups=groups, initial=initial)
    context = {"form": form, "form_action": reverse("coordination:bulletin_new")}
    return render(request, "coordination/bulletin_form.html", context)


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    if not services.may_review(request.user):
        raise Http404
    status = request.GET.get("status", JudgementStatus.PENDING)
    if status not in JudgementStatus.values:
        status = JudgementStatus.PENDING
    page = Paginator(selectors.judgement_queue(user=request.user, status=status), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request, "entities/review.html", {"page": page, "status": status, "statuses": JudgementStatus.choices}
    )


@login_required
@require_POST
def review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        judgement = selectors.judgement_get(user=request.user, pk=pk)
        services.judgement_decide(
            judgement=judgement,
            status=request.POST.get("status", ""),
            actor=request.user,
            note=request.POST.get("note", ""),
        )
    except NotFound as exc:
        raise Http404 from exc
    except DomainError as exc:
        if exc.status == 403:
            raise Http404 from exc
        messages.error(request, str(exc.message))
        return redirect("entities:review")
    messages.success(request, _("Đã ghi nhận: %(decision)s.") % {"decision": judgement.get_status_display()})
    return redirect("entities:review")
