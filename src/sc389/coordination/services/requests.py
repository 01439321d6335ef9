import datetime as dt

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from sc389.cases.models import Case
from sc389.cases.services import case_share
from sc389.cases.services.parts import check_upload, upload_sha256
from sc389.core import access, audit
from sc389.core.text import fold_words, nfc
from sc389.notifications.services import notify
from sc389.org.choices import CommitteeLevel
from sc389.org.models import Committee, Unit

from .. import rules
from ..choices import RequestKind, RequestStatus
from ..errors import CoordinationErrorCode, error
from ..handover import case_hand_over
from ..models import Reply, ReplyAttachment, Request
from .common import stored_language

AUDITED = [
    "kind",
    "from_unit_id",
    "to_unit_id",
    "subject",
    "body",
    "case_id",
    "deadline",
    "status",
    "escalated_to_id",
]


def _link(req: Request) -> str:
    return reverse("coordination:request_detail", args=[req.pk])


@transaction.atomic
def request_create(
    *,
    actor,
    kind: str,
    from_unit: Unit,
    to_unit: Unit,
    subject: str,
    deadline: dt.date,
    body: str = "",
    case: Case | None = None,
    today: dt.date | None = None,
) -> Request:
    """Ask another unit to verify, take over a case or join an operation, by a deadline.

    A case named by the request is shared (read only) with the receiving unit so it can answer; a take-over
    needs the right to change the case, which `from_unit` must lead.
    """
    if not rules.may_act_for_unit(actor, from_unit.pk):
        raise error(CoordinationErrorCode.NOT_ALLOWED, status=403)
    if deadline < (today or timezone.localdate()):
        raise error(CoordinationErrorCode.BAD_DEADLINE, field="deadline")
    if case is not None and not access.can(actor, case, "view"):
        raise error(CoordinationErrorCode.BAD_CASE, field="case")
    if kind == RequestKind.TAKE_OVER_CASE and (
        case is None or case.lead_unit_id != from_unit.pk or not access.can(actor, case, "change")
    ):
        raise error(CoordinationErrorCode.BAD_CASE, field="case")
    req = Request(
        kind=RequestKind(kind),
        from_unit=from_unit,
        to_unit=to_unit,
        subject=nfc(subject),
        body=body.strip(),
        case=case,
        deadline=deadline,
        created_by=actor,
    )
    req.search_folded = fold_words(f"{req.subject} {req.body}")
    req.full_clean(exclude=["search_folded"])
    req.save()
    if case is not None:
        with stored_language():  # kept texts are in the default language, not the actor's
            case_share(
                case=case,
                actor=actor,
                unit=to_unit,
                note=_("Theo yêu cầu phối hợp: %(s)s") % {"s": req.subject},
            )
    audit.record(
        actor=actor, verb="request.created", target=req, changes=audit.diff({}, audit.snapshot(req, AUDITED))
    )
    notify(
        rules.unit_people({to_unit.pk}),
        kind="request.created",
        title=gettext_noop("Yêu cầu mới từ %(unit)s: %(subject)s"),
        body=gettext_noop("Hạn trả lời: %(date)s"),
        params={"unit": str(from_unit), "subject": req.subject, "date": deadline.strftime("%d/%m/%Y")},
        link=_link(req),
        actor=actor,
    )
    return req


def _locked(req: Request) -> Request:
    return Request.objects.select_for_update().get(pk=req.pk)


def _other_side_people(req: Request, sides: set[str]):
    unit_ids = {req.from_unit_id, req.to_unit_id} - ({req.from_unit_id} if "from" in sides else set())
    if "to" in sides:
        unit_ids.discard(req.to_unit_id)
    return rules.unit_people(unit_ids)


@transaction.atomic
def reply_add(*, request: Request, actor, body: str, files: list[UploadedFile] | None = None) -> Reply:
    """A message in the thread, with attachments; the receiving side's first reply answers an open request
    (except a take-over, answered by accepting or declining it)."""
    req = _locked(request)
    sides = rules.request_sides(actor, req)
    if not sides:
        raise error(CoordinationErrorCode.NOT_ALLOWED, status=403)
    if not body.strip():
        raise error(CoordinationErrorCode.EMPTY, field="body")
    checked = [(f, check_upload(f)) for f in files or []]  # all refused before anything is written
    reply = Reply.objects.create(request=req, author=actor, body=body.strip())
    names = []
    for upload, content_type in checked:
        attachment = ReplyAttachment(
            reply=reply,
            original_name=upload.name[:255],
            content_type=content_type,
            size=upload.size,
            sha256=upload_sha256(upload),
        )
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()
        names.append(attachment.original_name)
    before = req.status
    # A take-over stays open through the talk: only accepting or declining it answers it.
    if "to" in sides and req.status == RequestStatus.OPEN and req.kind != RequestKind.TAKE_OVER_CASE:
        req.status = RequestStatus.ANSWERED
        req.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        verb="request.replied",
        target=req,
        changes={"status": [before, req.status]} if before != req.status else {},
        data={"reply": reply.pk, "attachments": names},
    )
    notify(
        _other_side_people(req, sides).exclude(pk=actor.pk),
        kind="request.replied",
        title=gettext_noop("Trả lời mới về yêu cầu: %(subject)s"),
        params={"subject": req.subject},
        link=_link(req),
        actor=actor,
    )
    return reply


def _set_status(req: Request, *, actor, status: str, verb: str, note: str = "") -> Request:
    before = req.status
    req.status = status
    req.save(update_fields=["status", "updated_at"])
    if note:
        Reply.objects.create(request=req, author=actor, body=note)
    audit.record(
        actor=actor, verb=verb, target=req, changes={"status": [before, status]}, data={"note": note}
    )
    return req


@transaction.atomic
def request_decline(*, request: Request, actor, reason: str) -> Request:
    """The receiving unit declines, with its reason."""
    req = _locked(request)
    if "to" not in rules.request_sides(actor, req):
        raise error(CoordinationErrorCode.NOT_ALLOWED, status=403)
    if not req.is_open():
        raise error(CoordinationErrorCode.NOT_OPEN)
    if not reason.strip():
        raise error(CoordinationErrorCode.EMPTY, field="reason")
    _set_status(req, actor=actor, status=RequestStatus.DECLINED, verb="request.declined", note=reason.strip())
    notify(
        rules.unit_people({req.from_unit_id}),
        kind="request.declined",
        title=gettext_noop("%(unit)s từ chối yêu cầu: %(subject)s"),
        params={"unit": str(req.to_unit), "subject": req.subject},
        link=_link(req),
        actor=actor,
    )
    return req


@transaction.atomic
def request_close(*, request: Request, actor) -> Request:
    """The asking unit closes the request (settled, or no longer needed)."""
    req = _locked(request)
    if "from" not in rules.request_sides(actor, req):
        raise error(CoordinationErrorCode.NOT_ALLOWED, status=403)
    if req.status == RequestStatus.CLOSED:
        raise error(CoordinationErrorCode.NOT_OPEN)
    return _set_status(req, actor=actor, status=RequestStatus.CLOSED, verb="request.closed")


@transaction.atomic
def request_accept_handover(*, request: Request, actor) -> Request:
    """The receiving unit takes the case over: the case's lead moves to it (see coordination.handover)."""
    req = _locked(request)
    if "to" not in rules.request_sides(actor, req):
        raise error(CoordinationErrorCode.NOT_ALLOWED, status=403)
    if req.kind != RequestKind.TAKE_OVER_CASE:
        raise error(CoordinationErrorCode.NOT_HANDOVER)
    if not req.is_open():
        raise error(CoordinationErrorCode.NOT_OPEN)
    case = Case.objects.get(pk=req.case_id)
    if case.lead_unit_id != req.from_unit_id:
        raise error(CoordinationErrorCode.HANDOVER_MOVED)
    case_hand_over(case=case, to_unit=req.to_unit, actor=actor, reason=req.subject, request=req)
    with stored_language():  # kept texts are in the default language, not the actor's
        _set_status(
            req,
            actor=actor,
            status=RequestStatus.ANSWERED,
            verb="request.handover_accepted",
            note=_("Đã tiếp nhận vụ việc %(ref)s.") % {"ref": case.reference},
        )
    notify(
        rules.unit_people({req.from_unit_id}),
        kind="request.handover_accepted",
        title=gettext_noop("%(unit)s đã tiếp nhận vụ việc %(ref)s"),
        params={"unit": str(req.to_unit), "ref": case.reference},
        link=_link(req),
        actor=actor,
    )
    return req


def _escalation_committee(req: Request) -> Committee | None:
    return rules.province_committee(req.to_unit.home_province_id) or _national()


def _national() -> Committee | None:
    return Committee.objects.filter(level=CommitteeLevel.NATIONAL).first()


def _escalate(req: Request, committee: Committee, *, actor=None, reason: str = "") -> Request:
    """Put the request before `committee` (audited) and tell its leaders and admins and both units."""
    before = req.escalated_to_id
    req.escalated_to = committee
    req.escalated_at = timezone.now()
    req.save(update_fields=["escalated_to", "escalated_at", "updated_at"])
    audit.record(
        actor=actor,
        verb="request.escalated",
        target=req,
        changes={"escalated_to_id": [before, committee.pk]},
        data={"deadline": req.deadline, "committee": committee.pk, "reason": reason},
    )
    people = rules.committee_people(committee) | rules.unit_people({req.from_unit_id, req.to_unit_id})
    if actor is not None:
        people = people.exclude(pk=actor.pk)
    notify(
        people.distinct(),
        kind="request.escalated",
        title=gettext_noop("Yêu cầu quá hạn chuyển %(committee)s: %(subject)s"),
        body=gettext_noop("Hạn trả lời: %(date)s"),
        params={
            "committee": str(committee),
            "subject": req.subject,
            "date": req.deadline.strftime("%d/%m/%Y"),
        },
        link=_link(req),
        actor=actor,
    )
    return req


@transaction.atomic
def request_escalate(*, request: Request, actor, reason: str = "", today: dt.date | None = None) -> Request:
    """Escalate an open request by hand, one level up (coordination.rules.may_escalate says who may):

    not yet escalated and past its deadline → the committee over the receiving unit's province (as the daily
    run does); escalated to a provincial committee → the national committee. The national standing office
    takes an overdue request straight to the national committee.
    """
    req = _locked(request)
    national = _national()
    at_top = national is not None and req.escalated_to_id == national.pk
    if not at_top and not rules.may_escalate(actor, req):
        raise error(CoordinationErrorCode.NOT_ALLOWED, status=403)
    if at_top and not rules.request_sides(actor, req):
        raise error(CoordinationErrorCode.NOT_ALLOWED, status=403)
    if not req.is_open():
        raise error(CoordinationErrorCode.NOT_OPEN)
    if at_top:
        raise error(CoordinationErrorCode.TOP_LEVEL)
    if req.escalated_to_id is None and req.deadline >= (today or timezone.localdate()):
        raise error(CoordinationErrorCode.NOT_OVERDUE)
    if req.escalated_to_id is not None or rules.is_national_office(actor):
        target = national
    else:
        target = _escalation_committee(req)
    if target is None:
        raise error(CoordinationErrorCode.NO_COMMITTEE)
    return _escalate(req, target, actor=actor, reason=nfc(reason))


@transaction.atomic
def requests_escalate(*, today: dt.date | None = None) -> int:
    """Escalate each open request past its deadline to the committee over the receiving unit's province (the
    national committee when it has none), once; tells that committee's leaders and admins and both units."""
    today = today or timezone.localdate()
    overdue = Request.objects.select_for_update().filter(
        status=RequestStatus.OPEN, deadline__lt=today, escalated_at__isnull=True
    )
    count = 0
    for req in overdue.select_related("to_unit", "from_unit"):
        committee = _escalation_committee(req)
        if committee is None:
            continue
        _escalate(req, committee)
        count += 1
    return count
