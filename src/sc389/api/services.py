"""Writes to API tokens: create (the only moment the token is seen), revoke, mark used. Audited."""

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from sc389.core import audit

from .models import ApiToken

TOKEN_PREFIX = "sc389_"
# Writing `last_used_at` on every call would turn each read into a write; once a minute is precise enough.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    raw: str  # shown once to whoever asked for it; never stored


@transaction.atomic
def api_token_create(*, user, name: str, actor=None) -> IssuedToken:
    """Issue a token for `user`; the raw value is returned once and only its hash is stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user, name=name.strip(), prefix=raw[: len(TOKEN_PREFIX) + 6], token_hash=token_hash(raw)
    )
    token.full_clean()
    token.save()
    audit.record(
        actor=actor,
        verb="api_token.created",
        target=token,
        data={"user": user.pk, "name": token.name, "prefix": token.prefix},
    )
    return IssuedToken(token=token, raw=raw)


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor=None) -> ApiToken:
    """Refuse the token from now on; the row stays so the audit trail keeps naming it."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actor=actor, verb="api_token.revoked", target=token, data={"prefix": token.prefix})
    return token


def api_token_authenticate(raw: str) -> ApiToken | None:
    """The live token for a raw value (its user active), or None; notes when it was last used."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=token_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
