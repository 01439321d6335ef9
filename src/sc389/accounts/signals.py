"""Logins, logouts and failed logins go to the audit log.

Django's login is the one service there is for these, so they are recorded from its signals (the exception
to "no audit through signals": there is no SC389 service to put them in).
"""

import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from sc389.core import audit

SEEN_KEY = "sc389_seen"


@receiver(user_logged_in, dispatch_uid="sc389_audit_login")
def _logged_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SEEN_KEY] = int(time.time())  # the idle clock starts now (SessionIdleMiddleware)
    audit.record(actor=user, verb="auth.login", target=user)


@receiver(user_logged_out, dispatch_uid="sc389_audit_logout")
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit.record(actor=user, verb="auth.logout", target=user)


@receiver(user_login_failed, dispatch_uid="sc389_audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    # The username tried (never the password: Django already masks it in `credentials`).
    username = str(credentials.get("username", ""))[:150]
    locked = bool(getattr(request, "axes_locked_out", False))
    audit.record(actor=None, verb="auth.login_failed", data={"username": username, "locked_out": locked})
