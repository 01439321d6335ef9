"""The second factor: required for administrators and the standing office (OTP_REQUIRED on, as in production),
enrolment with a QR code, a code after each login, the API refused to an unverified session."""

import base64
import re

import pytest
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sc389.accounts import policy
from sc389.api import services as api_services
from sc389.core.models import AuditEvent
from tests.orgtree import PASSWORD

# persona -> must use the second factor
REQUIRED = {
    "admin_national": True,
    "admin_langson": True,
    "analyst_national": True,
    "analyst_langson": True,
    "staff_commune_a": True,  # an analyst of the commune committee
    "leader_national": False,
    "leader_customs_region": False,
    "officer_langson_customs": False,
    "reviewer_langson_customs": False,
}


@pytest.fixture(autouse=True)
def otp_on(settings):
    settings.OTP_REQUIRED = True


def _code(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def _login(client, name):
    response = client.post("/login/", {"username": name, "password": PASSWORD})
    assert response.status_code == 302
    return response


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_who_must_use_the_second_factor(client, tree, name):
    assert policy.otp_required(tree.users[name]) is REQUIRED[name]
    _login(client, name)
    response = client.get("/cases/")
    if REQUIRED[name]:
        assert response.status_code == 302 and response.url.startswith("/accounts/otp/setup/")
    else:
        assert response.status_code == 200


@pytest.mark.django_db
def test_superuser_must_use_it(client, django_user_model):
    django_user_model.objects.create_superuser("root", password=PASSWORD)
    _login(client, "root")
    assert client.get("/admin/").url.startswith("/accounts/otp/setup/")


@pytest.mark.django_db
def test_enrol_then_verify_at_each_login(client, tree):
    user = tree.users["admin_langson"]
    _login(client, "admin_langson")
    # the enrolment page shows the QR code inline (SVG, no image service) and the secret
    page = client.get("/accounts/otp/setup/?next=/cases/")
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "<img" not in html.split("<main", 1)[1]
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = re.search(r'class="otp-secret">([A-Z2-7]+)<', html).group(1)
    assert base64.b32decode(secret + "=" * (-len(secret) % 8)) == device.bin_key
    # a wrong code is refused and audited
    page = client.post("/accounts/otp/setup/", {"token": "000000", "next": "/cases/"})
    assert page.status_code == 200 and AuditEvent.objects.filter(verb="auth.otp_failed").exists()
    # right after a failure the device is throttled (django-otp: a growing delay), even for the right code
    assert client.post("/accounts/otp/setup/", {"token": _code(device), "next": "/cases/"}).status_code == 200
    device.refresh_from_db()
    device.throttle_reset()
    # the right one confirms the device and lets the user in
    response = client.post("/accounts/otp/setup/", {"token": _code(device), "next": "/cases/"})
    assert response.status_code == 302 and response.url == "/cases/"
    assert client.get("/cases/").status_code == 200
    assert AuditEvent.objects.filter(verb="auth.otp_enrolled", actor=user).count() == 1
    # next login: the code again, on the verify page
    client.post("/logout/")
    _login(client, "admin_langson")
    response = client.get("/cases/")
    assert response.url.startswith("/accounts/otp/verify/")
    device.refresh_from_db()
    device.last_t = -1  # a new code period (the same code is never accepted twice)
    device.save()
    response = client.post("/accounts/otp/verify/", {"token": _code(device), "next": "/cases/"})
    assert response.status_code == 302 and client.get("/cases/").status_code == 200
    assert AuditEvent.objects.filter(verb="auth.otp_verified", actor=user).count() == 1


@pytest.mark.django_db
def test_a_code_is_not_accepted_twice(client, tree):
    user = tree.users["analyst_national"]
    device = TOTPDevice.objects.create(user=user, name="TOTP", confirmed=True)
    code = _code(device)
    _login(client, "analyst_national")
    assert client.post("/accounts/otp/verify/", {"token": code}).status_code == 302
    client.post("/logout/")
    _login(client, "analyst_national")
    page = client.post("/accounts/otp/verify/", {"token": code})
    assert page.status_code == 200 and client.get("/cases/").status_code == 302


@pytest.mark.django_db
def test_api_refuses_an_unverified_session_but_not_a_token(client, tree):
    _login(client, "admin_national")
    response = client.get("/api/v1/cases")
    assert response.status_code == 403 and response.json()["code"] == "otp_required"
    # a machine client's bearer token (issued by an administrator, `sc389 create_api_token`) has no second step
    issued = api_services.api_token_create(user=tree.users["admin_national"], name="nightly export")
    client.logout()
    response = client.get("/api/v1/cases", headers={"Authorization": f"Bearer {issued.raw}"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_otp_pages_and_logout_stay_reachable(client, tree):
    _login(client, "admin_national")
    assert client.get("/accounts/otp/setup/").status_code == 200
    assert client.get("/health/").status_code == 200
    assert client.post("/logout/").status_code == 302


@pytest.mark.django_db
def test_open_redirect_is_refused(client, tree):
    user = tree.users["analyst_langson"]
    device = TOTPDevice.objects.create(user=user, name="TOTP", confirmed=True)
    _login(client, "analyst_langson")
    response = client.post("/accounts/otp/verify/", {"token": _code(device), "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == "/"


@pytest.mark.django_db
def test_admin_resets_a_lost_authenticator(client, tree):
    user = tree.users["admin_national"]
    TOTPDevice.objects.create(user=user, name="TOTP", confirmed=True)
    call_command("otp_reset", "admin_national")
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(verb="auth.otp_reset", target_id=str(user.pk)).count() == 1
    _login(client, "admin_national")
    assert client.get("/cases/").url.startswith("/accounts/otp/setup/")
