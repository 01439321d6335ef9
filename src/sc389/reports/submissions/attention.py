"""The home page's "missing submissions": for the standing office, the units of the schedules in its scope whose
latest due period is not reported (no submission, a draft, one returned) or was reported late."""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from sc389.core import access

from ..dashboard import AttentionItem, attention_register
from . import permissions, selectors

LOOKBACK_DAYS = 400  # enough to reach the latest period of a yearly schedule
NOT_SENT = frozenset({"missing", "draft", "returned"})


def _is_office(user) -> bool:
    p = access.principal(user)
    if p.is_anonymous:
        return False
    return permissions.is_office(user, None) or any(permissions.is_office(user, pk) for pk in p.province_ids)


def missing_submissions(*, user, today: dt.date) -> list[AttentionItem]:
    """One line per schedule whose latest period past its deadline is not reported or was reported late."""
    if not _is_office(user):
        return []
    rows = selectors.completeness(
        user=user, start=today - dt.timedelta(days=LOOKBACK_DAYS), end=today, today=today
    )
    latest: dict[int, selectors.Expected] = {}
    for row in rows:  # completeness is in period order: the last one of a unit is its current period
        if row.deadline < today:
            latest[row.unit.pk] = row
    href = reverse("reports:completeness")
    out = []
    for row in sorted(latest.values(), key=lambda r: (r.deadline, r.unit.name)):
        if row.state in NOT_SENT:
            why = _("chưa nộp") if row.state != "returned" else _("bị trả lại, chưa nộp lại")
        elif row.late:
            why = _("nộp muộn")
        else:
            continue
        text = _("%(unit)s — %(period)s: %(why)s") % {
            "unit": row.unit.name,
            "period": row.period.label(),
            "why": why,
        }
        link = f"{href}?date_from={row.period.start.isoformat()}&date_to={today.isoformat()}"
        out.append(AttentionItem(text=text, href=link, due=row.deadline))
    return out


def register() -> None:
    attention_register("missing_submissions", missing_submissions)
