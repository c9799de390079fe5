from django.contrib import admin

from kpi import models as m
from organisations.admin import CooperationScopedAdmin, ScopedTabularInline


class GroupItemInline(ScopedTabularInline):
    model = m.KeyFigureGroupItem
    extra = 0
    autocomplete_fields = ["figure"]


@admin.register(m.KeyFigureGroup)
class KeyFigureGroupAdmin(CooperationScopedAdmin):
    list_display = ["name", "cooperation", "kolada_group_id"]
    list_filter = ["cooperation"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [GroupItemInline]


@admin.register(m.KeyFigure)
class KeyFigureAdmin(admin.ModelAdmin):
    list_display = ["kolada_id", "title", "unit", "operating_area", "higher_is_better", "is_count"]
    search_fields = ["kolada_id", "title"]
    list_filter = ["operating_area"]


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
