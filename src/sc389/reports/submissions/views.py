"""Pages of aggregate submissions: list, figures form, XLSX upload, detail with submit/approve/return, and the
standing office's completeness table. Thin: parse → selector or service → render."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sc389.core.errors import DomainError, NotFound

from ..choices import SubmissionStatus
from ..models.submissions import INDICATOR_CHOICES
from . import selectors, services, xlsx
from .figures import PART_KEYS, TOTAL_KEY, figures_of
from .forms import CommentForm, FiguresForm, UploadForm, WindowForm, field_name
from .permissions import is_office, may_submit

MAX_UPLOAD = 2 * 1024 * 1024


def _get(request: HttpRequest, pk: int):
    """The submission if the user may see it; 404 otherwise (missing and outside scope look the same)."""
    try:
        return selectors.submission_get(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404 from exc


@login_required
def submission_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status") or None
    rows = selectors.submission_list(user=request.user, status=status)[:500]
    return render(
        request,
        "reports/submissions/list.html",
        {"rows": rows, "statuses": SubmissionStatus.choices, "status": status},
    )


@login_required
def submission_new(request: HttpRequest) -> HttpResponse:
    initial = {}
    if request.method == "GET" and request.GET.get("submission"):
        existing = _get(request, int(request.GET["submission"]))
        initial = {
            "unit": existing.unit_id,
            "date_from": existing.period_start,
            "date_to": existing.period_end,
        }
        for code, parts in figures_of(existing).items():
            initial |= {field_name(code, key): value for key, value in parts.items()}
    form = FiguresForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            submission, _changed = services.submission_save(
                unit=form.cleaned_data["unit"],
                period=form.cleaned_data["period"],
                figures=form.figures(),
                actor=request.user,
            )
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("Đã lưu báo cáo số liệu."))
            return redirect("reports:submission", pk=submission.pk)
    return render(request, "reports/submissions/form.html", {"form": form, "headers": FiguresForm.headers()})


@login_required
def submission_upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_UPLOAD:
                raise ValidationError(_("Tệp quá lớn."))
            submission, changed = services.submission_upload(
                unit=form.cleaned_data["unit"],
                period=form.cleaned_data["period"],
                data=upload.read(),
                actor=request.user,
            )
        except ValidationError as exc:
            errors = exc.messages
        except DomainError as exc:
            errors = [str(exc.message)]
        else:
            messages.success(
                request,
                _("Đã nhận tệp số liệu.")
                if changed
                else _("Tệp giống hệt số liệu đã lưu: không có thay đổi."),
            )
            return redirect("reports:submission", pk=submission.pk)
    return render(request, "reports/submissions/upload.html", {"form": form, "errors": errors})


@login_required
def submission_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        xlsx.template_bytes(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="bao_cao_so_lieu_mau.xlsx"'
    return response


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get(request, pk)
    figures = figures_of(submission)
    table = [
        {"label": label, "values": [figures.get(code, {}).get(key) for key in (TOTAL_KEY, *PART_KEYS)]}
        for code, label in INDICATOR_CHOICES
        if code in figures
    ]
    context = {
        "s": submission,
        "table": table,
        "headers": FiguresForm.headers(),
        "may_edit": submission.can_edit() and may_submit(request.user, submission.unit),
        "may_decide": submission.status == SubmissionStatus.SUBMITTED
        and is_office(request.user, submission.province_id),
        "comment_form": CommentForm(),
    }
    return render(request, "reports/submissions/detail.html", context)


@login_required
@require_POST
def submission_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ("submit", "approve", "return"):
        raise Http404
    submission = _get(request, pk)
    comment = request.POST.get("comment", "")
    try:
        if action == "submit":
            services.submission_submit(submission=submission, actor=request.user)
        elif action == "approve":
            services.submission_approve(submission=submission, actor=request.user, comment=comment)
        else:
            services.submission_return(submission=submission, actor=request.user, comment=comment)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Đã cập nhật trạng thái báo cáo số liệu."))
    return redirect("reports:submission", pk=pk)


@login_required
def completeness(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = WindowForm(request.GET or None, initial={"date_from": dt.date(today.year, 1, 1), "date_to": today})
    start, end = dt.date(today.year, 1, 1), today
    if form.is_valid() and form.cleaned_data["date_from"] <= form.cleaned_data["date_to"]:
        start, end = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    rows = selectors.completeness(user=request.user, start=start, end=end, today=today)
    summary = {
        "expected": len(rows),
        "missing": sum(r.state in ("missing", "draft") for r in rows),
        "late": sum(r.late for r in rows),
    }
    return render(
        request, "reports/submissions/completeness.html", {"form": form, "rows": rows, "summary": summary}
    )
