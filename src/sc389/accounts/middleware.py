"""Session idle timeout and the second-factor gate."""

import time

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import policy
from .signals import SEEN_KEY

# Paths a user who still owes the second factor may reach: the factor itself, logout, language, assets, probes.
OPEN_PREFIXES = ("/accounts/", "/logout/", "/i18n/", "/static/", "/health/", "/ready/", "/metrics")


class SessionIdleMiddleware:
    """A session lives SESSION_COOKIE_AGE after the last request, not after login.

    The expiry is pushed forward at most every SESSION_IDLE_REFRESH_SECONDS, so pages do not write the session
    on every request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            seen = request.session.get(SEEN_KEY)
            if seen is None or now - seen >= settings.SESSION_IDLE_REFRESH_SECONDS:
                request.session[SEEN_KEY] = now  # modified: saved with a fresh expiry
        return self.get_response(request)


class RequireOTPMiddleware:
    """Administrators and the standing office pass the TOTP step before anything else (settings.OTP_REQUIRED)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(OPEN_PREFIXES) or not policy.needs_verification(request):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"code": "otp_required", "detail": _("Cần xác thực hai lớp: đăng nhập lại qua trang web.")},
                status=403,
            )
        has_device = request.user.totpdevice_set.filter(confirmed=True).exists()
        target = reverse("accounts:otp_verify" if has_device else "accounts:otp_setup")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
