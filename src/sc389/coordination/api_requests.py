"""The coordination routes for requests, sharing groups, case networks and search (mounted by api.py)."""

from django.urls import reverse
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from sc389.cases import selectors as case_selectors
from sc389.org import selectors as org_selectors

from . import selectors, services
from .api_common import LIMIT
from .api_common import choice as _choice
from .api_common import ref as _ref
from .choices import RequestKind
from .files import download
from .models import CaseNetwork, Request, SharingGroup
from .schemas import (
    DeclineIn,
    EscalateIn,
    GroupIn,
    GroupMembersIn,
    GroupOut,
    NetworkCaseIn,
    NetworkIn,
    NetworkOut,
    NetworkRowOut,
    ReplyIn,
    RequestIn,
    RequestOut,
    SearchOut,
)

router = Router(tags=["coordination"])


def _bulletin_row(b) -> dict:
    return {
        "id": b.pk,
        "author_unit_name": b.author_unit.name,
        "title": b.title,
        "sensitivity": b.sensitivity,
        "published_at": b.published_at,
        "status": b.status,
        "version": b.version,
    }


# ---- sharing groups -----------------------------------------------------------------------------------------


def _group_out(request, g: SharingGroup) -> dict:
    members = selectors.sharing_group_members(user=request.user, group=g)
    return {
        "id": g.pk,
        "name": g.name,
        "description": g.description,
        "owner_committee": g.owner_committee_id,
        "members": None if members is None else [{"id": u.pk, "name": u.name} for u in members],
    }


@router.get("/groups", response=list[GroupOut])
def group_list(request):
    return [_group_out(request, g) for g in selectors.sharing_group_list(user=request.user)[:LIMIT]]


@router.post("/groups", response={201: GroupOut})
def group_create(request, payload: GroupIn):
    committee = _ref(org_selectors.committee_get, payload.owner_committee, "owner_committee")
    units = [_ref(org_selectors.unit_get, pk, "units") for pk in payload.units]
    group = services.sharing_group_create(
        actor=request.user,
        owner_committee=committee,
        name=payload.name,
        description=payload.description,
        units=units,
    )
    return Status(201, _group_out(request, group))


@router.get("/groups/{group_id}", response=GroupOut)
def group_get(request, group_id: int):
    return _group_out(request, selectors.sharing_group_get(user=request.user, pk=group_id))


@router.put("/groups/{group_id}/members", response=GroupOut)
def group_set_members(request, group_id: int, payload: GroupMembersIn):
    group = selectors.sharing_group_get(user=request.user, pk=group_id)
    units = [_ref(org_selectors.unit_get, pk, "units") for pk in payload.units]
    return _group_out(
        request, services.sharing_group_set_members(actor=request.user, group=group, units=units)
    )


# ---- requests -----------------------------------------------------------------------------------------------


def _file_out(a) -> dict:
    return {
        "id": a.pk,
        "name": a.original_name,
        "content_type": a.content_type,
        "size": a.size,
        "sha256": a.sha256,
        "url": reverse(
            "api:coordination_reply_attachment",
            kwargs={"request_id": a.reply.request_id, "attachment_id": a.pk},
        ),
    }


def _request_out(r: Request) -> dict:
    return {
        "id": r.pk,
        "kind": r.kind,
        "from_unit": r.from_unit_id,
        "to_unit": r.to_unit_id,
        "subject": r.subject,
        "body": r.body,
        "case": r.case_id,
        "deadline": r.deadline,
        "status": r.status,
        "escalated_to": r.escalated_to_id,
        "replies": [
            {
                "id": reply.pk,
                "author": reply.author.get_full_name() or reply.author.get_username(),
                "body": reply.body,
                "created_at": reply.created_at,
                "attachments": [a.original_name for a in reply.attachments.all()],
                "files": [_file_out(a) for a in reply.attachments.all()],
            }
            for reply in r.replies.select_related("author").prefetch_related("attachments")
        ],
    }


@router.get("/requests", response=list[RequestOut])
def request_list(request, q: str = "", status: str = ""):
    return [
        _request_out(r) for r in selectors.request_list(user=request.user, q=q, status=status or None)[:LIMIT]
    ]


@router.post("/requests", response={201: RequestOut})
def request_create(request, payload: RequestIn):
    req = services.request_create(
        actor=request.user,
        kind=_choice(payload.kind, RequestKind, "kind"),
        from_unit=_ref(org_selectors.unit_get, payload.from_unit, "from_unit"),
        to_unit=_ref(org_selectors.unit_get, payload.to_unit, "to_unit"),
        subject=payload.subject,
        body=payload.body,
        deadline=payload.deadline,
        case=None
        if payload.case is None
        else _ref(case_selectors.case_get, payload.case, "case", user=request.user),
    )
    return Status(201, _request_out(req))


@router.get("/requests/{request_id}", response=RequestOut)
def request_get(request, request_id: int):
    return _request_out(selectors.request_get(user=request.user, pk=request_id))


@router.post("/requests/{request_id}/replies", response={201: RequestOut})
def request_reply(request, request_id: int, payload: ReplyIn):
    req = selectors.request_get(user=request.user, pk=request_id)
    services.reply_add(request=req, actor=request.user, body=payload.body)
    return Status(201, _request_out(selectors.request_get(user=request.user, pk=request_id)))


@router.post("/requests/{request_id}/replies/upload", response={201: RequestOut})
def request_reply_upload(
    request, request_id: int, payload: Form[ReplyIn], files: File[list[UploadedFile]] = None
):
    """A reply with attachments (multipart: `body`, `files`), checked as on the web: PDF, images, DOCX by
    their first bytes, within ATTACHMENT_MAX_BYTES; stored under their SHA-256."""
    req = selectors.request_get(user=request.user, pk=request_id)
    services.reply_add(request=req, actor=request.user, body=payload.body, files=list(files or []))
    return Status(201, _request_out(selectors.request_get(user=request.user, pk=request_id)))


@router.get(
    "/requests/{request_id}/attachments/{attachment_id}",
    url_name="coordination_reply_attachment",
)
def request_attachment(request, request_id: int, attachment_id: int):
    """A reply's file, to those who may see the request only; always a download, never sniffed."""
    found = selectors.reply_attachment_get(user=request.user, request_id=request_id, pk=attachment_id)
    return download(found.file, found.original_name, found.content_type)


@router.post("/requests/{request_id}/escalate", response=RequestOut)
def request_escalate(request, request_id: int, payload: EscalateIn):
    """Escalate one level up by hand (the asking unit when overdue, the committee it went to, the national
    standing office)."""
    req = selectors.request_get(user=request.user, pk=request_id)
    return _request_out(services.request_escalate(request=req, actor=request.user, reason=payload.reason))


@router.post("/requests/{request_id}/decline", response=RequestOut)
def request_decline(request, request_id: int, payload: DeclineIn):
    req = selectors.request_get(user=request.user, pk=request_id)
    return _request_out(services.request_decline(request=req, actor=request.user, reason=payload.reason))


@router.post("/requests/{request_id}/close", response=RequestOut)
def request_close(request, request_id: int):
    req = selectors.request_get(user=request.user, pk=request_id)
    return _request_out(services.request_close(request=req, actor=request.user))


@router.post("/requests/{request_id}/accept", response=RequestOut)
def request_accept(request, request_id: int):
    req = selectors.request_get(user=request.user, pk=request_id)
    return _request_out(services.request_accept_handover(request=req, actor=request.user))


# ---- case networks ------------------------------------------------------------------------------------------


def _network_out(request, n: CaseNetwork) -> dict:
    return {
        "id": n.pk,
        "name": n.name,
        "description": n.description,
        "timeline": [
            {"day": e.day, "event": e.event, "province": e.province.name, "case": e.case}
            for e in selectors.network_timeline(user=request.user, network=n)
        ],
    }


@router.get("/networks", response=list[NetworkRowOut])
def network_list(request):
    return list(selectors.network_list(user=request.user)[:LIMIT])


@router.post("/networks", response={201: NetworkOut})
def network_create(request, payload: NetworkIn):
    cases = [_ref(case_selectors.case_get, pk, "cases", user=request.user) for pk in payload.cases]
    network = services.case_network_create(
        actor=request.user, name=payload.name, description=payload.description, cases=cases
    )
    return Status(201, _network_out(request, network))


@router.get("/networks/{network_id}", response=NetworkOut)
def network_get(request, network_id: int):
    return _network_out(request, selectors.network_get(user=request.user, pk=network_id))


@router.post("/networks/{network_id}/cases", response={201: NetworkOut})
def network_add_case(request, network_id: int, payload: NetworkCaseIn):
    network = selectors.network_get(user=request.user, pk=network_id)
    case = _ref(case_selectors.case_get, payload.case, "case", user=request.user)
    services.case_network_add_case(actor=request.user, network=network, case=case)
    return Status(201, _network_out(request, network))


# ---- search -------------------------------------------------------------------------------------------------


@router.get("/search", response=SearchOut)
def search(request, q: str):
    found = selectors.search(user=request.user, q=q)
    return {
        "bulletins": [_bulletin_row(b) for b in found.bulletins],
        "requests": [_request_out(r) for r in found.requests],
    }
