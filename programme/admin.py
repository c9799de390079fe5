"""The secretariat edits programmes and their goal tree here (inlines, with history one click away)."""

from django.contrib import admin

from organisations.admin import CooperationScopedAdmin, ScopedStackedInline, ScopedTabularInline
from programme import models as m


class PrincipleInline(ScopedTabularInline):
    model = m.Principle
    extra = 0


class FocusAreaInline(ScopedStackedInline):
    model = m.FocusArea
    extra = 0
    show_change_link = True


class ExternalGoalInline(ScopedTabularInline):
    model = m.ExternalGoal
    extra = 0


class GoalInline(ScopedTabularInline):
    model = m.Goal
    extra = 0
    fields = ["parent", "text", "order"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            area_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
            qs = m.Goal.objects.filter(parent__isnull=True)
            kwargs["queryset"] = qs.filter(focus_area_id=area_id) if area_id else qs.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(m.Programme)
class ProgrammeAdmin(CooperationScopedAdmin):
    list_display = ["short_name", "name", "cooperation", "year", "term_start_year", "term_end_year", "replaces"]
    list_filter = ["cooperation"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [PrincipleInline, FocusAreaInline, ExternalGoalInline]


@admin.register(m.FocusArea)
class FocusAreaAdmin(CooperationScopedAdmin):
    list_display = ["name", "programme", "group", "order"]
    list_filter = ["programme__cooperation", "programme"]
    inlines = [GoalInline]


@admin.register(m.Goal)
class GoalAdmin(CooperationScopedAdmin):
    list_display = ["text", "focus_area", "parent", "order"]
    list_filter = ["focus_area__programme"]
    search_fields = ["text"]


@admin.register(m.GoverningDocument)
class GoverningDocumentAdmin(CooperationScopedAdmin):
    list_display = ["title", "date", "cooperation"]


class AdoptionInline(ScopedTabularInline):
    model = m.Adoption
    extra = 0
    show_change_link = True


@admin.register(m.AdoptionRound)
class AdoptionRoundAdmin(CooperationScopedAdmin):
    list_display = ["title", "kind", "cooperation", "sent_on", "deadline"]
    inlines = [AdoptionInline]


class StepInline(ScopedStackedInline):
    model = m.AdoptionStep
    extra = 0


@admin.register(m.Adoption)
class AdoptionAdmin(CooperationScopedAdmin):
    list_display = ["municipality", "round", "case_number", "deciding_body"]
    list_filter = ["round"]
    inlines = [StepInline]
