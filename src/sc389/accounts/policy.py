"""Who must use a second factor: administrators and the standing office (docs/security.md).

Superusers and staff (Django admin), anyone with the admin role, and analysts of a committee (the standing
office). The answer is kept in the session, computed once after login: a role given during a session applies
from the next login.
"""

import datetime as dt

from django.conf import settings
from django.db.models import Q

from sc389.org.choices import Role
from sc389.org.models import Membership

SESSION_KEY = "sc389_otp_required"


def otp_required(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.is_staff:
        return True
    today = dt.date.today()
    return (
        Membership.objects.filter(user_id=user.pk)
        .filter(Q(role=Role.ADMIN) | Q(role=Role.ANALYST, committee__isnull=False))
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .exists()
    )


def needs_verification(request) -> bool:
    """Is this request's user one who must pass the second factor and has not yet in this session?"""
    if not settings.OTP_REQUIRED:
        return False
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_verified():
        return False
    session = request.session
    if SESSION_KEY not in session:
        session[SESSION_KEY] = otp_required(user)
    return bool(session[SESSION_KEY])
