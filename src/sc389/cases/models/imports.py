"""An import of cases from a force's spreadsheet: the file, who sent it for which unit, and how it went."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sc389.core.access import ScopeSpec
from sc389.org.models import Unit


class ImportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel (XLSX)"


class ImportStatus(models.TextChoices):
    VALIDATED = "validated", _("Đã kiểm tra, chờ xác nhận")
    REJECTED = "rejected", _("Bị từ chối (có dòng lỗi)")
    QUEUED = "queued", _("Đang chờ chạy")
    RUNNING = "running", _("Đang nhập")
    DONE = "done", _("Đã nhập xong")
    FAILED = "failed", _("Lỗi hệ thống")


class ImportPhase(models.TextChoices):
    VALIDATING = "validating", _("Đang kiểm tra từng dòng")
    WRITING = "writing", _("Đang ghi vào cơ sở dữ liệu")


def import_file_path(instance: "ImportJob", filename: str) -> str:
    # Stored under its hash: nothing a user names is used as a path.
    return f"imports/{instance.sha256[:2]}/{instance.sha256}.{instance.format}"


class ImportJob(models.Model):
    """One spreadsheet sent by a unit: validated first (preview), then written whole or not at all.

    Rows carry the force's own case id, so the same file imported twice creates nothing new and a corrected file
    updates its cases in place. `errors` holds every rejected cell as {sheet, row, column, message}.
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="import_jobs")
    file = models.FileField(upload_to=import_file_path, max_length=255, blank=True)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(default=0)
    format = models.CharField(max_length=8, choices=ImportFormat.choices)
    status = models.CharField(max_length=16, choices=ImportStatus.choices, db_index=True)
    phase = models.CharField(max_length=16, choices=ImportPhase.choices, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    preview = models.JSONField(default=list, blank=True)  # the first rows as read, for the preview page
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    created_case_ids = models.JSONField(default=list, blank=True)
    updated_case_ids = models.JSONField(default=list, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    validated_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    scope_spec = ScopeSpec(units=("unit",))

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.unit.code})"

    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.REJECTED)

    def can_confirm(self) -> bool:
        return self.status == ImportStatus.VALIDATED and self.error_count == 0
