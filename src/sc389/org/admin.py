from django.contrib import admin

from sc389.core.admin import AuditedAdmin

from .models import AdministrativeUnit, Committee, CommitteeMember, Force, Membership, Unit


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(AuditedAdmin):
    list_display = ["code", "name", "level", "parent", "valid_from", "valid_to", "current_province"]
    list_filter = ["level"]
    search_fields = ["code", "name", "name_folded"]
    raw_id_fields = ["parent", "current_province", "predecessors"]


@admin.register(Force)
class ForceAdmin(AuditedAdmin):
    list_display = ["code", "name", "name_en"]


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["code", "name", "force", "parent", "home_province", "valid_to"]
    list_filter = ["force"]
    search_fields = ["code", "name", "name_folded"]
    raw_id_fields = ["parent", "area", "home_province", "predecessors"]


class CommitteeMemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0
    raw_id_fields = ["unit"]


@admin.register(Committee)
class CommitteeAdmin(AuditedAdmin):
    inlines = [CommitteeMemberInline]
    list_display = ["code", "name", "level", "area", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    raw_id_fields = ["area", "parent"]


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "role", "unit", "committee", "valid_from", "valid_to"]
    list_filter = ["role"]
    raw_id_fields = ["user", "unit", "committee"]
