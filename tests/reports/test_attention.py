"""The home page's attention list, fed by the apps that own the items: missing or late submissions (reports
submissions, for the standing office) and overdue tasks (direction, registered from its AppConfig.ready)."""

import datetime as dt

import pytest
from django.urls import reverse

from sc389.direction import services as direction
from sc389.reports import periods
from sc389.reports.dashboard import attention_context, dashboard_panels

from .world import schedule, submission

pytestmark = pytest.mark.django_db
APRIL_20 = dt.date(2025, 4, 20)  # January-March 2025 are past their deadlines (the 5th of the next month)


def items(user, section: str, today: dt.date) -> list:
    """The items of one section, through the registered providers, as the home page gets them."""
    sections = {s["key"]: s["items"] for s in attention_context(user=user, today=today)["sections"]}
    return sections[section]


def test_missing_and_late_submissions_for_the_standing_office_in_its_area(tree):
    # given a monthly schedule for the Hữu Nghị customs and a quarterly one for the Hưng Yên police
    schedule(tree, deadline_days=5)
    schedule(tree, unit="police_hungyen", office="analyst_national", frequency="quarter")
    # when nobody has reported March or the first quarter
    national = items(tree.users["analyst_national"], "missing_submissions", APRIL_20)
    langson = items(tree.users["analyst_langson"], "missing_submissions", APRIL_20)
    # then the national office sees both units, Lạng Sơn's only its own, each with its deadline
    assert sorted(i.text for i in national) == sorted(
        [
            f"{tree.units['customs_huunghi'].name} — tháng 3 năm 2025: chưa nộp",
            f"{tree.units['police_hungyen'].name} — quý I năm 2025: chưa nộp",
        ]
    )
    assert [(i.text.split(" — ")[0], i.due) for i in langson] == [
        (tree.units["customs_huunghi"].name, dt.date(2025, 4, 5))
    ]
    assert all(i.href.startswith(reverse("reports:completeness")) for i in national)
    # and people who are not the standing office see none
    for persona in ("officer_langson_customs", "leader_caobang", "leader_langson"):
        assert items(tree.users[persona], "missing_submissions", APRIL_20) == [], persona


def test_a_late_submission_is_listed_as_late_and_an_unfinished_period_not_at_all(tree):
    schedule(tree, deadline_days=5)
    # given March sent (today, so long after its deadline) and April not yet due
    submission(tree, period=periods.month(2025, 3), status="submitted")
    found = items(tree.users["analyst_langson"], "missing_submissions", APRIL_20)
    assert [i.text for i in found] == [f"{tree.units['customs_huunghi'].name} — tháng 3 năm 2025: nộp muộn"]
    # before March's deadline, the latest due period is February, which nobody sent
    early = items(tree.users["analyst_langson"], "missing_submissions", dt.date(2025, 4, 3))
    assert [i.text.split(": ")[1] for i in early] == ["chưa nộp"]
    assert "tháng 2 năm 2025" in early[0].text


def _task(tree, *, title: str, unit: str, due: dt.date, committee="langson", actor="analyst_langson"):
    return direction.task_assign(
        actor=tree.users[actor],
        committee=tree.committees[committee],
        assignee=tree.units[unit],
        title=title,
        due_on=due,
    )


def test_overdue_tasks_of_the_users_committee_and_units(tree):
    today = dt.date.today()
    # given a Lạng Sơn task past due for the customs, one not yet due, one done, and a Hưng Yên one past due
    _task(tree, title="Tuần tra đường mòn", unit="customs_huunghi", due=today + dt.timedelta(days=1))
    _task(tree, title="Kiểm tra kho", unit="qltt_langson5", due=today + dt.timedelta(days=30))
    done = _task(tree, title="Đã xong", unit="customs_huunghi", due=today + dt.timedelta(days=1))
    direction.task_report_progress(
        task=done, actor=tree.users["officer_langson_customs"], text="Hoàn thành", percent=100
    )
    _task(
        tree,
        title="Truy xét kho hàng",
        unit="police_hungyen",
        due=today + dt.timedelta(days=1),
        committee="hungyen",
        actor="leader_hungyen",
    )
    later = today + dt.timedelta(days=3)

    def titles(persona: str) -> list[str]:
        return [i.text.split(" — ")[0] for i in items(tree.users[persona], "overdue", later)]

    # then the committee's staff and the assigned unit see the overdue one, with its deadline and link
    assert titles("analyst_langson") == ["Tuần tra đường mòn"]
    assert titles("officer_langson_customs") == ["Tuần tra đường mòn"]
    first = items(tree.users["analyst_langson"], "overdue", later)[0]
    assert first.due == today + dt.timedelta(days=1) and first.href.startswith("/direction/tasks/")
    # and others see only their own committee's or nothing
    assert titles("officer_langson_bp") == []
    assert titles("leader_hungyen") == ["Truy xét kho hàng"]
    assert titles("leader_caobang") == []
    # and nothing is overdue the day before the deadline
    assert items(tree.users["analyst_langson"], "overdue", today) == []


def test_the_home_page_shows_the_attention_items(tree, login):
    schedule(tree, deadline_days=5)  # from January 2025: the latest past period is missing today
    response = login("analyst_langson").get(reverse("reports:dashboard"))
    assert response.status_code == 200
    body = response.content.decode()
    assert tree.units["customs_huunghi"].name in body and "chưa nộp" in body
    panels = dict((p.key, c) for p, c in dashboard_panels(user=tree.users["analyst_langson"]))
    assert panels["attention"]["sections"][0]["items"]
