"""Coordination pages for requests, sharing groups and case networks: parse → selector or service → render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sc389.core.errors import DomainError, NotFound

from . import rules, selectors, services
from .choices import RequestKind, RequestStatus
from .files import download
from .forms import (
    DeclineForm,
    GroupForm,
    GroupMembersForm,
    NetworkCaseForm,
    NetworkForm,
    ReplyForm,
    RequestForm,
    acting_units,
    apply_error,
)
from .views import PAGE_SIZE, _get

# --- requests ------------------------------------------------------------------------------------------------


@login_required
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")
    status = request.GET.get("status", "")
    rows = selectors.request_list(
        user=request.user, q=q, status=status if status in RequestStatus.values else None
    )
    return render(
        request,
        "coordination/request_list.html",
        {
            "rows": rows[:PAGE_SIZE],
            "q": q,
            "status": status,
            "statuses": RequestStatus.choices,
            "can_ask": acting_units(request.user).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    form = RequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            req = services.request_create(
                actor=request.user,
                kind=data["kind"],
                from_unit=data["from_unit"],
                to_unit=data["to_unit"],
                subject=data["subject"],
                body=data["body"],
                deadline=data["deadline"],
                case=data["case_ref"],
            )
        except (DomainError, ValueError) as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã gửi yêu cầu."))
            return redirect("coordination:request_detail", pk=req.pk)
    return render(request, "coordination/request_form.html", {"form": form})


def _request_context(request: HttpRequest, req, reply_form=None, decline_form=None) -> dict:
    sides = rules.request_sides(request.user, req)
    return {
        "req": req,
        "sides": sides,
        "replies": req.replies.select_related("author").prefetch_related("attachments"),
        "reply_form": reply_form or ReplyForm(),
        "decline_form": decline_form or DeclineForm(),
        "is_handover": req.kind == RequestKind.TAKE_OVER_CASE,
        "may_escalate": req.is_open() and rules.may_escalate(request.user, req),
    }


@login_required
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The thread; a POST adds a reply (with attachments)."""
    req = _get(selectors.request_get, request, pk)
    form = ReplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.reply_add(
                    request=req,
                    actor=request.user,
                    body=form.cleaned_data["body"],
                    files=form.cleaned_data["files"],
                )
            except DomainError as exc:
                apply_error(form, exc)
            else:
                messages.success(request, _("Đã gửi trả lời."))
                return redirect("coordination:request_detail", pk=pk)
        return render(
            request, "coordination/request_detail.html", _request_context(request, req, form), status=400
        )
    return render(request, "coordination/request_detail.html", _request_context(request, req))


def _request_step(request: HttpRequest, pk: int, step, done: str) -> HttpResponse:
    req = _get(selectors.request_get, request, pk)
    try:
        step(req)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, done)
    return redirect("coordination:request_detail", pk=pk)


@login_required
@require_POST
def request_decline(request: HttpRequest, pk: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _request_step(
        request,
        pk,
        lambda req: services.request_decline(request=req, actor=request.user, reason=reason),
        _("Đã từ chối yêu cầu."),
    )


@login_required
@require_POST
def request_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _request_step(
        request,
        pk,
        lambda req: services.request_close(request=req, actor=request.user),
        _("Đã đóng yêu cầu."),
    )


@login_required
@require_POST
def request_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _request_step(
        request,
        pk,
        lambda req: services.request_accept_handover(request=req, actor=request.user),
        _("Đã tiếp nhận vụ việc; đơn vị của bạn nay chủ trì vụ việc."),
    )


@login_required
@require_POST
def request_escalate(request: HttpRequest, pk: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _request_step(
        request,
        pk,
        lambda req: services.request_escalate(request=req, actor=request.user, reason=reason),
        _("Đã báo cáo yêu cầu lên Ban Chỉ đạo."),
    )


@login_required
@require_GET
def request_attachment(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    """A file of the thread, to those who may see the request; a download that is never sniffed."""
    try:
        found = selectors.reply_attachment_get(user=request.user, request_id=pk, pk=attachment_id)
    except NotFound:
        raise Http404 from None
    return download(found.file, found.original_name, found.content_type)


# --- sharing groups ------------------------------------------------------------------------------------------


@login_required
@require_GET
def group_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.sharing_group_list(user=request.user)
    can_create = rules.administered_committees(request.user).exists()
    return render(request, "coordination/group_list.html", {"rows": rows, "can_create": can_create})


@login_required
@require_http_methods(["GET", "POST"])
def group_new(request: HttpRequest) -> HttpResponse:
    """A new sharing group, for the admins of the committee that will own it."""
    committees = rules.administered_committees(request.user)
    if not committees.exists():
        return render(request, "403.html", status=403)
    form = GroupForm(request.POST or None, committees=committees.order_by("level", "name"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            group = services.sharing_group_create(
                actor=request.user,
                owner_committee=data["owner_committee"],
                name=data["name"],
                description=data["description"],
                units=list(data["units"]),
            )
        except (DomainError, ValidationError) as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã tạo nhóm chia sẻ."))
            return redirect("coordination:group_detail", pk=group.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "coordination/group_form.html", {"form": form, "group": None}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename a group and change its members: the owner committee's admins only."""
    group = _get(selectors.sharing_group_get, request, pk)
    members = selectors.sharing_group_members(user=request.user, group=group)
    if members is None:
        return render(request, "403.html", status=403)
    initial = {"name": group.name, "description": group.description, "units": members}
    form = GroupForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.sharing_group_update(
                actor=request.user, group=group, name=data["name"], description=data["description"]
            )
            services.sharing_group_set_members(actor=request.user, group=group, units=list(data["units"]))
        except (DomainError, ValidationError) as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã cập nhật nhóm chia sẻ."))
            return redirect("coordination:group_detail", pk=pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "coordination/group_form.html", {"form": form, "group": group}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = _get(selectors.sharing_group_get, request, pk)
    members = selectors.sharing_group_members(user=request.user, group=group)
    form = None
    if members is not None:
        # An empty selection is a valid POST (it empties the group), so bind on the method, not on the data.
        form = GroupMembersForm(
            request.POST if request.method == "POST" else None, initial={"units": members}
        )
        if request.method == "POST" and form.is_valid():
            services.sharing_group_set_members(
                actor=request.user, group=group, units=list(form.cleaned_data["units"])
            )
            messages.success(request, _("Đã cập nhật thành viên nhóm."))
            return redirect("coordination:group_detail", pk=pk)
    elif request.method == "POST":
        return render(request, "403.html", status=403)
    return render(
        request, "coordination/group_detail.html", {"group": group, "members": members, "form": form}
    )


# --- case networks -------------------------------------------------------------------------------------------


@login_required
@require_GET
def network_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "coordination/network_list.html", {"rows": selectors.network_list(user=request.user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def network_new(request: HttpRequest) -> HttpResponse:
    form = NetworkForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            network = services.case_network_create(
                actor=request.user,
                name=data["name"],
                description=data["description"],
                cases=data["case_refs"],
            )
        except DomainError as exc:
            apply_error(form, exc)
        else:
            return redirect("coordination:network_detail", pk=network.pk)
    return render(request, "coordination/network_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def network_detail(request: HttpRequest, pk: int) -> HttpResponse:
    network = _get(selectors.network_get, request, pk)
    form = NetworkCaseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            for case in form.cleaned_data["case_refs"]:
                services.case_network_add_case(actor=request.user, network=network, case=case)
        except DomainError as exc:
            apply_error(form, exc)
        else:
            return redirect("coordination:network_detail", pk=pk)
    timeline = selectors.network_timeline(user=request.user, network=network)
    return render(
        request, "coordination/network_detail.html", {"network": network, "timeline": timeline, "form": form}
    )
