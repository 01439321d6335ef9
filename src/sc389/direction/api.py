"""The direction routes of /api/v1/direction/ (scoped like the web pages): parse, selector or service, render.

Reads outside the caller's scope answer 404; writes by someone who is not the committee's staff (or, for
progress, not the assigned unit) answer 403.
"""

from django.http import FileResponse
from django.utils.translation import gettext_lazy as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from sc389.core.errors import DomainError, NotFound
from sc389.org import selectors as org_selectors
from sc389.org.models import Committee

from . import selectors, services
from .models import Conclusion, Directive
from .schemas import (
    BoardOut,
    CampaignIn,
    CampaignOut,
    DirectiveIn,
    DirectiveOut,
    ProgressIn,
    SessionIn,
    SessionOut,
    SessionSummaryOut,
    TaskDetailOut,
    TaskIn,
    TaskOut,
    TaskUpdateOut,
)

router = Router(tags=["direction"])


def _committee(pk: int) -> Committee:
    found = Committee.objects.filter(pk=pk).first()
    if found is None:
        raise DomainError(
            "invalid_reference", _("Không tìm thấy Ban Chỉ đạo số %(id)s.") % {"id": pk}, field="committee"
        )
    return found


def _unit(pk: int, field: str):
    try:
        return org_selectors.unit_get(pk=pk)
    except NotFound:
        raise DomainError(
            "invalid_reference", _("Không tìm thấy đơn vị số %(id)s.") % {"id": pk}, field=field
        ) from None


def _with_tasks(request, directive):
    directive.visible_tasks = list(selectors.task_list(user=request.auth).filter(directive=directive))
    return directive


# ---- sessions ----------------------------------------------------------------------------------------------


@router.get("/sessions", response=list[SessionSummaryOut])
def session_list(request, committee: int | None = None):
    return list(selectors.session_list(user=request.auth, committee=committee)[:500])


@router.post("/sessions", response={201: SessionOut})
def session_create(request, payload: SessionIn):
    session = services.session_create(
        actor=request.auth,
        committee=_committee(payload.committee),
        kind=payload.kind,
        held_on=payload.held_on,
        title=payload.title,
        place_text=payload.place_text,
        chaired_by=payload.chaired_by,
        participants_text=payload.participants_text,
        participant_units=[_unit(pk, "participant_units") for pk in payload.participant_units],
        conclusions=payload.conclusions,
    )
    return Status(201, session)


@router.get("/sessions/{session_id}", response=SessionOut)
def session_get(request, session_id: int):
    return selectors.session_get(user=request.auth, pk=session_id)


# ---- tasks -------------------------------------------------------------------------------------------------


@router.get("/tasks", response=list[TaskOut])
def task_list(
    request,
    committee: int | None = None,
    assignee: int | None = None,
    status: str | None = None,
    mine: bool = False,
    q: str = "",
):
    """`q`: words of the title, text, conclusion or assigned unit (diacritics ignored), within scope."""
    if mine:
        return list(selectors.my_tasks(user=request.auth, q=q)[:1000])
    qs = selectors.task_list(user=request.auth, committee=committee, assignee=assignee, status=status, q=q)
    return list(qs[:1000])


@router.post("/tasks", response={201: TaskOut})
def task_assign(request, payload: TaskIn):
    conclusion = directive = None
    if payload.conclusion is not None:
        conclusion = Conclusion.objects.select_related("session").filter(pk=payload.conclusion).first()
        if conclusion is None:
            raise DomainError("invalid_reference", _("Không tìm thấy kết luận."), field="conclusion")
    if payload.directive is not None:
        directive = Directive.objects.filter(pk=payload.directive).first()
        if directive is None:
            raise DomainError("invalid_reference", _("Không tìm thấy văn bản."), field="directive")
    task = services.task_assign(
        actor=request.auth,
        committee=_committee(payload.committee),
        assignee=_unit(payload.assignee, "assignee"),
        title=payload.title,
        description=payload.description,
        due_on=payload.due_on,
        conclusion=conclusion,
        directive=directive,
    )
    return Status(201, task)


@router.get("/tasks/{task_id}", response=TaskDetailOut)
def task_get(request, task_id: int):
    return selectors.task_get(user=request.auth, pk=task_id)


@router.post("/tasks/{task_id}/progress", response={201: TaskUpdateOut})
def task_report_progress(request, task_id: int, payload: ProgressIn):
    task = selectors.task_get(
        user=request.auth, pk=task_id
    )  # 404 outside scope, then 403 if not the assignee
    update = services.task_report_progress(
        actor=request.auth, task=task, text=payload.text, percent=payload.percent, status=payload.status
    )
    return Status(201, update)


@router.post("/tasks/{task_id}/progress/upload", response={201: TaskUpdateOut})
def task_report_progress_upload(
    request, task_id: int, payload: Form[ProgressIn], attachment: File[UploadedFile] = None
):
    """Progress with a document or photo (multipart: `text`, `percent`, `status`, `attachment`), checked as on
    the web (PDF, DOCX, JPEG, PNG, WebP by their first bytes, within ATTACHMENT_MAX_BYTES)."""
    task = selectors.task_get(user=request.auth, pk=task_id)
    update = services.task_report_progress(
        actor=request.auth,
        task=task,
        text=payload.text,
        percent=payload.percent,
        status=payload.status,
        attachment=attachment,
    )
    return Status(201, update)


@router.get("/tasks/{task_id}/updates/{update_id}/attachment", url_name="direction_update_attachment")
def task_update_attachment(request, task_id: int, update_id: int) -> FileResponse:
    """A progress report's file, to whoever may see the task (404 otherwise); a download, never sniffed."""
    update = selectors.task_update_get(user=request.auth, task_id=task_id, pk=update_id)
    if not update.attachment:
        raise NotFound()
    response = FileResponse(
        update.attachment.open("rb"),
        as_attachment=True,
        filename=update.attachment_name,
        content_type=update.attachment_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@router.get("/boards/{committee_id}", response=BoardOut)
def board(request, committee_id: int):
    committee = selectors.committee_get(user=request.auth, pk=committee_id)
    return selectors.board(user=request.auth, committee=committee)


# ---- directives and plans ----------------------------------------------------------------------------------


@router.get("/directives", response=list[DirectiveOut])
def directive_list(request, committee: int | None = None):
    return [
        _with_tasks(request, d)
        for d in selectors.directive_list(user=request.auth, committee=committee)[:500]
    ]


@router.post("/directives", response={201: DirectiveOut})
def directive_create(request, payload: DirectiveIn):
    directive = services.directive_create(
        actor=request.auth,
        committee=_committee(payload.committee),
        kind=payload.kind,
        number=payload.number,
        issued_on=payload.issued_on,
        title=payload.title,
    )
    return Status(201, _with_tasks(request, directive))


@router.get("/directives/{directive_id}", response=DirectiveOut)
def directive_get(request, directive_id: int):
    return _with_tasks(request, selectors.directive_get(user=request.auth, pk=directive_id))


# ---- peak campaigns ----------------------------------------------------------------------------------------


@router.get("/campaigns", response=list[CampaignOut])
def campaign_list(request):
    return list(selectors.campaign_list(user=request.auth)[:500])


@router.post("/campaigns", response={201: CampaignOut})
def campaign_create(request, payload: CampaignIn):
    campaign = services.campaign_create(
        actor=request.auth,
        committee=_committee(payload.committee),
        name=payload.name,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        basis=payload.basis,
    )
    return Status(201, campaign)
