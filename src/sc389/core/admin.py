"""Django admin: every write made there is audited like any other; the audit log itself is read-only."""

from django.contrib import admin
from django.db import transaction

from . import audit
from .models import AuditEvent


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletes write audit rows with the field-level change, in one transaction."""

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

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit.record(
                actor=request.user,
                verb=f"{obj._meta.model_name}.deleted",
                target=obj,
                changes=audit.diff(audit.snapshot(obj), {}),
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
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
