"""Each reader reads a notification in their own language: the pages and the API in the request's language,
e-mails and digests in the recipient's stored language; the top-bar switch and the settings page store it."""

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext_noop

from sc389.core.models import AuditEvent
from sc389.notifications import selectors, services
from sc389.notifications.models import Notification, NotificationSetting

VI_READER, EN_READER = "leader_caobang", "leader_hungyen"
# A real call site's message (coordination, bulletin withdrawn): a unit's name and a reason stay as written,
# the restricted marking is a label translated for each reader.
WITHDRAWN = {
    "kind": "bulletin.withdrawn",
    "title": gettext_noop("%(unit)s thu hồi bản tin: %(title)s"),
    "body": gettext_noop("Lý do: %(reason)s"),
    "params": {"unit": "Đồn Biên phòng Đồng Đăng", "reason": "Trùng với bản tin số 12"},
    "labels": {"title": gettext_noop("bản tin hạn chế")},
    "link": "/coordination/bulletins/7/",
}
VI_TITLE = "Đồn Biên phòng Đồng Đăng thu hồi bản tin: bản tin hạn chế"
EN_TITLE = "Đồn Biên phòng Đồng Đăng withdrew a bulletin: a restricted bulletin"
VI_BODY = "Lý do: Trùng với bản tin số 12"
EN_BODY = "Reason: Trùng với bản tin số 12"


@pytest.fixture
def readers(tree):
    u = tree.users
    for name in (VI_READER, EN_READER):
        u[name].email = f"{name}@example.vn"
        u[name].save()
    services.notification_setting_update(user=u[EN_READER], language="en")
    return u


def _send(readers, **extra):
    return services.notify([readers[VI_READER], readers[EN_READER]], **{**WITHDRAWN, **extra})


def test_a_notification_stores_what_to_say_not_the_text(readers):
    n = _send(readers)[0]
    n.refresh_from_db()
    assert (n.title_msgid, n.body_msgid, n.title_text, n.body_text) == (
        WITHDRAWN["title"],
        WITHDRAWN["body"],
        "",
        "",
    )
    assert n.params == WITHDRAWN["params"] and n.labels == WITHDRAWN["labels"]
    event = AuditEvent.objects.get(verb="notification.sent")
    assert event.data["title"] == WITHDRAWN["title"] and event.data["labels"] == WITHDRAWN["labels"]
    with translation.override("en"):
        assert (n.title, n.body) == (EN_TITLE, EN_BODY)
    with translation.override("vi"):
        assert (n.title, n.body) == (VI_TITLE, VI_BODY)


def test_the_list_page_speaks_the_requests_language(readers, login):
    _send(readers)
    vi_page = login(VI_READER, lang="vi").get("/notifications/").content.decode()
    en_page = login(EN_READER, lang="en").get("/notifications/").content.decode()
    assert VI_TITLE in vi_page and VI_BODY in vi_page and EN_TITLE not in vi_page
    assert EN_TITLE in en_page and EN_BODY in en_page and VI_TITLE not in en_page


def test_the_api_list_speaks_the_requests_language(readers, call):
    _send(readers)
    vi = call(VI_READER, "GET", "/notifications", headers={"Accept-Language": "vi"}).json()
    en = call(EN_READER, "GET", "/notifications", headers={"Accept-Language": "en"}).json()
    assert [(n["title"], n["body"]) for n in vi] == [(VI_TITLE, VI_BODY)]
    assert [(n["title"], n["body"]) for n in en] == [(EN_TITLE, EN_BODY)]


def test_each_email_is_in_its_recipients_language_whatever_the_senders(
    readers, mailoutbox, django_capture_on_commit_callbacks
):
    # the sender reads the site in English: it changes nothing for the Vietnamese reader
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        _send(readers)
    mails = {m.to[0]: m for m in mailoutbox}
    vi, en = mails[f"{VI_READER}@example.vn"], mails[f"{EN_READER}@example.vn"]
    assert vi.subject == f"[SC389] {VI_TITLE}" and VI_BODY in vi.body
    assert en.subject == f"[SC389] {EN_TITLE}" and EN_BODY in en.body
    assert WITHDRAWN["link"] in vi.body and WITHDRAWN["link"] in en.body


def test_each_digest_is_in_its_recipients_language(readers, mailoutbox, django_capture_on_commit_callbacks):
    for name in (VI_READER, EN_READER):
        services.notification_setting_update(user=readers[name], email_mode="digest")
    with django_capture_on_commit_callbacks(execute=True):
        _send(readers)
    assert mailoutbox == []
    with translation.override("en"):  # the command's own language does not matter
        call_command("send_digests")
    mails = {m.to[0]: m for m in mailoutbox}
    vi, en = mails[f"{VI_READER}@example.vn"], mails[f"{EN_READER}@example.vn"]
    assert vi.subject == "[SC389] Tổng hợp 1 thông báo" and f"- {VI_TITLE}" in vi.body
    assert en.subject == "[SC389] Digest of 1 notifications" and f"- {EN_TITLE}" in en.body
    assert EN_TITLE not in vi.body and VI_TITLE not in en.body


def test_free_text_is_shown_as_written_in_every_language(readers):
    n = services.notify(
        [readers[VI_READER]],
        kind="direction.task_assigned",
        title=gettext_noop("Nhiệm vụ mới: %(title)s (hạn %(due)s)"),
        params={"title": "Kiểm tra chợ biên giới", "due": "30/11/2026"},
        body_text="Phối hợp với Hải quan cửa khẩu",
    )[0]
    with translation.override("en"):
        assert n.title == "New task: Kiểm tra chợ biên giới (deadline 30/11/2026)"
        assert n.body == "Phối hợp với Hải quan cửa khẩu"


def test_a_message_whose_values_miss_a_placeholder_is_refused(readers):
    with pytest.raises(ValueError, match="reason"):
        services.notify([readers[VI_READER]], **{**WITHDRAWN, "params": {"unit": "Đồn"}})
    with pytest.raises(ValueError, match="title"):
        services.notify(
            [readers[VI_READER]], **{**WITHDRAWN, "params": {**WITHDRAWN["params"], "title": "x"}}
        )
    assert not Notification.objects.exists()


def test_the_top_bar_switch_records_the_language_for_signed_in_users(readers, login, client):
    # given: a Vietnamese reader who never chose
    assert selectors.language(user=readers[VI_READER]) == "vi"
    # when: they switch the site to English
    login(VI_READER, lang="vi")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/notifications/"})
    # then: the switch still works (cookie, redirect) and their e-mails will be in English too
    assert response.status_code == 302 and response["Location"] == "/notifications/"
    assert response.cookies["django_language"].value == "en"
    assert selectors.language(user=readers[VI_READER]) == "en"
    event = AuditEvent.objects.filter(verb="notification.setting_updated").latest("pk")
    assert event.actor == readers[VI_READER] and event.changes == {"language": ["vi", "en"]}
    # a language the site does not offer changes nothing
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert selectors.language(user=readers[VI_READER]) == "en"
    # and back
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert selectors.language(user=readers[VI_READER]) == "vi"


def test_the_switch_works_for_visitors_and_stores_nothing(readers, client):
    stored = list(NotificationSetting.objects.values_list("user_id", "language"))
    response = client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert response.status_code == 302 and response.cookies["django_language"].value == "vi"
    assert list(NotificationSetting.objects.values_list("user_id", "language")) == stored


def test_the_settings_page_edits_the_language(readers, login):
    client = login(VI_READER)
    page = client.get("/notifications/").content.decode()
    assert 'name="language" value="vi" checked' in page and 'name="language" value="en">' in page
    response = client.post("/notifications/settings/", {"email_mode": "digest", "language": "en"})
    assert response.status_code == 302
    user = readers[VI_READER]
    assert (selectors.email_mode(user=user), selectors.language(user=user)) == ("digest", "en")
    assert 'name="language" value="en" checked' in client.get("/notifications/").content.decode()
    client.post("/notifications/settings/", {"email_mode": "immediate", "language": "fr"})
    assert (selectors.email_mode(user=user), selectors.language(user=user)) == ("digest", "en")


def test_the_api_reads_and_edits_the_language(readers, call):
    assert call(VI_READER, "GET", "/notifications/settings").json() == {
        "email_mode": "immediate",
        "language": "vi",
    }
    response = call(VI_READER, "PUT", "/notifications/settings", {"language": "en"})
    assert response.status_code == 200 and response.json() == {"email_mode": "immediate", "language": "en"}
    bad = call(VI_READER, "PUT", "/notifications/settings", {"language": "fr"})
    assert bad.status_code == 400 and bad.json()["field"] == "language"
    assert selectors.language(user=readers[VI_READER]) == "en"


def test_rows_from_before_message_ids_read_as_they_were_written(readers, login):
    # what migration 0002 leaves of an old row: its finished text, renamed, and no message id
    old = Notification.objects.create(
        recipient=readers[EN_READER],
        kind="bulletin.published",
        title_text="Bản tin mới từ Đồn A: Gà thải",
        body_text="Qua mốc 1119",
    )
    for language in ("vi", "en"):
        with translation.override(language):
            assert (old.title, old.body) == ("Bản tin mới từ Đồn A: Gà thải", "Qua mốc 1119")
    assert (
        "Bản tin mới từ Đồn A: Gà thải" in login(EN_READER, lang="en").get("/notifications/").content.decode()
    )
