"""Direction of the committees: working sessions and their conclusions, directives and plans, the tasks they
give to member units, the units' progress reports, and peak campaigns."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sc389.core.access import ScopeSpec
from sc389.org.models import Committee, Unit

from .choices import CLOSED_TASK_STATUSES, DirectiveKind, SessionKind, TaskStatus

# A committee's items are seen by its own staff (shared_committees), by the province's committee over its communes
# (province), by the commune committee (commune) and by the national committee (national principals see all).
COMMITTEE_SCOPE = {
    "province": "committee__area__current_province",
    "commune": "committee__area",
    "shared_committees": "committee",
}


def document_path(instance: models.Model, filename: str) -> str:
    # Stored under the content hash, never the uploaded name.
    return f"direction/{instance.sha256[:2]}/{instance.sha256}"


class WorkingSession(models.Model):
    """A working session or periodic briefing of a committee, with who took part and what it concluded."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="working_sessions")
    kind = models.CharField(max_length=16, choices=SessionKind.choices, default=SessionKind.SESSION)
    held_on = models.DateField()
    title = models.CharField(max_length=255)
    place_text = models.CharField(max_length=255, blank=True)
    chaired_by = models.CharField(max_length=200, blank=True)
    participants_text = models.TextField(blank=True)  # people and agencies as the notice lists them
    participant_units = models.ManyToManyField(Unit, blank=True, related_name="working_sessions")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_spec = ScopeSpec(units=("participant_units", "conclusions__tasks__assignee"), **COMMITTEE_SCOPE)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"


class Conclusion(models.Model):
    """One numbered conclusion of a session; it becomes tasks for member units."""

    session = models.ForeignKey(WorkingSession, on_delete=models.CASCADE, related_name="conclusions")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["session", "number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="conclusion_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"


class Directive(models.Model):
    """A directive, plan or notice of conclusions issued by a committee, with its signed document."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="directives")
    kind = models.CharField(max_length=16, choices=DirectiveKind.choices, default=DirectiveKind.DIRECTIVE)
    number = models.CharField(max_length=64)  # number and symbol, e.g. "92/KH-BCĐ389"
    issued_on = models.DateField()
    title = models.CharField(max_length=500)
    document = models.FileField(upload_to=document_path, max_length=255, blank=True)
    document_name = models.CharField(max_length=255, blank=True)
    document_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_spec = ScopeSpec(units=("tasks__assignee",), **COMMITTEE_SCOPE)

    class Meta:
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "number"],
                name="directive_unique_number",
                violation_error_message=_("Ban Chỉ đạo đã có văn bản mang số này."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"


class Task(models.Model):
    """A task a committee gives a member unit, from a session's conclusion or a directive, with a deadline.

    The assignee unit (and the units above it in its force) sees it and reports progress; the committee's staff
    follow it on the board.
    """

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="tasks")
    conclusion = models.ForeignKey(
        Conclusion, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    directive = models.ForeignKey(
        Directive, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    title = models.CharField(max_length=500)
    description = models.TextField(blank=True)
    assignee = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="direction_tasks")
    due_on = models.DateField(db_index=True)
    status = models.CharField(max_length=16, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    percent = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The words staff search a task by (searchable_text), folded (core.text.fold_words); the assigned unit's
    # name is matched on the unit's own folded name, which org keeps when a unit is renamed.
    search_folded = models.TextField(blank=True, editable=False)

    scope_spec = ScopeSpec(units=("assignee",), change_units=("assignee",), **COMMITTEE_SCOPE)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__lte=100),
                name="task_percent_max_100",
                violation_error_message=_("Tỷ lệ hoàn thành không quá 100%."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def searchable_text(self) -> str:
        """Title, text and the conclusion the task came from (conclusions are never reworded once recorded)."""
        conclusion = self.conclusion.text if self.conclusion_id else ""
        return " ".join([self.title, self.description, conclusion])

    def is_closed(self) -> bool:
        return self.status in CLOSED_TASK_STATUSES

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return not self.is_closed() and self.due_on < (today or dt.date.today())


class TaskUpdate(models.Model):
    """A unit's progress report on a task: what was done, how far, optionally a document or photo."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField()
    percent = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=16, choices=TaskStatus.choices)
    attachment = models.FileField(upload_to=document_path, max_length=255, blank=True)
    attachment_name = models.CharField(max_length=255, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__lte=100),
                name="taskupdate_percent_max_100",
                violation_error_message=_("Tỷ lệ hoàn thành không quá 100%."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} — {self.percent}%"


class Campaign(models.Model):
    """A peak campaign (đợt cao điểm) of a committee; its dates may fall mid-month (15/5–15/6/2025)."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="campaigns")
    name = models.CharField(max_length=255)
    starts_on = models.DateField()
    ends_on = models.DateField()
    basis = models.CharField(
        max_length=255, blank=True
    )  # the instrument that called it, e.g. "Công điện 65/CĐ-TTg"
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_spec = ScopeSpec(**COMMITTEE_SCOPE)

    class Meta:
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="campaign_ends_after_start",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y})"


class Reminder(models.Model):
    """A reminder already sent, so `send_reminders` never sends the same one twice."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.SmallIntegerField()  # -1: the overdue notice
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "days_before"], name="reminder_once_per_threshold"),
        ]

    def __str__(self) -> str:
        return f"{self.task} ({self.days_before})"


class DeadlineReminder(models.Model):
    """A reminder of a reporting deadline (a reports.ReportingSchedule period) already sent.

    The schedule is kept by id, not by a foreign key, so this app's migrations do not depend on the reports app's.
    """

    schedule_id = models.PositiveBigIntegerField()
    period_end = models.DateField()
    days_before = models.SmallIntegerField()  # -1: the overdue notice
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["schedule_id", "period_end", "days_before"], name="deadline_reminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.schedule_id} {self.period_end} ({self.days_before})"
