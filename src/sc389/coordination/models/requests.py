from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sc389.core.access import ScopeSpec
from sc389.org.models import Committee, Unit

from ..choices import RequestKind, RequestStatus


class Request(models.Model):
    """One unit asks another (often of another province) to verify someone, take over a case or join an operation.

    Seen by both units (and the units above them), by the committee it was escalated to when overdue, and by
    the national committee, which oversees coordination.
    """

    kind = models.CharField(max_length=24, choices=RequestKind.choices)
    from_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="requests_sent")
    to_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="requests_received")
    subject = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    deadline = models.DateField()
    status = models.CharField(
        max_length=16, choices=RequestStatus.choices, default=RequestStatus.OPEN, db_index=True
    )
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalated_to = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_folded = models.TextField(blank=True, editable=False)

    scope_spec = ScopeSpec(units=("from_unit", "to_unit"), shared_committees="escalated_to")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "deadline"], name="request_status_deadline_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=RequestKind.TAKE_OVER_CASE) | Q(case__isnull=False),
                name="request_takeover_needs_case",
                violation_error_message=_("Yêu cầu tiếp nhận vụ việc phải chỉ rõ vụ việc."),
            ),
            models.CheckConstraint(
                condition=~Q(from_unit=models.F("to_unit")),
                name="request_between_two_units",
                violation_error_message=_("Đơn vị nhận phải khác đơn vị gửi."),
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    def is_open(self) -> bool:
        return self.status == RequestStatus.OPEN


class Reply(models.Model):
    """A message in a request's thread, from either side (or the committee it was escalated to)."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.request} — {self.author}"


def reply_attachment_path(instance: "ReplyAttachment", filename: str) -> str:
    # Stored under the hash, never the uploaded name (the same rule as case attachments).
    return f"coordination/{instance.reply.request_id}/{instance.sha256[:2]}/{instance.sha256}"


class ReplyAttachment(models.Model):
    """A file sent with a reply; type and size checked as for case attachments."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=reply_attachment_path, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.original_name
