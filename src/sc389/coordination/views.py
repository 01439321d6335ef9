"""Coordination pages: parse → selector or service → render. No rules and no ORM writes here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sc389.core.errors import DomainError, NotFound

from . import rules, selectors, services
from .forms import (
    ActionForm,
    BulletinEditForm,
    BulletinForm,
    SearchForm,
    WithdrawForm,
    acting_units,
    apply_error,
)

PAGE_SIZE = 100


def _get(getter, request: HttpRequest, pk: int):
    """The row if the user may see it; otherwise it does not exist for them."""
    try:
        return getter(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404 from exc


# --- search --------------------------------------------------------------------------------------------------


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    q = form.data.get("q", "") if form.is_bound else ""
    results = selectors.search(user=request.user, q=q)
    template = "coordination/_search_results.html" if request.htmx else "coordination/search.html"
    return render(request, template, {"form": form, "q": q, "results": results})


# --- bulletins -----------------------------------------------------------------------------------------------


@login_required
@require_GET
def bulletin_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")
    pending = request.GET.get("pending") == "1"
    rows = selectors.bulletin_list(user=request.user, q=q, pending=pending)[:PAGE_SIZE]
    return render(
        request,
        "coordination/bulletin_list.html",
        {"rows": rows, "q": q, "pending": pending, "can_publish": acting_units(request.user).exists()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def bulletin_new(request: HttpRequest) -> HttpResponse:
    groups = selectors.publishable_groups(user=request.user)
    form = BulletinForm(request.POST or None, user=request.user, groups=groups)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            bulletin = services.bulletin_publish(
                actor=request.user,
                author_unit=data["author_unit"],
                title=data["title"],
                body=data["body"],
                sensitivity=data["sensitivity"],
                distributions=form.distributions(),
                cases=data["case_refs"],
                entities=data["entities"],
            )
        except DomainError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã phát hành bản tin."))
            return redirect("coordination:bulletin_detail", pk=bulletin.pk)
    return render(request, "coordination/bulletin_form.html", {"form": form})


def _bulletin_context(request: HttpRequest, bulletin, action_form=None) -> dict:
    author_side = rules.is_author_side(request.user, bulletin)
    return {
        "bulletin": bulletin,
        "author_side": author_side,
        "distributions": bulletin.distributions.select_related("province", "group"),
        "cases": selectors.bulletin_cases(user=request.user, bulletin=bulletin),
        "entities": bulletin.entities.all(),
        "receipts": selectors.bulletin_receipts(user=request.user, bulletin=bulletin),
        "sees_receipts": rules.sees_receipts(request.user, bulletin),
        "mine": selectors.my_receipt(user=request.user, bulletin=bulletin),
        "action_form": action_form or ActionForm(),
        "may_edit": not bulletin.is_withdrawn() and rules.may_edit_bulletin(request.user, bulletin),
        "withdraw_form": WithdrawForm(),
    }


@login_required
@require_GET
def bulletin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _get(selectors.bulletin_get, request, pk)
    services.bulletin_read(bulletin=bulletin, actor=request.user)
    return render(request, "coordination/bulletin_detail.html", _bulletin_context(request, bulletin))


@login_required
@require_POST
def bulletin_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _get(selectors.bulletin_get, request, pk)
    try:
        services.bulletin_acknowledge(bulletin=bulletin, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Đã xác nhận nhận bản tin."))
    return redirect("coordination:bulletin_detail", pk=pk)


@login_required
@require_POST
def bulletin_action(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _get(selectors.bulletin_get, request, pk)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            services.bulletin_report_action(
                bulletin=bulletin, actor=request.user, action_taken=form.cleaned_data["action_taken"]
            )
        except DomainError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã báo cáo kết quả xử lý."))
            return redirect("coordination:bulletin_detail", pk=pk)
    context = _bulletin_context(request, bulletin, action_form=form)
    return render(request, "coordination/bulletin_detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def bulletin_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a bulletin: its author, or an admin of the author's unit; others do not find the page."""
    bulletin = _get(selectors.bulletin_get, request, pk)
    if bulletin.is_withdrawn() or not rules.may_edit_bulletin(request.user, bulletin):
        raise Http404
    form = BulletinEditForm(request.POST or None, initial=BulletinEditForm.initial_for(bulletin))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.bulletin_update(
                bulletin=bulletin,
                actor=request.user,
                title=data["title"],
                body=data["body"],
                entities=data["entities"],
            )
        except DomainError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã đính chính bản tin; nơi nhận đã được báo."))
            return redirect("coordination:bulletin_detail", pk=pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "coordination/bulletin_edit.html", {"form": form, "bulletin": bulletin}, status=status
    )


@login_required
@require_POST
def bulletin_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _get(selectors.bulletin_get, request, pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần ghi lý do thu hồi."))
        return redirect("coordination:bulletin_detail", pk=pk)
    try:
        services.bulletin_withdraw(bulletin=bulletin, actor=request.user, reason=form.cleaned_data["reason"])
    except DomainError as exc:
        if exc.status == 403:
            return render(request, "403.html", status=403)
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Đã thu hồi bản tin."))
    return redirect("coordination:bulletin_detail", pk=pk)
