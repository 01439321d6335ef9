from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionKind(models.TextChoices):
    SESSION = "session", _("Buổi làm việc")
    BRIEFING = "briefing", _("Giao ban")


class DirectiveKind(models.TextChoices):
    DIRECTIVE = "directive", _("Chỉ thị")
    PLAN = "plan", _("Kế hoạch")
    NOTICE = "notice", _("Thông báo kết luận")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")
    CANCELLED = "cancelled", _("Đã hủy")


CLOSED_TASK_STATUSES = frozenset({TaskStatus.DONE, TaskStatus.CANCELLED})
