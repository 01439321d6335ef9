"""Reporting obligations on a unit's to-do: the periods its reporting schedules (reports app) ask for, with
their deadlines, and the reminders before each deadline."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_noop

from sc389.core import audit
from sc389.core.access import principal
from sc389.reports.models import ReportingSchedule, Submission
from sc389.reports.submissions.schedule import deadline, schedule_periods

from . import notify, rules
from .models import DeadlineReminder
from .services import OVERDUE, reminder_threshold

LOOK_BACK_DAYS = 92  # periods ended this long ago may still be due (a quarter's deadline comes after its end)
LOOK_AHEAD_DAYS = 31
SENT = ("submitted", "approved")  # reports.choices.SubmissionStatus values that fulfil the obligation


@dataclass(frozen=True)
class Obligation:
    """One period a unit must report, not yet sent."""

    schedule: ReportingSchedule
    period_start: dt.date
    period_end: dt.date
    deadline: dt.date

    def days_left(self, today: dt.date) -> int:
        return (self.deadline - today).days


def _open_obligations(schedules, today: dt.date) -> list[Obligation]:
    out = []
    for schedule in schedules:
        for period in schedule_periods(
            schedule, today - dt.timedelta(days=LOOK_BACK_DAYS), today + dt.timedelta(days=LOOK_AHEAD_DAYS)
        ):
            due = deadline(schedule, period)
            if due < today - dt.timedelta(days=LOOK_BACK_DAYS):
                continue
            sent = Submission.objects.filter(
                unit_id=schedule.unit_id, period_start=period.start, period_end=period.end, status__in=SENT
            ).exists()
            if not sent:
                out.append(Obligation(schedule, period.start, period.end, due))
    return sorted(out, key=lambda o: (o.deadline, o.schedule.unit_id))


def upcoming(*, user, today: dt.date | None = None) -> list[Obligation]:
    """The periods the user's own units (and those under them) still have to report."""
    today = today or dt.date.today()
    units = principal(user).unit_ids
    if not units:
        return []
    schedules = ReportingSchedule.objects.filter(unit_id__in=units).select_related("unit")
    return _open_obligations(schedules, today)


@transaction.atomic
def deadline_reminders_send(*, today: dt.date | None = None) -> int:
    """Remind units of reports not yet sent, before each deadline threshold and once when late; idempotent."""
    today = today or dt.date.today()
    sent = 0
    schedules = ReportingSchedule.objects.filter(
        starts_on__lte=today + dt.timedelta(days=LOOK_AHEAD_DAYS)
    ).select_related("unit")
    for o in _open_obligations(schedules, today):
        threshold = reminder_threshold(o.days_left(today))
        if threshold is None:
            continue
        if DeadlineReminder.objects.filter(
            schedule_id=o.schedule.pk, period_end=o.period_end, days_before=threshold
        ).exists():
            continue
        told = notify.send(
            recipients=rules.unit_members(o.schedule.unit),
            kind="direction.report_due",
            title=gettext_noop("Quá hạn gửi báo cáo kỳ %(start)s–%(end)s (hạn %(due)s)")
            if threshold == OVERDUE
            else gettext_noop("Sắp đến hạn gửi báo cáo kỳ %(start)s–%(end)s (hạn %(due)s)"),
            params={
                "start": f"{o.period_start:%d/%m/%Y}",
                "end": f"{o.period_end:%d/%m/%Y}",
                "due": f"{o.deadline:%d/%m/%Y}",
            },
            link=reverse("direction:index"),
        )
        DeadlineReminder.objects.create(
            schedule_id=o.schedule.pk, period_end=o.period_end, days_before=threshold, recipients=told
        )
        audit.record(
            actor=None,
            verb="direction.report_reminder_sent",
            data={
                "schedule": o.schedule.pk,
                "period_end": o.period_end,
                "days_before": threshold,
                "recipients": told,
            },
        )
        sent += 1
    return sent
