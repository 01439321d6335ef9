"""Reads of schedules and submissions, always scoped: unit staff see their unit's, committees their area's."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from sc389.core import access
from sc389.core.errors import NotFound
from sc389.org.models import Unit

from ..choices import SubmissionStatus
from ..models import ReportingSchedule, Submission
from ..periods import Period
from .schedule import deadline, schedule_periods


def submission_list(
    *,
    user,
    status: str | None = None,
    unit_id: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> QuerySet[Submission]:
    qs = access.scope(Submission.objects.all(), user=user).select_related("unit", "schedule", "province")
    if status:
        qs = qs.filter(status=status)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if start:
        qs = qs.filter(period_end__gte=start)
    if end:
        qs = qs.filter(period_start__lte=end)
    return qs.prefetch_related("lines")


def submission_get(*, user, pk: int) -> Submission:
    found = submission_list(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def schedule_list(*, user) -> QuerySet[ReportingSchedule]:
    return access.scope(ReportingSchedule.objects.all(), user=user).select_related("unit")


def unit_get(*, pk: int) -> Unit:
    found = Unit.objects.filter(pk=pk).select_related("home_province").first()
    if found is None:
        raise NotFound()
    return found


@dataclass
class Expected:
    """One unit-period a schedule asks for, and where it stands."""

    unit: Unit
    period: Period
    deadline: dt.date
    submission: Submission | None
    state: str  # missing, draft, submitted, approved, returned
    late: bool  # sent after the deadline, or not sent and the deadline has passed

    def as_json(self) -> dict:
        return {
            "unit": self.unit.code,
            "unit_name": self.unit.name,
            "period": self.period.as_json(),
            "deadline": self.deadline.isoformat(),
            "submission_id": getattr(self.submission, "pk", None),
            "state": self.state,
            "late": self.late,
        }


def completeness(*, user, start: dt.date, end: dt.date, today: dt.date | None = None) -> list[Expected]:
    """Every unit-period the schedules in the user's scope ask for in [start, end]: who has not reported, who
    was late. A draft counts as not reported."""
    today = today or timezone.localdate()
    schedules = list(schedule_list(user=user))
    subs = {
        (s.unit_id, s.period_start, s.period_end): s
        for s in Submission.objects.filter(
            unit_id__in={s.unit_id for s in schedules}, period_end__gte=start, period_start__lte=end
        )
    }
    out = []
    for schedule in schedules:
        for period in schedule_periods(schedule, start, end):
            due = deadline(schedule, period)
            sub = subs.get((schedule.unit_id, period.start, period.end))
            sent = sub is not None and sub.submitted_at is not None and sub.status != SubmissionStatus.DRAFT
            state = "missing" if sub is None else sub.status
            late = (sent and sub.submitted_at.date() > due) or (not sent and today > due)
            out.append(Expected(schedule.unit, period, due, sub, state, late))
    out.sort(key=lambda e: (e.period.start, e.unit.code))
    return out
