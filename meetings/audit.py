"""Audit action codes of the meetings app (see core/audit.py); labels from this app's catalogue."""

from django.utils.translation import gettext_lazy as _

from core.audit import register

MEETING_CREATED = register("samverkan.meetings.meeting.created", _("Meeting created"))
MEETING_CHANGED = register("samverkan.meetings.meeting.changed", _("Meeting changed"))
MEETING_PROPOSED = register("samverkan.meetings.meeting.created_from_proposal", _("Accepted calendar proposal"))
MEETING_DELETED = register("samverkan.meetings.meeting.deleted", _("Meeting deleted"))
MINUTES_SAVED = register("samverkan.meetings.minutes.saved", _("Minutes saved"))
MINUTES_APPROVED = register("samverkan.meetings.minutes.approved", _("Minutes approved"))
MINUTES_CORRECTED = register("samverkan.meetings.minutes.corrected", _("Minutes corrected"))
PARAGRAPH_ADDED = register("samverkan.meetings.paragraph.added", _("Paragraph added"))
ATTENDANCE_ADDED = register("samverkan.meetings.attendance.added", _("Attendance recorded"))
MINUTES_RECORDED = register("samverkan.meetings.minutes.recorded", _("Minutes recorded"))
CALENDAR_RULE_SET = register("samverkan.meetings.calendar_rule.set", _("Calendar rule saved"))
SERIES_SET = register("samverkan.meetings.conference_series.set", _("Conference series saved"))
ROTATION_SET = register("samverkan.meetings.rotation_slot.set", _("Rotation place saved"))
CONFERENCE_SET = register("samverkan.meetings.conference.set", _("Conference saved"))
