from django.contrib import admin

from kpi import models as m
from organisations.admin import CooperationScopedAdmin, ScopedTabularInline
from programme.models import FocusArea


class GroupItemInline(ScopedTabularInline):
    model = m.KeyFigureGroupItem
    extra = 0
    autocomplete_fields = ["figure"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """Focus areas of the programmes of the user's own cooperations only (the model refuses any other)."""
        if db_field.name == "focus_area" and not request.user.is_superuser:
            kwargs["queryset"] = FocusArea.objects.filter(
                programme__cooperation__staff_roles__user=request.user
            ).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(m.KeyFigureGroup)
class KeyFigureGroupAdmin(CooperationScopedAdmin):
    list_display = ["name", "cooperation", "kolada_group_id"]
    list_filter = ["cooperation"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [GroupItemInline]


@admin.register(m.KeyFigure)
class KeyFigureAdmin(admin.ModelAdmin):
    """Kolada's definitions, national: a cooperation's secretariat may look them up (kpi.view_keyfigure, also the
    figure autocomplete of a group's items), only a system administrator changes them."""

    list_display = ["kolada_id", "title", "unit", "operating_area", "higher_is_better", "is_count"]
    search_fields = ["kolada_id", "title"]
    list_filter = ["operating_area"]

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("kpi.view_keyfigure", obj)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff


@admin.register(m.Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["kolada_id", "title", "type"]
    search_fields = ["kolada_id", "title"]
    list_filter = ["type"]


@admin.register(m.ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["started_at", "kind", "source", "value_count", "created_by"]
    list_filter = ["kind"]
    readonly_fields = ["started_at", "finished_at", "value_count", "created_by"]


@admin.register(m.KeyFigureReport)
class KeyFigureReportAdmin(CooperationScopedAdmin):
    """Published key-figure reports, read-only: the secretariat publishes on the group's page
    (kpi.services.report_approve) and a published report is final (the model refuses any change or delete)."""

    list_display = ["group", "year", "approved_on", "approved_by"]
    list_filter = ["group__cooperation"]
    readonly_fields = ["group", "year", "approved_on", "approved_by", "note", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
