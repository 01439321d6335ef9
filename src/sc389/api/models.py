"""API tokens for machine clients: shown once at creation, stored only as a hash."""

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A bearer token a force's system uses to call the API as `user` (same scope as the user on the web).

    Only the SHA-256 of the token is kept: a token has 256 random bits, so a fast hash is enough and lets a
    request find its token by one indexed lookup. `prefix` (the first characters) tells tokens apart in lists.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
