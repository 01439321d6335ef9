"""The direction pages: parse, selector or service, render. Reads are scoped (outside scope: 404); writes go
through direction.services, whose refusals come back as form errors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sc389.cases.forms import apply_error
from sc389.core import access
from sc389.core.errors import DomainError, NotFound

from . import obligations, rules, selectors, services
from .forms import CampaignForm, CancelForm, DirectiveForm, ProgressForm, SessionForm, TaskForm
from .models import Conclusion, Directive


def _or_404(getter, **kwargs):
    try:
        return getter(**kwargs)
    except NotFound:
        raise Http404 from None


def _download(field, name: str, content_type: str) -> FileResponse:
    """A stored document, as a download that is never rendered inline or sniffed."""
    if not field:
        raise Http404
    response = FileResponse(field.open("rb"), as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The user's to-do: tasks of their units, reporting deadlines, and the boards of committees they staff;
    with `q`, the tasks in the user's scope that match it."""
    q = request.GET.get("q", "")
    return render(
        request,
        "direction/index.html",
        {
            "q": q,
            "found": selectors.task_list(user=request.user, q=q)[:200] if q.strip() else None,
            "tasks": selectors.my_tasks(user=request.user),
            "deadlines": obligations.upcoming(user=request.user),
            "committees": selectors.board_committees(user=request.user),
        },
    )


@login_required
def board(request: HttpRequest, committee_id: int) -> HttpResponse:
    committee = _or_404(selectors.committee_get, user=request.user, pk=committee_id)
    return render(
        request, "direction/board.html", {"board": selectors.board(user=request.user, committee=committee)}
    )


# --- sessions ----------------------------------------------------------------------------------------------


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "direction/sessions.html",
        {
            "sessions": selectors.session_list(user=request.user)[:200],
            "can_create": rules.staffed_committees(request.user).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest) -> HttpResponse:
    committees = rules.staffed_committees(request.user)
    if not committees.exists():
        raise Http404
    form = SessionForm(request.POST or None, committees=committees)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(actor=request.user, **form.cleaned_data)
        except (DomainError, ValidationError) as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã ghi buổi làm việc."))
            return redirect("direction:session", session_id=session.pk)
    return render(request, "direction/form.html", {"form": form, "title": _("Ghi buổi làm việc, giao ban")})


@login_required
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _or_404(selectors.session_get, user=request.user, pk=session_id)
    tasks = selectors.task_list(user=request.user).filter(conclusion__session=session)
    return render(
        request,
        "direction/session.html",
        {
            "session": session,
            "conclusions": [
                (c, [t for t in tasks if t.conclusion_id == c.pk]) for c in session.conclusions.all()
            ],
            "can_direct": rules.may_direct(request.user, session.committee),
            "task_form": TaskForm(),
        },
    )


def _assign(request: HttpRequest, *, committee, conclusion=None, directive=None):
    form = TaskForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.task_assign(
                actor=request.user,
                committee=committee,
                assignee=data["assignee"],
                title=data["title"],
                description=data["description"],
                due_on=data["due_on"],
                conclusion=conclusion,
                directive=directive,
            )
        except (DomainError, ValidationError) as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã giao nhiệm vụ cho %(unit)s.") % {"unit": data["assignee"]})
            return None
    for field, errors in form.errors.items():
        for error in errors:
            messages.error(
                request, f"{form.fields[field].label if field in form.fields else ''} {error}".strip()
            )
    return None


@login_required
@require_POST
def conclusion_task(request: HttpRequest, session_id: int, conclusion_id: int) -> HttpResponse:
    session = _or_404(selectors.session_get, user=request.user, pk=session_id)
    conclusion = Conclusion.objects.filter(session=session, pk=conclusion_id).first()
    if conclusion is None:
        raise Http404
    _assign(request, committee=session.committee, conclusion=conclusion)
    return redirect("direction:session", session_id=session.pk)


# --- tasks -------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _or_404(selectors.task_get, user=request.user, pk=task_id)
    can_report = not task.is_closed() and access.can(request.user, task, "change")
    form = ProgressForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_report:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.task_report_progress(
                    actor=request.user,
                    task=task,
                    text=data["text"],
                    percent=data["percent"],
                    status=data["status"],
                    attachment=data["attachment"],
                )
            except (DomainError, ValidationError) as exc:
                apply_error(form, exc)
            else:
                messages.success(request, _("Đã báo cáo tiến độ."))
                return redirect("direction:task", task_id=task.pk)
    return render(
        request,
        "direction/task.html",
        {
            "task": task,
            "updates": task.updates.select_related("created_by"),
            "can_report": can_report,
            "can_cancel": not task.is_closed() and rules.may_direct(request.user, task.committee),
            "form": form,
            "cancel_form": CancelForm(),
        },
    )


@login_required
@require_POST
def task_cancel(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _or_404(selectors.task_get, user=request.user, pk=task_id)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.task_cancel(actor=request.user, task=task, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Đã hủy nhiệm vụ."))
    return redirect("direction:task", task_id=task.pk)


@login_required
def update_attachment(request: HttpRequest, task_id: int, update_id: int) -> FileResponse:
    task = _or_404(selectors.task_get, user=request.user, pk=task_id)
    update = task.updates.filter(pk=update_id).first()
    if update is None:
        raise Http404
    return _download(update.attachment, update.attachment_name, update.attachment_type)


# --- directives and plans ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def directive_list(request: HttpRequest) -> HttpResponse:
    committees = rules.staffed_committees(request.user)
    form = DirectiveForm(request.POST or None, request.FILES or None, committees=committees)
    if request.method == "POST":
        if not committees.exists():
            raise Http404
        if form.is_valid():
            try:
                directive = services.directive_create(actor=request.user, **form.cleaned_data)
            except (DomainError, ValidationError) as exc:
                apply_error(form, exc)
            else:
                messages.success(request, _("Đã ghi văn bản %(number)s.") % {"number": directive.number})
                return redirect("direction:directive", directive_id=directive.pk)
    return render(
        request,
        "direction/directives.html",
        {
            "directives": selectors.directive_list(user=request.user)[:200],
            "form": form if committees.exists() else None,
        },
    )


@login_required
def directive_detail(request: HttpRequest, directive_id: int) -> HttpResponse:
    directive = _or_404(selectors.directive_get, user=request.user, pk=directive_id)
    return render(
        request,
        "direction/directive.html",
        {
            "directive": directive,
            "tasks": selectors.task_list(user=request.user).filter(directive=directive),
            "can_direct": rules.may_direct(request.user, directive.committee),
            "task_form": TaskForm(),
        },
    )


@login_required
@require_POST
def directive_task(request: HttpRequest, directive_id: int) -> HttpResponse:
    directive: Directive = _or_404(selectors.directive_get, user=request.user, pk=directive_id)
    _assign(request, committee=directive.committee, directive=directive)
    return redirect("direction:directive", directive_id=directive.pk)


@login_required
def directive_document(request: HttpRequest, directive_id: int) -> FileResponse:
    directive = _or_404(selectors.directive_get, user=request.user, pk=directive_id)
    return _download(directive.document, directive.document_name, directive.document_type)


# --- peak campaigns ----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def campaign_list(request: HttpRequest) -> HttpResponse:
    committees = rules.staffed_committees(request.user)
    form = CampaignForm(request.POST or None, committees=committees)
    if request.method == "POST":
        if not committees.exists():
            raise Http404
        if form.is_valid():
            try:
                services.campaign_create(actor=request.user, **form.cleaned_data)
            except (DomainError, ValidationError) as exc:
                apply_error(form, exc)
            else:
                messages.success(request, _("Đã ghi đợt cao điểm."))
                return redirect("direction:campaigns")
    return render(
        request,
        "direction/campaigns.html",
        {
            "campaigns": selectors.campaign_list(user=request.user),
            "form": form if committees.exists() else None,
        },
    )
