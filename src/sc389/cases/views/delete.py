"""Deleting with a reason (a confirmation page, no script needed) and the administrators' restore page."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sc389.core.errors import DomainError, NotFound

from .. import deleted, services
from ..errors import MESSAGES, CaseErrorCode
from ..forms import apply_error
from ..forms.delete import DeleteForm
from ..models import Attachment, Case
from .common import case_or_404, edit_url


def confirm_delete(
    request: HttpRequest,
    case: Case,
    *,
    title: str,
    what: str,
    write: Callable[[str, int | None], object],
    done: str,
    back_url: str,
    next_url: str,
) -> HttpResponse:
    """GET: the page asking why; POST: the service with the reason. A refused deletion is shown on the page."""
    form = DeleteForm(request.POST if request.method == "POST" else None, initial={"version": case.version})
    if request.method == "POST" and form.is_valid():
        try:
            write(form.cleaned_data["reason"], form.cleaned_data.get("version"))
        except DomainError as exc:
            if exc.code == CaseErrorCode.STALE:
                # Changed meanwhile: say so, and let a second submit (now on the current version) decide.
                data = request.POST.copy()
                data["version"] = str(case_or_404(request, case.pk, "change").version)
                form = DeleteForm(data)
                form.is_valid()
            apply_error(form, exc)
        else:
            messages.success(request, done)
            return redirect(next_url)
    context = {"case": case, "form": form, "title": title, "what": what, "back_url": back_url}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "cases/confirm_delete.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def case_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a whole case (who may: services.delete); it can be restored by an administrator."""
    case = case_or_404(request, pk, "change")
    if not services.may_delete_case(request.user, case):
        raise PermissionDenied(str(MESSAGES[CaseErrorCode.DELETE_NOT_ALLOWED]))
    return confirm_delete(
        request,
        case,
        title=_("Xóa vụ việc %(reference)s") % {"reference": case.reference},
        what=_(
            "Vụ việc sẽ không còn hiện trong danh sách, tìm kiếm, API và báo cáo. Số vụ việc vẫn được giữ."
        ),
        write=lambda reason, version: services.case_delete(
            case=case, actor=request.user, reason=reason, expected_version=version
        ),
        done=_("Đã xóa vụ việc %(reference)s.") % {"reference": case.reference},
        back_url=edit_url(case),
        next_url="cases:list",
    )


@login_required
@require_http_methods(["GET", "POST"])
def attachment_remove(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    """Remove an attachment; the file stays stored so an administrator can restore it."""
    case = case_or_404(request, pk, "change")
    attachment: Attachment | None = case.attachments.filter(pk=attachment_id).first()  # live ones only
    if attachment is None:
        raise Http404
    return confirm_delete(
        request,
        case,
        title=_("Xóa tệp “%(name)s”") % {"name": attachment.original_name},
        what=_("Tệp không còn hiện và không tải về được; quản trị viên có thể khôi phục."),
        write=lambda reason, _version: services.attachment_remove(
            attachment=attachment, actor=request.user, reason=reason
        ),
        done=_("Đã xóa tệp “%(name)s”.") % {"name": attachment.original_name},
        back_url=edit_url(case, "#attachments"),
        next_url=edit_url(case, "#attachments"),
    )


# --- the restore page ----------------------------------------------------------------------------------------


def _ensure_sees_deleted(request: HttpRequest) -> None:
    if not deleted.may_see_deleted(request.user):
        raise PermissionDenied(_("Chỉ quản trị viên được xem dữ liệu đã xóa."))


@login_required
@require_GET
def deleted_list(request: HttpRequest) -> HttpResponse:
    """Dữ liệu đã xóa: every deleted record the administrator's scope holds, with who, when and why."""
    _ensure_sees_deleted(request)
    groups = deleted.deleted_lists(user=request.user)
    context = {"groups": groups, "limit": deleted.LIMIT, "empty": not any(rows for _kind, rows in groups)}
    return render(request, "cases/deleted.html", context)


@login_required
@require_POST
def deleted_restore(request: HttpRequest, kind: str, item_id: int) -> HttpResponse:
    _ensure_sees_deleted(request)
    try:
        item = deleted.deleted_get(user=request.user, kind=kind, pk=item_id)
    except NotFound as exc:
        raise Http404 from exc
    try:
        if kind == "case":
            services.case_restore(case=item, actor=request.user)
        else:
            services.part_restore(part=item, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request,
            _("Đã khôi phục: %(kind)s “%(item)s”.") % {"kind": deleted.KINDS[kind].label, "item": item},
        )
    return redirect("cases:deleted")
