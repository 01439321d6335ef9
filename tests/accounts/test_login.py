"""Passwords (Argon2, upgrade on login), lockout after repeated failures (django-axes), login audit, idle expiry."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.test import override_settings

from sc389.core.models import AuditEvent
from tests.orgtree import PASSWORD

ARGON_FIRST = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
]
AXES_ON = {"AXES_ENABLED": True, "AXES_FAILURE_LIMIT": 3}


def _login(client, username: str, password: str):
    return client.post("/login/", {"username": username, "password": password})


def test_production_settings_put_argon2_first():
    from sc389.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.django_db
@override_settings(PASSWORD_HASHERS=ARGON_FIRST)
def test_an_old_hash_is_upgraded_to_argon2_at_login(client, tree):
    # given: a user whose password was stored with PBKDF2 before Argon2 came first
    user = tree.users["officer_langson_customs"]
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    # when
    response = _login(client, user.username, PASSWORD)
    # then
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")


@pytest.mark.django_db
@override_settings(**AXES_ON)
def test_locked_out_after_the_failure_limit_then_unlocked_by_the_admin_command(client, tree):
    user = tree.users["officer_langson_customs"]
    statuses = [_login(client, user.username, "wrong").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]  # the form again with its error; the third failure locks
    # locked: even the right password is refused now
    response = _login(client, user.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # an administrator unlocks the username
    call_command("axes_reset_username", user.username)
    response = _login(client, user.username, PASSWORD)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
@override_settings(**AXES_ON)
def test_failures_of_one_user_do_not_lock_another(client, tree):
    for _ in range(3):
        _login(client, "officer_langson_customs", "wrong")
    assert _login(client, "officer_langson_qltt", PASSWORD).status_code == 302


@pytest.mark.django_db
@override_settings(**AXES_ON)
def test_logins_logouts_and_failures_are_audited(client, tree):
    user = tree.users["officer_langson_customs"]
    _login(client, user.username, "wrong")
    _login(client, user.username, PASSWORD)
    client.post("/logout/")
    failed = AuditEvent.objects.get(verb="auth.login_failed")
    assert failed.data["username"] == user.username and failed.actor_id is None
    assert "wrong" not in str(failed.data)  # never the password
    login = AuditEvent.objects.get(verb="auth.login")
    assert (login.actor_id, login.channel, login.ip) == (user.pk, "web", "127.0.0.1")
    assert AuditEvent.objects.filter(verb="auth.logout", actor=user).count() == 1


@pytest.mark.django_db
def test_session_ends_after_the_idle_timeout(client, tree, settings, monkeypatch):
    import time

    settings.SESSION_COOKIE_AGE = 120
    settings.SESSION_IDLE_REFRESH_SECONDS = 30
    user = tree.users["officer_langson_customs"]
    assert _login(client, user.username, PASSWORD).status_code == 302
    start = time.time()
    # activity every 100 s keeps the session (each request pushes the expiry forward)
    for step in (100, 200, 300):
        _freeze(monkeypatch, start + step)
        assert client.get("/cases/").status_code == 200
    # 130 s without a request: over the 120 s idle limit
    _freeze(monkeypatch, start + 430)
    response = client.get("/cases/")
    assert response.status_code == 302 and response.url.startswith("/login/")


def _freeze(monkeypatch, at: float) -> None:
    """Django's session expiry reads timezone.now(); the idle middleware reads time.time()."""
    import datetime as dt
    import time

    from django.utils import timezone

    monkeypatch.setattr(time, "time", lambda: at)
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime.fromtimestamp(at, tz=dt.UTC))


@pytest.mark.django_db
def test_new_users_get_argon2_in_production_settings(settings):
    settings.PASSWORD_HASHERS = ARGON_FIRST
    user = get_user_model().objects.create_user("newcomer", password="a long pass phrase 389")
    assert user.password.startswith("argon2$")
