"""The audit log: who did what, when, from where, with the field-level change. Append-only."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or remove an audit entry."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The audit log cannot be edited.")

    def delete(self):
        raise AppendOnlyError("The audit log cannot be deleted.")


class AuditEvent(models.Model):
    """One write to the system (create, update, delete, merge, import, login ...), never changed afterwards.

    Database triggers (migration 0002) refuse UPDATE and DELETE too, so not even raw SQL from the
    application rewrites history. Each row also carries the keyed hash of the one before (`prev_hash`) and its
    own (`hash`, over its canonical JSON, core.chain): `sc389 verify_audit` finds an edited, deleted or inserted
    row even when someone with database rights went around the triggers.
    """

    # Set before the row is hashed (not auto_now_add, which would change it after).
    at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True)
    channel = models.CharField(max_length=16, blank=True)  # web, api, import, admin, cli, task
    ip = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    verb = models.CharField(max_length=64, db_index=True)
    target_type = models.CharField(max_length=64, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_repr = models.CharField(max_length=255, blank=True)
    changes = models.JSONField(default=dict, blank=True)  # {field: [before, after]}
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.verb} {self.target_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("The audit log cannot be edited.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The audit log cannot be deleted.")


class AuditChainHead(models.Model):
    """The end of the audit hash chain: one row, locked by every audit writer so two cannot fork the chain.

    It also holds the last hash and the length, so removing the newest rows is detected too.
    """

    last_hash = models.CharField(max_length=64)
    length = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.length} {self.last_hash[:12]}"


class Counter(models.Model):
    """A named counter for human-readable numbers (case references); blocks are reserved under a row lock."""

    key = models.CharField(max_length=64, unique=True)
    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}={self.value}"
