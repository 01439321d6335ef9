"""notify(): in the application and by e-mail (a task queued on commit); daily digests; marking read."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from sc389.core.models import AuditEvent
from sc389.notifications import selectors, services
from sc389.notifications.models import Notification


@pytest.fixture
def people(tree):
    u = tree.users
    for name in ("leader_caobang", "officer_caobang_bp", "leader_hungyen"):
        u[name].email = f"{name}@example.vn"
        u[name].save()
    return u


def test_notify_creates_one_per_user_audits_and_mails_after_commit(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    u = people
    inactive = u["leader_hungyen"]
    inactive.is_active = False
    inactive.save()
    with django_capture_on_commit_callbacks(execute=True):
        created = services.notify(
            [
                u["leader_caobang"],
                u["leader_caobang"],
                u["officer_caobang_bp"],
                inactive,
                u["leader_langson"],
            ],
            kind="bulletin.published",
            title="Bản tin mới",
            body="Gà thải qua đường mòn",
            link="/coordination/bulletins/1/",
            actor=u["officer_langson_bp"],
        )
    assert sorted(n.recipient.username for n in created) == [
        "leader_caobang",
        "leader_langson",
        "officer_caobang_bp",
    ]
    # e-mail only to those with an address (leader_langson has none)
    assert sorted(m.to[0] for m in mailoutbox) == [
        "leader_caobang@example.vn",
        "officer_caobang_bp@example.vn",
    ]
    assert (
        mailoutbox[0].subject == "[SC389] Bản tin mới" and "/coordination/bulletins/1/" in mailoutbox[0].body
    )
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 2
    event = AuditEvent.objects.get(verb="notification.sent")
    assert event.actor == u["officer_langson_bp"] and len(event.data["recipients"]) == 3
    # the task is idempotent
    assert services.notification_emails_send(notification_ids=[n.pk for n in created]) == 0


def test_nothing_is_mailed_when_the_write_rolls_back(people, mailoutbox, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        services.notify([people["leader_caobang"]], kind="x", title="T")
        transaction.set_rollback(True)
    assert callbacks == [] and mailoutbox == []


def test_digest_users_get_one_mail_a_day(people, mailoutbox, django_capture_on_commit_callbacks):
    u = people
    services.notification_setting_update(user=u["leader_caobang"], email_mode="digest")
    services.notification_setting_update(user=u["officer_caobang_bp"], email_mode="none")
    with django_capture_on_commit_callbacks(execute=True):
        services.notify([u["leader_caobang"], u["officer_caobang_bp"]], kind="a", title="Thứ nhất")
        services.notify([u["leader_caobang"]], kind="b", title="Thứ hai", link="/coordination/requests/3/")
    assert mailoutbox == []  # neither wants a mail at once
    call_command("send_digests")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["leader_caobang@example.vn"] and "2" in mail.subject
    assert "Thứ nhất" in mail.body and "Thứ hai" in mail.body and "/coordination/requests/3/" in mail.body
    assert services.digests_send() == 0  # the same day: nothing more
    tomorrow = timezone.now() + dt.timedelta(days=1)
    assert services.digests_send(now=tomorrow) == 0  # nothing new since


def test_users_mark_only_their_own_notifications_read(people):
    u = people
    mine = services.notify([u["leader_caobang"]], kind="x", title="Của tôi")[0]
    theirs = services.notify([u["leader_hungyen"]], kind="x", title="Của người khác")[0]
    assert services.notification_mark_read(user=u["leader_caobang"], ids=[mine.pk, theirs.pk]) == 1
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert (
        selectors.unread_count(user=u["leader_caobang"]) == 0
        and selectors.unread_count(user=u["leader_hungyen"]) == 1
    )
    assert AuditEvent.objects.filter(verb="notification.read", actor=u["leader_caobang"]).exists()


@pytest.mark.parametrize("persona", ["leader_caobang", "leader_hungyen", "anonymous"])
def test_pages_list_badge_and_mark_read(persona, people, login):
    u = people
    mine = services.notify([u["leader_caobang"]], kind="x", title="Bản tin Cao Bằng", link="/coordination/")[
        0
    ]
    client = login(persona)
    page = client.get("/notifications/")
    badge = client.get("/notifications/badge/")
    follow = client.post(f"/notifications/{mine.pk}/read/", {"follow": "1"})
    if persona == "anonymous":
        assert page.status_code == badge.status_code == follow.status_code == 302
        return
    own = persona == "leader_caobang"
    assert ("Bản tin Cao Bằng" in page.content.decode()) == own
    assert ('<span class="count">1</span>' in badge.content.decode()) == own
    assert follow.status_code == (302 if own else 404)
    if own:
        assert follow["Location"] == "/coordination/"
        mine.refresh_from_db()
        assert mine.read_at is not None
        assert '<span class="count">' not in client.get("/notifications/badge/").content.decode()


def test_the_email_choice_is_saved_from_the_page(people, login):
    client = login("leader_caobang")
    assert client.post("/notifications/settings/", {"email_mode": "digest"}).status_code == 302
    assert selectors.email_mode(user=people["leader_caobang"]) == "digest"
    client.post("/notifications/settings/", {"email_mode": "bogus"})
    assert selectors.email_mode(user=people["leader_caobang"]) == "digest"
