"""Who may change meetings and the calendar: the secretariat of the object's cooperation."""

from meetings import models as m
from organisations.permissions import register_scoped_model

for model in (m.CalendarRule, m.Meeting, m.AgendaItem, m.ConferenceSeries, m.RotationSlot, m.RotationOverride,
              m.Conference, m.Minutes, m.Paragraph, m.Attendance):
    register_scoped_model(model)
