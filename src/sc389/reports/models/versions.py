"""Issued reports: frozen with their parameters, figures and data cut-off, so later runs can say what changed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sc389.core.access import ScopeSpec
from sc389.org.models import Committee


class ReportVersion(models.Model):
    """A report a committee issued: `figures` is Report.as_json() at `data_cutoff`; never changed afterwards."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="report_versions")
    number = models.PositiveIntegerField()  # 1, 2 ... per committee
    title = models.CharField(max_length=255, blank=True)
    area_code = models.CharField(max_length=16)
    period_start = models.DateField()
    period_end = models.DateField()
    compare = models.CharField(max_length=16)
    by = models.CharField(max_length=16, blank=True)
    figures = models.JSONField()
    data_cutoff = models.DateTimeField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)

    scope_spec = ScopeSpec(
        province="committee__area", commune="committee__area", shared_committees="committee"
    )

    class Meta:
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "number"],
                name="report_version_number_unique",
                violation_error_message=_("Số phiên bản đã tồn tại."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee.code} #{self.number}"
