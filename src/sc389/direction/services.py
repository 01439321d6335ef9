"""Every write of direction: sessions and conclusions, directives, tasks, progress reports, campaigns, reminders.

Each checks the actor's right, validates, and writes its audit row in the same transaction; notices to the
assigned units go out through direction.notify (queued on commit by the notifications app).
"""

import datetime as dt

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_noop

from sc389.cases.services.parts import check_upload, upload_sha256
from sc389.core import access, audit
from sc389.core.errors import DomainError
from sc389.core.text import fold_words, nfc
from sc389.org.models import Committee, Unit

from . import notify, rules
from .choices import TaskStatus
from .errors import MESSAGES, DirectionErrorCode
from .models import Campaign, Conclusion, Directive, Reminder, Task, TaskUpdate, WorkingSession

# Reminders go out this many days before a task's deadline (once each), then once when it is overdue.
REMINDER_DAYS = (7, 3, 1)
OVERDUE = -1
DIRECTIVE_AUDITED = ["committee_id", "kind", "number", "issued_on", "title", "document_name", "sha256"]
# A task's audited values: all but the folded search words, which only repeat the texts.
TASK_AUDITED = [f.attname for f in Task._meta.concrete_fields if f.name != "search_folded"]


def _error(code: str, status: int = 400, field: str | None = None) -> DomainError:
    return DomainError(code, MESSAGES[code], status=status, field=field)


def _ensure_staff(actor, committee: Committee) -> None:
    if not rules.may_direct(actor, committee):
        raise _error(DirectionErrorCode.NOT_STAFF, status=403)


def _fold(task: Task) -> None:
    # Every write of a task's texts refolds them; conclusions, the other text copied, are never reworded.
    task.search_folded = fold_words(task.searchable_text())


def _stored(upload: UploadedFile) -> tuple[str, str]:
    """(content type, sha256) of a checked upload: PDF, DOCX or a photo, within the size limit."""
    return check_upload(upload), upload_sha256(upload)


@transaction.atomic
def session_create(
    *,
    actor,
    committee: Committee,
    held_on: dt.date,
    title: str,
    kind: str = "session",
    place_text: str = "",
    chaired_by: str = "",
    participants_text: str = "",
    participant_units: list[Unit] | None = None,
    conclusions: list[str] | None = None,
) -> WorkingSession:
    """Record a working session or briefing of `committee` with its numbered conclusions."""
    _ensure_staff(actor, committee)
    session = WorkingSession(
        committee=committee,
        kind=kind,
        held_on=held_on,
        title=nfc(title).strip(),
        place_text=nfc(place_text).strip(),
        chaired_by=nfc(chaired_by).strip(),
        participants_text=nfc(participants_text).strip(),
        created_by=actor,
    )
    session.full_clean()
    session.save()
    session.participant_units.set(participant_units or [])
    texts = [nfc(t).strip() for t in conclusions or [] if t and t.strip()]
    for number, text in enumerate(texts, start=1):
        Conclusion.objects.create(session=session, number=number, text=text)
    audit.record(
        actor=actor,
        verb="direction.session_created",
        target=session,
        changes=audit.diff({}, audit.snapshot(session)),
        data={"conclusions": len(texts), "participant_units": [u.pk for u in participant_units or []]},
    )
    return session


@transaction.atomic
def conclusion_add(*, actor, session: WorkingSession, text: str) -> Conclusion:
    _ensure_staff(actor, session.committee)
    number = (session.conclusions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    conclusion = Conclusion(session=session, number=number, text=nfc(text).strip())
    conclusion.full_clean()
    conclusion.save()
    audit.record(
        actor=actor,
        verb="direction.conclusion_added",
        target=session,
        data={"conclusion": conclusion.pk, "number": number, "text": conclusion.text},
    )
    return conclusion


@transaction.atomic
def directive_create(
    *,
    actor,
    committee: Committee,
    number: str,
    issued_on: dt.date,
    title: str,
    kind: str = "directive",
    document: UploadedFile | None = None,
) -> Directive:
    """Record a directive, plan or notice of conclusions, with its signed document (PDF or DOCX) if given."""
    _ensure_staff(actor, committee)
    directive = Directive(
        committee=committee,
        kind=kind,
        number=nfc(number).strip(),
        issued_on=issued_on,
        title=nfc(title).strip(),
        created_by=actor,
    )
    if document is not None:
        directive.document_type, directive.sha256 = _stored(document)
        directive.document_name = document.name[:255]
    directive.full_clean(exclude=["document"])
    if document is not None:
        directive.document.save(document.name, document, save=False)
    directive.save()
    audit.record(
        actor=actor,
        verb="direction.directive_created",
        target=directive,
        # The file itself is named by its hash; an empty FileField cannot be snapshotted as a value.
        changes=audit.diff({}, audit.snapshot(directive, DIRECTIVE_AUDITED)),
    )
    return directive


@transaction.atomic
def task_assign(
    *,
    actor,
    committee: Committee,
    assignee: Unit,
    title: str,
    due_on: dt.date,
    description: str = "",
    conclusion: Conclusion | None = None,
    directive: Directive | None = None,
) -> Task:
    """Give a member unit a task with a deadline, from a conclusion or a directive of the same committee."""
    _ensure_staff(actor, committee)
    for source in (conclusion.session if conclusion else None, directive):
        if source is not None and source.committee_id != committee.pk:
            raise _error(
                DirectionErrorCode.WRONG_COMMITTEE, field="conclusion" if conclusion else "directive"
            )
    task = Task(
        committee=committee,
        assignee=assignee,
        title=nfc(title).strip(),
        description=nfc(description).strip(),
        due_on=due_on,
        conclusion=conclusion,
        directive=directive,
        created_by=actor,
    )
    _fold(task)
    task.full_clean()
    task.save()
    audit.record(
        actor=actor,
        verb="direction.task_assigned",
        target=task,
        changes=audit.diff({}, audit.snapshot(task, TASK_AUDITED)),
    )
    notify.send(
        recipients=rules.unit_members(assignee),
        kind="direction.task_assigned",
        title=gettext_noop("Nhiệm vụ mới: %(title)s (hạn %(due)s)"),
        params={"title": task.title, "due": f"{due_on:%d/%m/%Y}"},
        body_text=task.description,
        link=reverse("direction:task", args=[task.pk]),
        actor=actor,
    )
    return task


@transaction.atomic
def task_edit(*, actor, task: Task, title: str, description: str = "") -> Task:
    """The committee rewords a task (a corrected title, a clearer text); the old wording stays in the audit."""
    _ensure_staff(actor, task.committee)
    before = audit.snapshot(task, ["title", "description"])
    task.title, task.description = nfc(title).strip(), nfc(description).strip()
    _fold(task)
    task.full_clean()
    task.save(update_fields=["title", "description", "search_folded", "updated_at"])
    audit.record(
        actor=actor,
        verb="direction.task_edited",
        target=task,
        changes=audit.diff(before, audit.snapshot(task, ["title", "description"])),
    )
    return task


@transaction.atomic
def task_report_progress(
    *,
    actor,
    task: Task,
    text: str,
    percent: int,
    status: str | None = None,
    attachment: UploadedFile | None = None,
) -> TaskUpdate:
    """The assigned unit reports what it did; the task takes the reported percent and status."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    if not access.scope(Task.objects.filter(pk=task.pk), user=actor, action="change").exists():
        raise _error(DirectionErrorCode.NOT_ASSIGNEE, status=403)
    if task.is_closed():
        raise _error(DirectionErrorCode.TASK_CLOSED)
    status = status or (TaskStatus.DONE if percent >= 100 else TaskStatus.IN_PROGRESS)
    update = TaskUpdate(task=task, text=nfc(text).strip(), percent=percent, status=status, created_by=actor)
    if attachment is not None:
        update.attachment_type, update.sha256 = _stored(attachment)
        update.attachment_name = attachment.name[:255]
    update.full_clean(exclude=["attachment"])
    if attachment is not None:
        update.attachment.save(attachment.name, attachment, save=False)
    update.save()
    before = audit.snapshot(task, ["status", "percent"])
    task.status, task.percent = status, percent
    task.full_clean()
    task.save(update_fields=["status", "percent", "updated_at"])
    audit.record(
        actor=actor,
        verb="direction.task_progress_reported",
        target=task,
        changes=audit.diff(before, audit.snapshot(task, ["status", "percent"])),
        data={"update": update.pk, "attachment": update.sha256},
    )
    return update


@transaction.atomic
def task_cancel(*, actor, task: Task, reason: str) -> Task:
    """The committee withdraws a task (superseded, merged into another); the reason is kept in the audit."""
    _ensure_staff(actor, task.committee)
    before = audit.snapshot(task, ["status"])
    task.status = TaskStatus.CANCELLED
    task.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        verb="direction.task_cancelled",
        target=task,
        changes=audit.diff(before, {"status": task.status}),
        data={"reason": nfc(reason).strip()},
    )
    return task


@transaction.atomic
def campaign_create(
    *, actor, committee: Committee, name: str, starts_on: dt.date, ends_on: dt.date, basis: str = ""
) -> Campaign:
    """Declare a peak campaign over any two dates (15/5–15/6/2025); reports can then select its period."""
    _ensure_staff(actor, committee)
    campaign = Campaign(
        committee=committee,
        name=nfc(name).strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        basis=nfc(basis).strip(),
        created_by=actor,
    )
    campaign.full_clean()
    campaign.save()
    audit.record(
        actor=actor,
        verb="direction.campaign_created",
        target=campaign,
        changes=audit.diff({}, audit.snapshot(campaign)),
    )
    return campaign


def reminder_threshold(days_left: int) -> int | None:
    """Which reminder a task `days_left` from its deadline is due: the smallest of REMINDER_DAYS not below it
    (a missed day still sends it), OVERDUE past the deadline, None when it is still far."""
    if days_left < 0:
        return OVERDUE
    fitting = [d for d in REMINDER_DAYS if days_left <= d]
    return min(fitting) if fitting else None


@transaction.atomic
def reminders_send(*, today: dt.date | None = None) -> int:
    """Remind the assigned units of open tasks before each deadline threshold and once when overdue.

    Idempotent: a Reminder row per (task, threshold) means running it twice a day sends nothing more.
    """
    today = today or dt.date.today()
    horizon = today + dt.timedelta(days=max(REMINDER_DAYS))
    open_tasks = (
        Task.objects.exclude(status__in=[TaskStatus.DONE, TaskStatus.CANCELLED])
        .filter(due_on__lte=horizon)
        .select_related("assignee")
    )
    sent = 0
    for task in open_tasks:
        threshold = reminder_threshold((task.due_on - today).days)
        if threshold is None or Reminder.objects.filter(task=task, days_before=threshold).exists():
            continue
        told = notify.send(
            recipients=rules.unit_members(task.assignee),
            kind="direction.task_due",
            title=gettext_noop("Nhiệm vụ quá hạn: %(title)s (hạn %(due)s)")
            if threshold == OVERDUE
            else gettext_noop("Sắp đến hạn nhiệm vụ: %(title)s (hạn %(due)s)"),
            params={"title": task.title, "due": f"{task.due_on:%d/%m/%Y}"},
            link=reverse("direction:task", args=[task.pk]),
        )
        reminder = Reminder.objects.create(task=task, days_before=threshold, recipients=told)
        audit.record(
            actor=None,
            verb="direction.reminder_sent",
            target=task,
            data={"days_before": threshold, "recipients": told, "reminder": reminder.pk},
        )
        sent += 1
    return sent
