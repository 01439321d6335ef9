from django.contrib import admin

from sc389.core.admin import AuditedAdmin

from .models import CommodityGroup, ViolationType


@admin.register(ViolationType)
class ViolationTypeAdmin(AuditedAdmin):
    """The managed list of violation types; cases themselves are edited in the application, not here."""

    list_display = ["code", "name", "name_en", "category", "active"]
    list_filter = ["category", "active"]
    search_fields = ["code", "name"]


@admin.register(CommodityGroup)
class CommodityGroupAdmin(AuditedAdmin):
    list_display = ["code", "name", "name_en", "active"]
    search_fields = ["code", "name"]
