"""Django admin: every write made there is audited like any other; the audit log itself is read-only."""

from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import audit, softdelete
from .models import AuditEvent


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletes write audit rows with the field-level change, in one transaction.

    For a soft-deletable model (core.softdelete) deleting only marks the record, and a "restore" action undoes it.
    """

    def save_model(self, request, obj, form, change):
        before = audit.snapshot(type(obj)._default_manager.get(pk=obj.pk)) if change and obj.pk else {}
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            verb = f"{obj._meta.model_name}.{'updated' if change else 'created'}"
            audit.record(
                actor=request.user, verb=verb, target=obj, changes=audit.diff(before, audit.snapshot(obj))
            )

    def save_related(self, request, form, formsets, change):
        obj = form.instance
        m2m_before = {
            f.name: sorted(getattr(obj, f.name).values_list("pk", flat=True)) for f in obj._meta.many_to_many
        }
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            m2m_after = {
                f.name: sorted(getattr(obj, f.name).values_list("pk", flat=True))
                for f in obj._meta.many_to_many
            }
            changes = audit.diff(m2m_before, m2m_after)
            for formset in formsets:
                for new in formset.new_objects:
                    changes[f"{new._meta.model_name}:{new.pk}"] = [None, audit.snapshot(new)]
                for changed, fields in formset.changed_objects:
                    changes[f"{changed._meta.model_name}:{changed.pk}"] = ["changed", fields]
                for deleted in formset.deleted_objects:
                    changes[f"{deleted._meta.model_name}:{deleted.pk}"] = [audit.snapshot(deleted), None]
            if changes:
                audit.record(
                    actor=request.user,
                    verb=f"{obj._meta.model_name}.related_updated",
                    target=obj,
                    changes=changes,
                )

    # --- deleting: a soft-deletable record is only marked deleted (restorable); others are deleted, audited ---

    def _soft(self) -> bool:
        return softdelete.is_soft_deletable(self.model)

    def get_queryset(self, request):
        """Deleted records stay listed here (marked), so an administrator can restore them."""
        if not self._soft():
            return super().get_queryset(request)
        qs = self.model.all_objects.get_queryset()
        ordering = self.get_ordering(request)
        return qs.order_by(*ordering) if ordering else qs

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        return [*shown, "deleted_at", "deletion_reason"] if self._soft() else shown

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self._soft() and self.has_delete_permission(request):
            actions["restore_selected"] = (
                type(self).restore_selected,
                "restore_selected",
                _("Khôi phục các bản ghi đã xóa được chọn"),
            )
        return actions

    def restore_selected(self, request, queryset):
        restored = 0
        with transaction.atomic():
            for obj in queryset.filter(deleted_at__isnull=False):
                softdelete.restore(obj, actor=request.user)
                restored += 1
        self.message_user(request, _("Đã khôi phục %(count)s bản ghi.") % {"count": restored})

    def get_deleted_objects(self, objs, request):
        """A soft delete removes nothing else: the confirmation lists only the records themselves."""
        if not self._soft():
            return super().get_deleted_objects(objs, request)
        objs = list(objs)
        perms_needed = set() if self.has_delete_permission(request) else {self.model._meta.verbose_name}
        counts = {self.model._meta.verbose_name_plural: len(objs)}
        return [str(o) for o in objs], counts, perms_needed, []

    def delete_model(self, request, obj):
        if self._soft():  # never a hard delete: marked, with the admin user and the reason, and restorable
            if obj.deleted_at is None:
                softdelete.soft_delete(obj, actor=request.user, reason=softdelete.ADMIN_REASON)
            return
        with transaction.atomic():
            audit.record(
                actor=request.user,
                verb=f"{obj._meta.model_name}.deleted",
                target=obj,
                changes=audit.diff(audit.snapshot(obj), {}),
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        if self._soft():
            with transaction.atomic():
                for obj in queryset.filter(deleted_at__isnull=True):
                    softdelete.soft_delete(obj, actor=request.user, reason=softdelete.ADMIN_REASON)
            return
        with transaction.atomic():
            for obj in queryset:
                audit.record(
                    actor=request.user,
                    verb=f"{obj._meta.model_name}.deleted",
                    target=obj,
                    changes=audit.diff(audit.snapshot(obj), {}),
                )
            super().delete_queryset(request, queryset)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "channel", "verb", "target_type", "target_repr", "ip"]
    list_filter = ["channel", "verb", "target_type"]
    search_fields = ["actor_label", "target_repr", "verb", "target_id"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
