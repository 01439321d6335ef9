"""Bearer tokens for machine clients, the session (with CSRF) for the browser; writes audited with the actor."""

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from sc389.api import services as api_services
from sc389.api.models import ApiToken
from sc389.core.models import AuditEvent

from ..orgtree import PASSWORD
from .conftest import API, assert_error


@pytest.fixture
def case(make_case):
    return make_case()


def bearer(raw: str) -> dict:
    return {"Authorization": f"Bearer {raw}"}


def test_missing_token_is_401_with_the_error_schema(client, case):
    response = client.get(f"{API}/cases/{case.pk}")
    assert_error(response, 401, "unauthenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Bearer sc389_not-a-real-token", "Bearer garbage", "Bearer "])
def test_invalid_token_is_401(client, case, header):
    assert_error(client.get(f"{API}/cases", headers={"Authorization": header}), 401, "unauthenticated")


def test_invalid_token_on_a_write_is_401_not_a_csrf_error(client, tree):
    response = client.post(
        f"{API}/cases", data="{}", content_type="application/json", headers=bearer("sc389_forged")
    )
    assert_error(response, 401, "unauthenticated")


def test_revoked_token_is_refused(client, tree, case):
    issued = api_services.api_token_create(user=tree.users["officer_langson_customs"], name="hq-system")
    assert client.get(f"{API}/cases/{case.pk}", headers=bearer(issued.raw)).status_code == 200
    api_services.api_token_revoke(token=issued.token, actor=tree.users["admin_national"])
    assert_error(client.get(f"{API}/cases/{case.pk}", headers=bearer(issued.raw)), 401, "unauthenticated")
    assert AuditEvent.objects.filter(verb="api_token.revoked", target_id=str(issued.token.pk)).exists()


def test_token_of_an_inactive_user_is_refused(client, tree, case):
    user = tree.users["officer_langson_customs"]
    issued = api_services.api_token_create(user=user, name="hq-system")
    user.is_active = False
    user.save()
    assert_error(client.get(f"{API}/cases", headers=bearer(issued.raw)), 401)


def test_token_is_stored_hashed_and_marks_its_use(client, tree, case):
    issued = api_services.api_token_create(user=tree.users["officer_langson_customs"], name="hq-system")
    row = ApiToken.objects.get(pk=issued.token.pk)
    stored = json.dumps(list(ApiToken.objects.values()), default=str)
    assert issued.raw not in stored
    assert row.token_hash == api_services.token_hash(issued.raw) and row.last_used_at is None
    assert issued.raw.startswith(row.prefix)
    client.get(f"{API}/cases", headers=bearer(issued.raw))
    row.refresh_from_db()
    assert row.last_used_at is not None
    event = AuditEvent.objects.get(verb="api_token.created", target_id=str(row.pk))
    assert issued.raw not in json.dumps(event.data)


def test_create_api_token_command_prints_a_working_token(client, tree, case):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "create_api_token", "officer_langson_customs", "--name", "Hệ thống HQ", stdout=out, stderr=err
    )
    raw = out.getvalue().strip()
    assert raw.startswith("sc389_") and "shown once" in err.getvalue()
    token = ApiToken.objects.get(token_hash=api_services.token_hash(raw))
    assert token.name == "Hệ thống HQ" and token.user == tree.users["officer_langson_customs"]
    assert client.get(f"{API}/cases/{case.pk}", headers=bearer(raw)).status_code == 200
    assert AuditEvent.objects.get(verb="api_token.created", target_id=str(token.pk)).channel == "cli"


def test_create_api_token_command_refuses_unknown_user(tree):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody", "--name", "x", stdout=io.StringIO())


def test_token_write_is_audited_with_the_user_as_actor_and_channel_api(call, tree, case):
    response = call(
        "officer_langson_customs",
        "PATCH",
        f"/cases/{case.pk}",
        {"version": case.version, "place_text": "Mốc 1119"},
        headers={"X-Request-ID": "req-389"},
    )
    assert response.status_code == 200, response.content
    event = AuditEvent.objects.get(verb="case.updated", target_id=str(case.pk))
    assert event.actor == tree.users["officer_langson_customs"]
    assert event.channel == "api" and event.request_id == "req-389" and event.ip == "127.0.0.1"
    assert event.changes["place_text"] == ["", "Mốc 1119"]


def test_session_reads_and_writes_need_csrf(tree, case):
    browser = Client(enforce_csrf_checks=True)
    assert browser.login(username="officer_langson_customs", password=PASSWORD)
    assert browser.get(f"{API}/cases/{case.pk}").status_code == 200
    payload = json.dumps({"version": case.version, "narrative": "Ghi từ trình duyệt"})
    refused = browser.patch(f"{API}/cases/{case.pk}", data=payload, content_type="application/json")
    assert_error(refused, 403, "csrf_failed")
    browser.get(f"{API}/docs")  # the docs page hands the browser its CSRF token, as Swagger UI uses it
    token = browser.cookies["csrftoken"].value
    accepted = browser.patch(
        f"{API}/cases/{case.pk}",
        data=payload,
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["narrative"] == "Ghi từ trình duyệt"
    event = AuditEvent.objects.get(verb="case.updated", target_id=str(case.pk))
    assert event.channel == "api" and event.actor == tree.users["officer_langson_customs"]


def test_anonymous_write_is_401_not_a_csrf_error(tree):
    browser = Client(enforce_csrf_checks=True)
    assert_error(browser.post(f"{API}/cases", data="{}", content_type="application/json"), 401)


def test_admin_lists_and_revokes_tokens(client, tree, case):
    from django.contrib.auth import get_user_model

    issued = api_services.api_token_create(user=tree.users["officer_langson_customs"], name="hq-system")
    root = get_user_model().objects.create_superuser("root", "root@example.vn", PASSWORD)
    client.force_login(root)
    listing = client.get("/admin/api/apitoken/")
    assert listing.status_code == 200 and issued.token.prefix in listing.content.decode()
    client.post(
        "/admin/api/apitoken/", {"action": "revoke", "_selected_action": [issued.token.pk]}, follow=True
    )
    issued.token.refresh_from_db()
    assert issued.token.revoked_at is not None
    assert AuditEvent.objects.get(verb="api_token.revoked").actor == root
    client.logout()
    assert client.get(f"{API}/cases", headers=bearer(issued.raw)).status_code == 401
