"""Soft delete: nothing recorded is ever lost. A deleted row keeps its data, says who deleted it, when and why,
and an administrator can restore it.

A model opts in by inheriting `SoftDeletable`. Its default manager (`objects`) hides deleted rows, so every
selector, report, export, search, API and related manager (`case.goods`) stops seeing them without a change;
`all_objects` sees them, for the restore page and the audit. Unique values of a deleted row stay taken (a case's
reference number stays reserved), so a restore never collides.

`mark_deleted` / `mark_restored` change the row only: an app's service checks the right, writes its own audit
row (on the record people look at, e.g. the case) and calls them. `soft_delete` / `restore` are the generic
audited services (`<model>.deleted` with the reason, `<model>.restored`), used by the Django admin.
"""

from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import UniqueConstraint
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import audit
from .errors import DomainError

ADMIN_REASON = "xóa qua trang quản trị"  # recorded as said, in Vietnamese: the audit is read in Vietnam
REASON_MAX = 500


class LiveManager(models.Manager):
    """The rows that are not deleted: the default manager, so related managers hide deleted rows too."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)


class SoftDeletable(models.Model):
    """A record that is deleted by marking it, with a reason, and can be restored by an administrator."""

    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Nullable only so that adding it is a plain ALTER TABLE ADD COLUMN: SQLite would otherwise rebuild each table
    # (a million cases) and drop its triggers (the case word index). Set together with deleted_at, else NULL.
    deletion_reason = models.CharField(max_length=REASON_MAX, null=True, blank=True, editable=False)  # noqa: DJ001

    objects = LiveManager()
    all_objects = models.Manager()  # noqa: DJ012 (the first manager is the default: keep `objects` first)

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def validate_constraints(self, exclude: Any = None) -> None:
        """Django checks unique constraints on the default manager, which hides deleted rows: a deleted row's
        values stay taken, so check them on every row too (a clear message instead of a database error)."""
        super().validate_constraints(exclude=exclude)
        model = type(self)
        for constraint in model._meta.constraints:
            if not isinstance(constraint, UniqueConstraint) or not constraint.fields:
                continue
            if exclude and set(constraint.fields) & set(exclude):
                continue
            values = {name: getattr(self, model._meta.get_field(name).attname) for name in constraint.fields}
            if any(v is None for v in values.values()):
                continue
            taken = model.all_objects.filter(deleted_at__isnull=False, **values).exclude(pk=self.pk)
            if constraint.condition is not None:
                taken = taken.filter(constraint.condition)
            if taken.exists():
                raise ValidationError(
                    _("%(message)s Bản ghi đó đã bị xóa; đề nghị quản trị viên khôi phục.")
                    % {"message": constraint.violation_error_message or ""},
                    code="deleted_duplicate",
                )


def is_soft_deletable(model: type[models.Model]) -> bool:
    return issubclass(model, SoftDeletable)


def soft_deletable_models() -> list[type[SoftDeletable]]:
    """Every model that opts in, for the restore page and the admin."""
    return [m for m in apps.get_models() if issubclass(m, SoftDeletable)]


def clean_reason(reason: str | None) -> str:
    """The reason as stored; refuses a blank one (a deletion must say why)."""
    text = " ".join((reason or "").split())
    if not text:
        raise DomainError("reason_required", _("Cần ghi lý do xóa."), field="reason")
    if len(text) > REASON_MAX:
        raise DomainError(
            "reason_too_long",
            _("Lý do xóa dài quá %(max)s ký tự.") % {"max": REASON_MAX},
            field="reason",
        )
    return text


def check_version(obj: models.Model, expected_version: int | None) -> None:
    """Optimistic locking where the model has a version: a deletion based on an old read is refused."""
    if expected_version is not None and getattr(obj, "version", expected_version) != expected_version:
        raise DomainError(
            "stale_version",
            _("Bản ghi đã được người khác sửa sau khi bạn mở; hãy tải lại để xem thay đổi."),
            status=409,
        )


def _fields(obj: models.Model) -> list[str]:
    fields = ["deleted_at", "deleted_by", "deletion_reason"]
    if hasattr(obj, "version"):
        fields.append("version")
    return fields


def mark_deleted(obj: SoftDeletable, *, actor, reason: str) -> dict[str, Any]:
    """Mark `obj` deleted (no audit: the caller writes it); returns the audit data (reason, who, when)."""
    if obj.deleted_at is not None:
        raise DomainError("already_deleted", _("Bản ghi này đã bị xóa."), status=409)
    obj.deleted_at = timezone.now()
    obj.deleted_by = actor if getattr(actor, "pk", None) else None
    obj.deletion_reason = clean_reason(reason)
    if hasattr(obj, "version"):
        obj.version += 1
    obj.save(update_fields=_fields(obj))
    return {"reason": obj.deletion_reason, "deleted_at": obj.deleted_at}


def mark_restored(obj: SoftDeletable) -> dict[str, Any]:
    """Bring `obj` back as it was (no audit: the caller writes it); returns what the deletion had recorded."""
    if obj.deleted_at is None:
        raise DomainError("not_deleted", _("Bản ghi này chưa bị xóa."), status=409)
    was = {
        "reason": obj.deletion_reason,
        "deleted_at": obj.deleted_at,
        "deleted_by": obj.deleted_by_id,
    }
    obj.deleted_at = None
    obj.deleted_by = None
    obj.deletion_reason = None
    if hasattr(obj, "version"):
        obj.version += 1
    obj.save(update_fields=_fields(obj))
    return was


@transaction.atomic
def soft_delete(
    obj: SoftDeletable, *, actor, reason: str, expected_version: int | None = None
) -> SoftDeletable:
    """Delete `obj` by marking it, audited as `<model>.deleted` with the reason (the right is the caller's)."""
    obj = type(obj).all_objects.select_for_update().get(pk=obj.pk)
    check_version(obj, expected_version)
    data = mark_deleted(obj, actor=actor, reason=reason)
    audit.record(actor=actor, verb=f"{obj._meta.model_name}.deleted", target=obj, data=data)
    return obj


@transaction.atomic
def restore(obj: SoftDeletable, *, actor) -> SoftDeletable:
    """Undo a soft delete, audited as `<model>.restored` with what the deletion had recorded."""
    obj = type(obj).all_objects.select_for_update().get(pk=obj.pk)
    data = mark_restored(obj)
    audit.record(actor=actor, verb=f"{obj._meta.model_name}.restored", target=obj, data=data)
    return obj
