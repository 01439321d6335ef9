"""What direction lends the reports app, registered from DirectionConfig.ready (reports never imports direction):
its peak campaigns as report periods, and overdue tasks on the home page's attention list."""

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from sc389.core.access import principal
from sc389.reports.dashboard import AttentionItem, attention_register
from sc389.reports.periods import NamedPeriod, Period, period_source_register

from . import selectors

OVERDUE_MAX = 20  # the home page lists the nearest; the board has them all


def campaign_report_periods(user) -> list[NamedPeriod]:
    """The peak campaigns `user` sees, newest first, as periods of the report page."""
    return [NamedPeriod(name, Period(start, end)) for name, start, end in selectors.campaign_periods(user)]


def overdue_tasks(*, user, today: dt.date) -> list[AttentionItem]:
    """Open tasks past their deadline: those of the committees the user staffs and those given to their units."""
    p = principal(user)
    if p.is_anonymous:
        return []
    staffed = selectors.board_committees(user=user).values("pk")
    tasks = (
        selectors.task_list(user=user, open_only=True)
        .filter(due_on__lt=today)
        .filter(Q(committee_id__in=staffed) | Q(assignee_id__in=p.unit_ids))
        .order_by("due_on", "id")[:OVERDUE_MAX]
    )
    return [
        AttentionItem(
            text=_("%(title)s — %(unit)s") % {"title": t.title, "unit": t.assignee.name},
            href=reverse("direction:task", args=[t.pk]),
            due=t.due_on,
        )
        for t in tasks
    ]


def register() -> None:
    period_source_register(campaign_report_periods)
    attention_register("overdue", overdue_tasks)
