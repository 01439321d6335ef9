"""Direction's services: each write checks the actor, validates, audits; the board, reminders and obligations."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from sc389.core.errors import DomainError
from sc389.core.models import AuditEvent
from sc389.direction import obligations, selectors, services
from sc389.direction.errors import DirectionErrorCode
from sc389.direction.models import Reminder
from sc389.notifications.models import Notification
from sc389.reports.models import ReportingSchedule, Submission

PDF = b"%PDF-1.4\n" + b"0" * 64
EXE = b"MZ\x90\x00" + b"\x00" * 64


def audited(verb: str, target) -> AuditEvent:
    return AuditEvent.objects.get(verb=verb, target_id=str(target.pk))


@pytest.fixture
def session(tree):
    return services.session_create(
        actor=tree.users["analyst_langson"],
        committee=tree.committees["langson"],
        held_on=dt.date(2025, 10, 2),
        title="Giao ban tháng 10",
        participant_units=[tree.units["customs_huunghi"], tree.units["bp_langson"]],
        conclusions=["Kiểm soát chặt đường mòn", "  ", "Kiểm tra kho hàng tại Kỳ Lừa"],
    )


def task_for(tree, unit="customs_huunghi", due=None, actor="analyst_langson", **kw):
    return services.task_assign(
        actor=tree.users[actor],
        committee=tree.committees["langson"],
        assignee=tree.units[unit],
        title="Tuần tra đường mòn",
        due_on=due or dt.date.today() + dt.timedelta(days=20),
        **kw,
    )


def test_session_numbers_its_conclusions_and_is_audited(session):
    assert [(c.number, c.text) for c in session.conclusions.all()] == [
        (1, "Kiểm soát chặt đường mòn"),
        (2, "Kiểm tra kho hàng tại Kỳ Lừa"),
    ]
    event = audited("direction.session_created", session)
    assert event.data["conclusions"] == 2 and event.actor_label == "analyst_langson"


@pytest.mark.parametrize("persona", ["leader_caobang", "officer_langson_customs", "leader_national"])
def test_only_the_committees_staff_direct_it(tree, persona):
    with pytest.raises(DomainError) as caught:
        task_for(tree, actor=persona)
    assert caught.value.code == DirectionErrorCode.NOT_STAFF and caught.value.status == 403


def test_a_task_comes_from_its_own_committees_conclusion(tree, session):
    task = task_for(tree, conclusion=session.conclusions.first())
    assert task.conclusion.session == session
    other = services.session_create(
        actor=tree.users["leader_hungyen"],
        committee=tree.committees["hungyen"],
        held_on=dt.date(2025, 10, 15),
        title="Hưng Yên",
        conclusions=["Một"],
    )
    with pytest.raises(DomainError) as caught:
        task_for(tree, conclusion=other.conclusions.get())
    assert caught.value.code == DirectionErrorCode.WRONG_COMMITTEE


def test_only_the_committees_staff_reword_a_task(tree):
    task = task_for(tree, description="Đường mòn")
    with pytest.raises(DomainError) as caught:
        services.task_edit(actor=tree.users["officer_langson_customs"], task=task, title="Khác")
    assert caught.value.code == DirectionErrorCode.NOT_STAFF
    task.refresh_from_db()
    assert (task.title, task.search_folded) == ("Tuần tra đường mòn", "tuan tra duong mon duong mon")
    services.task_edit(actor=tree.users["leader_langson"], task=task, title=" Tuần tra  Kỳ Lừa ")
    task.refresh_from_db()
    assert (task.title, task.description, task.search_folded) == ("Tuần tra Kỳ Lừa", "", "tuan tra ky lua")
    assert audited("direction.task_edited", task).changes == {
        "description": ["Đường mòn", ""],
        "title": ["Tuần tra đường mòn", "Tuần tra Kỳ Lừa"],
    }


def test_assigning_tells_the_units_people(tree):
    task = task_for(tree)
    told = set(
        Notification.objects.filter(kind="direction.task_assigned").values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"officer_langson_customs", "reviewer_langson_customs"}
    assert audited("direction.task_assigned", task).changes["assignee_id"] == [
        None,
        tree.units["customs_huunghi"].pk,
    ]


def test_progress_moves_the_task_and_ends_it_at_100(tree):
    task = task_for(tree)
    officer = tree.users["officer_langson_customs"]
    doc = SimpleUploadedFile("bao-cao.pdf", PDF)
    services.task_report_progress(actor=officer, task=task, text="Đã lập 3 chốt", percent=40, attachment=doc)
    task.refresh_from_db()
    assert (task.status, task.percent) == ("in_progress", 40)
    assert task.updates.get().attachment_type == "application/pdf"
    services.task_report_progress(actor=officer, task=task, text="Hoàn thành", percent=100)
    task.refresh_from_db()
    assert task.status == "done"
    events = AuditEvent.objects.filter(verb="direction.task_progress_reported", target_id=str(task.pk))
    assert [e.changes["percent"] for e in events.order_by("id")] == [[0, 40], [40, 100]]
    with pytest.raises(DomainError) as caught:
        services.task_report_progress(actor=officer, task=task, text="Thêm", percent=100)
    assert caught.value.code == DirectionErrorCode.TASK_CLOSED


def test_progress_refuses_an_executable_and_other_units(tree):
    task = task_for(tree)
    with pytest.raises(DomainError):
        services.task_report_progress(
            actor=tree.users["officer_langson_customs"],
            task=task,
            text="x",
            percent=10,
            attachment=SimpleUploadedFile("bao-cao.pdf", EXE),
        )
    with pytest.raises(DomainError) as caught:
        services.task_report_progress(
            actor=tree.users["officer_langson_qltt"], task=task, text="x", percent=10
        )
    assert caught.value.code == DirectionErrorCode.NOT_ASSIGNEE
    assert task.updates.count() == 0


def test_the_board_splits_open_tasks_by_deadline(tree):
    today = dt.date(2025, 11, 3)
    overdue = task_for(tree, due=today - dt.timedelta(days=1))
    soon = task_for(tree, due=today + dt.timedelta(days=7))
    later = task_for(tree, due=today + dt.timedelta(days=8))
    done = task_for(tree, due=today - dt.timedelta(days=3))
    services.task_report_progress(
        actor=tree.users["officer_langson_customs"], task=done, text="Xong", percent=100
    )
    board = selectors.board(
        user=tree.users["leader_langson"], committee=tree.committees["langson"], today=today
    )
    assert (board.overdue, board.due_soon, board.open, board.done_count) == ([overdue], [soon], [later], 1)


@given(st.integers(min_value=-30, max_value=60))
def test_reminder_thresholds(days_left):
    threshold = services.reminder_threshold(days_left)
    if days_left < 0:
        assert threshold == services.OVERDUE
    elif days_left > max(services.REMINDER_DAYS):
        assert threshold is None
    else:
        assert threshold in services.REMINDER_DAYS and days_left <= threshold


def test_reminders_are_sent_once_per_threshold(tree):
    today = dt.date(2025, 11, 3)
    task = task_for(tree, due=today + dt.timedelta(days=5))
    Notification.objects.all().delete()
    assert services.reminders_send(today=today) == 1  # the 7-day reminder
    assert services.reminders_send(today=today) == 0  # twice the same day: nothing more
    assert services.reminders_send(today=today + dt.timedelta(days=1)) == 0  # still within the 7-day step
    assert services.reminders_send(today=today + dt.timedelta(days=3)) == 1  # 2 days left: the 3-day step
    assert services.reminders_send(today=today + dt.timedelta(days=9)) == 1  # overdue, once
    assert services.reminders_send(today=today + dt.timedelta(days=10)) == 0
    assert sorted(Reminder.objects.filter(task=task).values_list("days_before", flat=True)) == [-1, 3, 7]
    assert Notification.objects.filter(kind="direction.task_due").count() == 3 * 2  # officer and reviewer
    assert AuditEvent.objects.filter(verb="direction.reminder_sent", target_id=str(task.pk)).count() == 3


def test_reporting_deadlines_on_the_todo_and_reminded(tree):
    unit = tree.units["customs_huunghi"]
    schedule = ReportingSchedule.objects.create(
        unit=unit, frequency="month", deadline_days=5, starts_on=dt.date(2025, 10, 1)
    )
    today = dt.date(2025, 11, 3)
    officer = tree.users["officer_langson_customs"]
    due = obligations.upcoming(user=officer, today=today)
    assert [(o.period_start, o.deadline) for o in due] == [
        (dt.date(2025, 10, 1), dt.date(2025, 11, 5)),
        (dt.date(2025, 11, 1), dt.date(2025, 12, 5)),
    ]
    assert obligations.upcoming(user=tree.users["officer_langson_qltt"], today=today) == []
    assert obligations.deadline_reminders_send(today=today) == 1  # October's report, 2 days left
    assert obligations.deadline_reminders_send(today=today) == 0
    Submission.objects.create(
        unit=unit,
        schedule=schedule,
        period_start=dt.date(2025, 10, 1),
        period_end=dt.date(2025, 10, 31),
        status="submitted",
    )
    assert [o.period_start for o in obligations.upcoming(user=officer, today=today)] == [dt.date(2025, 11, 1)]


def test_send_reminders_command(tree, capsys):
    task_for(tree, due=dt.date.today() + dt.timedelta(days=1))
    call_command("send_reminders")
    assert "task reminders: 1" in capsys.readouterr().out


def test_campaign_periods_offer_national_and_own_campaigns(tree):
    nat = services.campaign_create(
        actor=tree.users["admin_national"],
        committee=tree.committees["national"],
        name="Tháng cao điểm 15/5–15/6/2025",
        starts_on=dt.date(2025, 5, 15),
        ends_on=dt.date(2025, 6, 15),
        basis="Công điện 65/CĐ-TTg",
    )
    services.campaign_create(
        actor=tree.users["leader_hungyen"],
        committee=tree.committees["hungyen"],
        name="Cao điểm Hưng Yên",
        starts_on=dt.date(2025, 5, 17),
        ends_on=dt.date(2025, 10, 15),
    )
    assert selectors.campaign_periods(tree.users["leader_caobang"]) == [
        (nat.name, nat.starts_on, nat.ends_on)
    ]
    assert len(selectors.campaign_periods(tree.users["leader_hungyen"])) == 2
    assert selectors.campaign_periods(None) == []
    with pytest.raises(ValidationError):
        services.campaign_create(
            actor=tree.users["admin_national"],
            committee=tree.committees["national"],
            name="Sai",
            starts_on=dt.date(2025, 6, 15),
            ends_on=dt.date(2025, 5, 15),
        )
