from django.contrib import admin

from organisations.admin import CooperationScopedAdmin, ScopedTabularInline
from plans import models as m


class ActivityInline(ScopedTabularInline):
    model = m.Activity
    fields = ["title", "start", "due", "status", "version"]
    readonly_fields = ["version"]
    extra = 0


@admin.register(m.OperatingPlan)
class OperatingPlanAdmin(CooperationScopedAdmin):
    list_display = ["title", "cooperation", "year", "programme", "approved_on"]
    list_filter = ["cooperation", "year"]


@admin.register(m.ActionPlan)
class ActionPlanAdmin(CooperationScopedAdmin):
    list_display = ["body", "year", "cooperation", "is_demo"]
    list_filter = ["cooperation", "year"]
    inlines = [ActivityInline]


@admin.register(m.Activity)
class ActivityAdmin(CooperationScopedAdmin):
    list_display = ["title", "action_plan", "status", "start", "due", "version"]
    list_filter = ["status", "action_plan__year"]
    readonly_fields = ["version"]
    filter_horizontal = ["goals", "municipalities"]


@admin.register(m.Indicator)
class IndicatorAdmin(CooperationScopedAdmin):
    list_display = ["name", "goal", "unit", "baseline", "target", "direction", "responsible_body"]


@admin.register(m.FollowUpRound)
class FollowUpRoundAdmin(CooperationScopedAdmin):
    list_display = ["__str__", "cooperation", "deadline", "state"]


@admin.register(m.ActivityReport)
class ActivityReportAdmin(CooperationScopedAdmin):
    list_display = ["activity", "round", "status", "version"]
    readonly_fields = ["version"]


@admin.register(m.IndicatorValue)
class IndicatorValueAdmin(CooperationScopedAdmin):
    list_display = ["indicator", "round", "value", "version"]
    readonly_fields = ["version"]


@admin.register(m.GoalAssessment)
class GoalAssessmentAdmin(CooperationScopedAdmin):
    list_display = ["goal", "round", "grade", "version"]
    readonly_fields = ["version"]
