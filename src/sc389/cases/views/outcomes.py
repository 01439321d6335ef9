"""Outcomes of a case (penalty, remittance, prosecution, transfer) and closing a case found no violation."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import selectors, services
from ..forms import OUTCOME_EDIT_FORMS, OUTCOME_FORMS, OUTCOME_TITLES, CloseForm, outcome_values
from .common import case_or_404, edit_url, part_or_404
from .correct import part_edit
from .delete import confirm_delete
from .edit import part_action


@login_required
@require_POST
def outcome_add(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in OUTCOME_FORMS:
        raise Http404
    case = case_or_404(request, pk, "change")
    form = OUTCOME_FORMS[kind](request.POST, prefix=kind)
    return part_action(
        request,
        case,
        form,
        f"outcome_{kind}",
        lambda data: services.outcome_add(case=case, actor=request.user, kind=kind, values=data),
        _("Đã ghi kết quả xử lý: %(kind)s.") % {"kind": OUTCOME_TITLES[kind]},
        "#outcomes",
    )


@login_required
@require_http_methods(["GET", "POST"])
def outcome_remove(request: HttpRequest, pk: int, kind: str, outcome_id: int) -> HttpResponse:
    """Remove an outcome recorded in error, with a reason; the status follows the live outcomes."""
    if kind not in OUTCOME_FORMS:
        raise Http404
    case = case_or_404(request, pk, "change")
    outcome = part_or_404(selectors.outcome_get, case=case, kind=kind, pk=outcome_id)
    return confirm_delete(
        request,
        case,
        title=_("Xóa kết quả xử lý: %(kind)s “%(name)s”") % {"kind": OUTCOME_TITLES[kind], "name": outcome},
        what=_(
            "Kết quả này không còn được tính; trạng thái vụ việc được tính lại. Quản trị viên có thể khôi phục."
        ),
        write=lambda reason, _version: services.outcome_remove(
            outcome=outcome, actor=request.user, reason=reason
        ),
        done=_("Đã xóa kết quả xử lý: %(kind)s.") % {"kind": OUTCOME_TITLES[kind]},
        back_url=edit_url(case, "#outcomes"),
        next_url=edit_url(case, "#outcomes"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def outcome_edit(request: HttpRequest, pk: int, kind: str, outcome_id: int) -> HttpResponse:
    """Correct a decision number, a date or an amount recorded with an error; the case's status follows."""
    if kind not in OUTCOME_FORMS:
        raise Http404
    case = case_or_404(request, pk, "change")
    outcome = part_or_404(selectors.outcome_get, case=case, kind=kind, pk=outcome_id)
    return part_edit(
        request,
        case,
        part=outcome,
        reload=lambda current: part_or_404(selectors.outcome_get, case=current, kind=kind, pk=outcome_id),
        form_class=OUTCOME_EDIT_FORMS[kind],
        prefix=kind,
        write=lambda expected_version, **_values: services.outcome_update(
            outcome=outcome, actor=request.user, expected_version=expected_version, values=_values
        ),
        title=_("Sửa: %(kind)s") % {"kind": OUTCOME_TITLES[kind]},
        done=_("Đã lưu kết quả xử lý: %(kind)s.") % {"kind": OUTCOME_TITLES[kind]},
        remove_url=reverse("cases:outcome_remove", args=[case.pk, kind, outcome.pk]),
        anchor="#outcomes",
        values=outcome_values,
    )


@login_required
@require_POST
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_or_404(request, pk, "change")
    form = CloseForm(request.POST)
    return part_action(
        request,
        case,
        form,
        "close_form",
        lambda data: services.case_close(
            case=case, actor=request.user, reason=data["reason"], expected_version=data.get("version")
        ),
        _("Đã đóng vụ việc %(reference)s.") % {"reference": case.reference},
        "",
    )
