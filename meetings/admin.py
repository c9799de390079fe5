from django.contrib import admin, messages

from core.errors import DomainError
from meetings import models as m
from meetings import services
from organisations.admin import CooperationScopedAdmin


class AgendaInline(admin.TabularInline):
    model = m.AgendaItem
    extra = 0


@admin.register(m.Meeting)
class MeetingAdmin(CooperationScopedAdmin):
    list_display = ["date", "body", "kind", "host", "status"]
    list_filter = ["body__cooperation", "kind", "status"]
    date_hierarchy = "date"
    inlines = [AgendaInline]

    def save_model(self, request, obj, form, change):
        services.meeting_save(actor=request.user, meeting=obj)


@admin.register(m.CalendarRule)
class CalendarRuleAdmin(CooperationScopedAdmin):
    list_display = ["body", "weekday", "start_time", "end_time", "must_precede", "follows_kommunallagen"]


class SlotInline(admin.TabularInline):
    model = m.RotationSlot
    extra = 0


@admin.register(m.ConferenceSeries)
class ConferenceSeriesAdmin(CooperationScopedAdmin):
    list_display = ["name", "cooperation", "hosts_per_edition", "rotation_start_year"]
    inlines = [SlotInline]


@admin.register(m.RotationOverride)
class RotationOverrideAdmin(CooperationScopedAdmin):
    list_display = ["series", "year", "skipped", "shifts_rotation"]


@admin.register(m.Conference)
class ConferenceAdmin(CooperationScopedAdmin):
    list_display = ["date", "series", "theme"]


class ParagraphInline(admin.StackedInline):
    model = m.Paragraph
    extra = 0


class AttendanceInline(admin.TabularInline):
    model = m.Attendance
    extra = 0


@admin.register(m.Minutes)
class MinutesAdmin(CooperationScopedAdmin):
    list_display = ["meeting", "status", "approval_date", "is_demo"]
    inlines = [AttendanceInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status == m.Minutes.Status.APPROVED:
            return [f.name for f in self.opts.fields]
        return super().get_readonly_fields(request, obj)

    def save_model(self, request, obj, form, change):
        try:
            services.minutes_save(actor=request.user, minutes=obj)
        except DomainError as exc:
            messages.error(request, " ".join(exc.messages))
