"""Who is calling: a bearer token (machine clients) or the browser's session (with CSRF on writes).

Both give the Django user as `request.auth` and `request.user`, so services get the same actor whichever way
the call came in; the audit channel ("api") comes from core.middleware.
"""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from .errors import CsrfFailed
from .services import api_token_authenticate


class TokenAuth(HttpBearer):
    """`Authorization: Bearer sc389_…`. A token that is sent but unknown or revoked is refused outright (401);
    the call does not fall back to the session, so a machine client never sees a CSRF error instead."""

    def authenticate(self, request: HttpRequest, token: str):
        found = api_token_authenticate(token.strip())
        if found is None:
            raise AuthenticationError(401, str(_("Mã truy cập (token) không hợp lệ hoặc đã bị thu hồi.")))
        request.user = found.user
        request.api_token = found
        return found.user


class SessionAuth(APIKeyCookie):
    """The logged-in browser user; unsafe methods need the CSRF token (header X-CSRFToken)."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def _get_key(self, request: HttpRequest):
        # Only a logged-in session is checked for CSRF: an anonymous call is simply unauthenticated (401).
        if not request.user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise CsrfFailed()
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key):
        return request.user if request.user.is_authenticated else None
