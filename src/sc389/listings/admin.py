from django.contrib import admin

from sc389.core.admin import AuditedAdmin

from .models import ReferencePrice


@admin.register(ReferencePrice)
class ReferencePriceAdmin(AuditedAdmin):
    """The managed reference price list (also loaded by `sc389 score_listings --prices CSV`)."""

    list_display = ["brand", "product", "price_vnd", "updated_at"]
    search_fields = ["brand", "product"]
