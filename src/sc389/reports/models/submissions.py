"""Aggregate submissions: units that keep their own case systems send period totals per indicator instead."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sc389.cases.choices import Category
from sc389.core.access import ScopeSpec
from sc389.org.models import AdministrativeUnit, Unit

from ..choices import Frequency, SubmissionStatus

INDICATOR_CHOICES = [
    ("cases_inspected", _("Số vụ kiểm tra")),
    ("cases_detected", _("Số vụ phát hiện")),
    ("cases_handled", _("Số vụ xử lý")),
    ("admin_penalty_cases", _("Số vụ xử phạt hành chính")),
    ("fines_vnd", _("Tiền phạt")),
    ("confiscated_goods_value_vnd", _("Trị giá hàng tịch thu")),
    ("budget_remitted_vnd", _("Thu nộp ngân sách nhà nước")),
    ("prosecuted_cases", _("Số vụ khởi tố")),
    ("defendants", _("Số bị can")),
]


class ReportingSchedule(models.Model):
    """Which unit reports which indicators, how often, and by how many days after each period's end."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reporting_schedules")
    indicators = models.JSONField(default=list, blank=True)  # indicator codes; empty = any
    frequency = models.CharField(max_length=16, choices=Frequency.choices, default=Frequency.MONTH)
    deadline_days = models.PositiveSmallIntegerField(default=5)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_spec = ScopeSpec(units=("unit",), province="unit__home_province__current_province")

    class Meta:
        ordering = ["unit__code", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="schedule_ends_after_start",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.get_frequency_display()}"


class Submission(models.Model):
    """One unit's totals for one period; counts in reports only once approved (and then instead of its cases).

    `province` is today's province of the unit's home, set by the service: reports of an area and the scope of the
    committees of that area use it. `inconsistent` says the parts by category do not add up to a total.
    """

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="submissions")
    province = models.ForeignKey(
        AdministrativeUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    schedule = models.ForeignKey(
        ReportingSchedule, null=True, blank=True, on_delete=models.SET_NULL, related_name="submissions"
    )
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(
        max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT, db_index=True
    )
    comment = models.TextField(blank=True)  # the standing office's reason when it returns the submission
    inconsistent = models.BooleanField(default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_spec = ScopeSpec(units=("unit",), province="province")

    class Meta:
        ordering = ["-period_start", "unit__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period_start", "period_end"],
                name="submission_one_per_unit_period",
                violation_error_message=_("Đơn vị đã có báo cáo số liệu cho kỳ này."),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="submission_period_ordered",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.period_start:%d/%m/%Y}-{self.period_end:%d/%m/%Y}"

    def deadline(self) -> dt.date | None:
        if self.schedule_id is None:
            return None
        return self.period_end + dt.timedelta(days=self.schedule.deadline_days)

    def is_late(self) -> bool:
        deadline = self.deadline()
        return bool(deadline and self.submitted_at and self.submitted_at.date() > deadline)

    def can_edit(self) -> bool:
        return self.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)


class SubmissionLine(models.Model):
    """One figure of a submission: an indicator's total (`category` empty) or its part for one category."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="lines")
    indicator = models.CharField(max_length=40, choices=INDICATOR_CHOICES)
    category = models.CharField(max_length=24, blank=True, choices=Category.choices)
    value = models.BigIntegerField()

    class Meta:
        ordering = ["submission", "indicator", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "indicator", "category"], name="submission_line_unique"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="submission_line_not_negative",
                violation_error_message=_("Số liệu không được âm."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.category or 'total'} {self.value}"
