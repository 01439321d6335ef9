"""Every read of direction a user sees, starting from core.access.scope()."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from sc389.core.access import principal, scope
from sc389.core.errors import NotFound
from sc389.core.text import fold_tokens
from sc389.org.models import Committee, Unit

from . import rules
from .choices import CLOSED_TASK_STATUSES
from .models import Campaign, Directive, Task, TaskUpdate, WorkingSession

DUE_SOON_DAYS = 7  # the board's "due soon" column: deadlines within a week
SEARCH_MAX = 500  # tasks a word search returns at most (the nearest deadlines first)


def _get(qs: QuerySet, pk: int):
    found = qs.filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def session_list(*, user, committee: int | None = None) -> QuerySet[WorkingSession]:
    qs = scope(WorkingSession.objects.all(), user=user).select_related("committee")
    return qs.filter(committee_id=committee) if committee else qs


def session_get(*, user, pk: int) -> WorkingSession:
    return _get(session_list(user=user).prefetch_related("participant_units", "conclusions"), pk)


def task_list(
    *,
    user,
    committee: int | None = None,
    assignee: int | None = None,
    status: str | None = None,
    open_only: bool = False,
    q: str | None = None,
) -> QuerySet[Task]:
    qs = scope(Task.objects.all(), user=user).select_related(
        "committee", "assignee", "conclusion", "directive"
    )
    if committee:
        qs = qs.filter(committee_id=committee)
    if assignee:
        qs = qs.filter(assignee_id=assignee)
    if status:
        qs = qs.filter(status=status)
    if open_only:
        qs = qs.exclude(status__in=CLOSED_TASK_STATUSES)
    tokens = fold_tokens(q)
    if tokens:
        qs = qs.filter(pk__in=_matching(qs, tokens).values("pk")[:SEARCH_MAX])
    return qs


def _matching(qs: QuerySet[Task], tokens: list[str]) -> QuerySet[Task]:
    """The tasks of `qs` with every word in their title, text or conclusion (the stored folded words) or their
    unit's name (the unit's folded name), nearest deadlines first."""
    for token in tokens:
        # units are a few hundred rows: their ids keep each condition on the task table alone
        units = Unit.objects.filter(name_folded__contains=token).values("pk")
        qs = qs.filter(Q(search_folded__contains=token) | Q(assignee_id__in=units))
    return qs.order_by("due_on", "id")


def task_get(*, user, pk: int, action: str = "view") -> Task:
    qs = scope(Task.objects.all(), user=user, action=action)
    return _get(qs.select_related("committee", "assignee", "conclusion__session", "directive"), pk)


def task_update_get(*, user, task_id: int, pk: int) -> TaskUpdate:
    """A progress report of a task the user may see."""
    task = task_get(user=user, pk=task_id)
    return _get(task.updates.all(), pk)


def my_tasks(*, user, q: str | None = None) -> QuerySet[Task]:
    """The unit's to-do: open tasks assigned to the user's units (and the units under them)."""
    units = principal(user).unit_ids
    return task_list(user=user, open_only=True, q=q).filter(assignee_id__in=units)


@dataclass
class Board:
    """A committee's follow-up board: open tasks split by deadline."""

    committee: Committee
    overdue: list[Task]
    due_soon: list[Task]
    open: list[Task]
    done_count: int


def board(*, user, committee: Committee, today: dt.date | None = None) -> Board:
    today = today or dt.date.today()
    tasks = task_list(user=user, committee=committee.pk)
    open_tasks = list(tasks.exclude(status__in=CLOSED_TASK_STATUSES).order_by("due_on", "id"))
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    return Board(
        committee=committee,
        overdue=[t for t in open_tasks if t.due_on < today],
        due_soon=[t for t in open_tasks if today <= t.due_on <= soon],
        open=[t for t in open_tasks if t.due_on > soon],
        done_count=tasks.filter(status__in=CLOSED_TASK_STATUSES).count(),
    )


def board_committees(*, user) -> QuerySet[Committee]:
    """Committees whose board the user may open: those they staff (national staff: every committee)."""
    return rules.staffed_committees(user).order_by("level", "code")


def committee_get(*, user, pk: int) -> Committee:
    return _get(board_committees(user=user), pk)


def directive_list(*, user, committee: int | None = None) -> QuerySet[Directive]:
    qs = scope(Directive.objects.all(), user=user).select_related("committee")
    return qs.filter(committee_id=committee) if committee else qs


def directive_get(*, user, pk: int) -> Directive:
    return _get(directive_list(user=user), pk)


def campaign_list(*, user) -> QuerySet[Campaign]:
    return scope(Campaign.objects.all(), user=user).select_related("committee")


def campaign_get(*, user, pk: int) -> Campaign:
    return _get(campaign_list(user=user), pk)


def campaign_periods(user) -> list[tuple[str, dt.date, dt.date]]:
    """Peak campaigns a report page may offer `user` as periods: (label, start, end), newest first.

    The national committee's campaigns hold for everyone; others as scope allows.
    """
    if principal(user).is_anonymous:
        return []
    visible = scope(Campaign.objects.all(), user=user).values("pk")
    rows = Campaign.objects.filter(Q(pk__in=visible) | Q(committee__level="national"))
    return [(c.name, c.starts_on, c.ends_on) for c in rows.order_by("-starts_on", "id")]
