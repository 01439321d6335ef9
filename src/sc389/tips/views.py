"""The tip pages. Public (no login): the form, the receipt, the status by code, the place picker. Staff: the
inbox and a tip's page, scoped (outside scope: 404); writes go through tips.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sc389.cases.forms import apply_error, place_label, place_matches
from sc389.core.errors import DomainError, NotFound
from sc389.core.middleware import client_ip

from . import abuse, routing, rules, selectors, services
from .choices import TipStatus
from .forms import CloseForm, RouteForm, StatusForm, TipForm

RECEIPT_SESSION_KEY = "tips_receipt"


def _tip(request: HttpRequest, pk: int):
    try:
        return selectors.tip_get(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None


# --- public ------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    """The public form: anyone may report; a rate limit per address and a honeypot keep robots out."""
    form = TipForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        try:
            abuse.rate_limit("submit", client_ip(request), abuse.SUBMIT_LIMIT)
            if form.is_valid():
                data = form.cleaned_data
                tip = services.tip_submit(
                    category=data["category"],
                    place=data["place"],
                    description=data["description"],
                    place_text=data["place_text"],
                    contact_name=data["contact_name"],
                    contact_phone=data["contact_phone"],
                    contact_email=data["contact_email"],
                    photos=data["photos"],
                    honeypot=data["website"],
                )
                request.session[RECEIPT_SESSION_KEY] = tip.receipt_code
                return redirect("tips:sent")
        except (DomainError, ValidationError) as exc:
            apply_error(form, exc)
            status = getattr(exc, "status", 400)
        else:
            status = 400
    return render(request, "tips/submit.html", {"form": form}, status=status)


@require_GET
def sent(request: HttpRequest) -> HttpResponse:
    code = request.session.get(RECEIPT_SESSION_KEY)
    if not code:
        return redirect("tips:submit")
    return render(request, "tips/sent.html", {"code": code})


@require_GET
def status(request: HttpRequest) -> HttpResponse:
    """A tip's status by its receipt code: the status and two dates, nothing else."""
    form = StatusForm(request.GET or None)
    found = None
    code = 200
    if form.is_bound and form.is_valid():
        try:
            abuse.rate_limit("status", client_ip(request), abuse.STATUS_LIMIT)
            found = selectors.tip_public_status(code=form.cleaned_data["code"])
        except NotFound:
            form.add_error("code", _("Không tìm thấy tin báo với mã này. Hãy kiểm tra lại mã tiếp nhận."))
            code = 404
        except DomainError as exc:
            form.add_error(None, str(exc.message))
            code = exc.status
    return render(request, "tips/status.html", {"form": form, "found": found}, status=code)


@require_GET
def place_search(request: HttpRequest) -> HttpResponse:
    """The public place picker: today's provinces and communes only."""
    query = request.GET.get("place_q") or request.GET.get("q") or ""
    places = [
        (u, place_label(u)) for u in place_matches(query) if u.valid_to is None and u.level != "district"
    ]
    return render(request, "cases/_place_results.html", {"places": places, "query": query})


# --- staff -------------------------------------------------------------------------------------------------


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    wanted = request.GET.get("status") or ""
    q = request.GET.get("q") or ""
    tips = selectors.tip_list(user=request.user, status=wanted if wanted in TipStatus.values else None, q=q)
    return render(
        request,
        "tips/inbox.html",
        {"tips": tips[:500], "statuses": TipStatus.choices, "wanted": wanted, "q": q},
    )


def _detail(request: HttpRequest, tip, **forms) -> HttpResponse:
    can_triage = tip.status in (TipStatus.RECEIVED, TipStatus.ROUTED) and rules.may_triage(request.user, tip)
    suggested = routing.suggestions(tip) if can_triage else []
    route_form = forms.get("route_form") or RouteForm(
        initial={
            "unit": tip.routed_unit_id or tip.suggested_unit_id or (suggested[0].pk if suggested else None)
        }
    )
    can_handle = tip.status == TipStatus.ROUTED and rules.may_handle(request.user, tip)
    return render(
        request,
        "tips/detail.html",
        {
            "tip": tip,
            "photos": tip.photos.all(),
            "suggested": suggested,
            "can_triage": can_triage,
            "can_handle": can_handle,
            "can_close": tip.status in (TipStatus.RECEIVED, TipStatus.ROUTED) and (can_handle or can_triage),
            "route_form": route_form,
            "close_form": forms.get("close_form") or CloseForm(),
        },
        status=400 if forms else 200,
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _tip(request, pk))


@login_required
@require_POST
def route(request: HttpRequest, pk: int) -> HttpResponse:
    tip = _tip(request, pk)
    form = RouteForm(request.POST)
    if form.is_valid():
        try:
            services.tip_route(actor=request.user, tip=tip, **form.cleaned_data)
        except DomainError as exc:
            apply_error(form, exc)
        else:
            messages.success(
                request, _("Đã chuyển tin báo đến %(unit)s.") % {"unit": form.cleaned_data["unit"]}
            )
            return redirect("tips:detail", pk=tip.pk)
    return _detail(request, tip, route_form=form)


@login_required
@require_POST
def open_case(request: HttpRequest, pk: int) -> HttpResponse:
    tip = _tip(request, pk)
    try:
        case = services.tip_open_case(actor=request.user, tip=tip)
    except (DomainError, ValidationError) as exc:
        messages.error(request, str(getattr(exc, "message", exc)))
        return redirect("tips:detail", pk=tip.pk)
    messages.success(request, _("Đã lập vụ việc %(reference)s từ tin báo.") % {"reference": case.reference})
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    tip = _tip(request, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.tip_close(actor=request.user, tip=tip, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã kết thúc tin báo."))
            return redirect("tips:detail", pk=tip.pk)
    return _detail(request, tip, close_form=form)


@login_required
def photo(request: HttpRequest, pk: int, photo_id: int) -> FileResponse:
    """A tip's photo, to staff who may see the tip only, always as a download that is never sniffed."""
    try:
        found = selectors.tip_photo_get(user=request.user, tip_id=pk, pk=photo_id)
    except NotFound:
        raise Http404 from None
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.original_name,
        content_type=found.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
