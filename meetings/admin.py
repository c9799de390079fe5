from django.contrib import admin, messages

from core.errors import DomainError
from meetings import models as m
from meetings import services
from organisations.admin import CooperationScopedAdmin, ScopedStackedInline, ScopedTabularInline


class AgendaInline(ScopedTabularInline):
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


class HostOrderInline(ScopedTabularInline):
    model = m.HostRotationSlot
    extra = 0


@admin.register(m.CalendarRule)
class CalendarRuleAdmin(CooperationScopedAdmin):
    inlines = [HostOrderInline]
    list_display = ["body", "weekday", "start_time", "end_time", "must_precede", "follows_kommunallagen"]


class SlotInline(ScopedTabularInline):
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


class FrozenInlineMixin:
    """Rows of approved minutes are shown read-only: no add, change or delete through the admin."""

    extra = 0

    def _frozen(self, obj) -> bool:
        return obj is not None and obj.status == m.Minutes.Status.APPROVED

    def has_add_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_delete_permission(request, obj)


class ParagraphInline(FrozenInlineMixin, ScopedStackedInline):
    model = m.Paragraph
    exclude = ["body", "year"]


class AttendanceInline(FrozenInlineMixin, ScopedTabularInline):
    model = m.Attendance
    exclude = ["person"]


class ApproverInline(FrozenInlineMixin, ScopedTabularInline):
    model = m.MinutesApprover
    fields = ["person", "order", "approved_on"]
    readonly_fields = ["approved_on"]


@admin.register(m.Minutes)
class MinutesAdmin(CooperationScopedAdmin):
    """Approved minutes are read-only here as everywhere (the model refuses the write as well); the notice of
    approval is recorded on the minutes page."""

    list_display = ["meeting", "status", "approval_date", "is_demo"]
    inlines = [AttendanceInline, ParagraphInline, ApproverInline]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status == m.Minutes.Status.APPROVED:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == m.Minutes.Status.APPROVED:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        try:
            services.minutes_save(actor=request.user, minutes=obj)
        except DomainError as exc:
            messages.error(request, " ".join(exc.messages))

    def save_formset(self, request, form, formset, change):
        """Inline rows of a paragraph get the body and year of their minutes' meeting."""
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for obj in instances:
            if isinstance(obj, m.Paragraph):
                obj.body = form.instance.meeting.body
                obj.year = form.instance.meeting.date.year
            obj.save()
        formset.save_m2m()
