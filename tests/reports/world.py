"""Shared builders of the reports tests: schedules, submissions and versions made through the services."""

import datetime as dt

from sc389.reports import periods
from sc389.reports.submissions import services as subs
from sc389.reports.versions import services as versions

FIGURES = {
    "cases_detected": {"total": 12, "smuggling": 7, "trade_fraud": 3, "counterfeit_ip": 2, "other": 0},
    "cases_handled": {"total": 10},
    "fines_vnd": {"total": 150_000_000},
    "defendants": {"total": 2},
}
JAN = periods.month(2025, 1)


def submission(
    tree,
    *,
    unit="customs_huunghi",
    officer="officer_langson_customs",
    period=JAN,
    figures=None,
    status="draft",
    office="analyst_langson",
):
    """A submission of `unit` for `period`, taken through the workflow up to `status`."""
    s, _changed = subs.submission_save(
        unit=tree.units[unit], period=period, figures=figures or FIGURES, actor=tree.users[officer]
    )
    if status in ("submitted", "approved", "returned"):
        subs.submission_submit(submission=s, actor=tree.users[officer])
    if status == "approved":
        subs.submission_approve(submission=s, actor=tree.users[office])
    if status == "returned":
        subs.submission_return(submission=s, actor=tree.users[office], comment="Thiếu số vụ xử phạt")
    s.refresh_from_db()
    return s


def schedule(tree, *, unit="customs_huunghi", office="analyst_langson", starts_on=dt.date(2025, 1, 1), **kw):
    return subs.schedule_create(unit=tree.units[unit], starts_on=starts_on, actor=tree.users[office], **kw)


def version(tree, *, committee="langson", issuer="analyst_langson", period=JAN, **kw):
    return versions.report_issue(
        committee=tree.committees[committee], period=period, actor=tree.users[issuer], **kw
    )
