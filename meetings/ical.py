"""iCalendar feeds (RFC 5545) with a Europe/Stockholm VTIMEZONE, stable UIDs and SEQUENCE."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils.translation import gettext
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from core.formatting import join_and
from meetings.models import Conference, Meeting

TZID = "Europe/Stockholm"
STOCKHOLM = ZoneInfo(TZID)


def _vtimezone() -> Timezone:
    tz = Timezone()
    tz.add("tzid", TZID)
    standard = TimezoneStandard()
    standard.add("dtstart", dt.datetime(1970, 10, 25, 3, 0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    standard.add("tzoffsetfrom", dt.timedelta(hours=2))
    standard.add("tzoffsetto", dt.timedelta(hours=1))
    standard.add("tzname", "CET")
    daylight = TimezoneDaylight()
    daylight.add("dtstart", dt.datetime(1970, 3, 29, 2, 0))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    daylight.add("tzoffsetfrom", dt.timedelta(hours=1))
    daylight.add("tzoffsetto", dt.timedelta(hours=2))
    daylight.add("tzname", "CEST")
    tz.add_component(standard)
    tz.add_component(daylight)
    return tz


def _event(uid: str, summary: str, entry, location: str, description: str, host: str) -> Event:
    ev = Event()
    ev.add("uid", f"{uid}@samverkan")
    ev.add("dtstamp", entry.updated.astimezone(dt.UTC) if entry.updated else dt.datetime.now(dt.UTC))
    ev.add("sequence", entry.sequence)
    ev.add("summary", summary)
    if entry.start_time and entry.precision == Meeting.Precision.DAY:
        ev.add("dtstart", dt.datetime.combine(entry.date, entry.start_time, tzinfo=STOCKHOLM))
        end_time = entry.end_time or (dt.datetime.combine(entry.date, entry.start_time)
                                      + dt.timedelta(hours=1)).time()
        ev.add("dtend", dt.datetime.combine(entry.last_date, end_time, tzinfo=STOCKHOLM))
    else:
        ev.add("dtstart", entry.date)
        ev.add("dtend", entry.last_date + dt.timedelta(days=1))
        ev.add("transp", "TRANSPARENT")
    place = ", ".join(x for x in (location, host) if x)
    if place:
        ev.add("location", place)
    if description:
        ev.add("description", description)
    return ev


def build_feed(name: str, meetings: list[Meeting], conferences: list[Conference]) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Samverkan//Kalender//SV")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    cal.add_component(_vtimezone())
    for m in meetings:
        note = m.get_kind_display() if m.kind != Meeting.Kind.ORDINARY else ""
        desc = "\n".join(x for x in (note, m.time_note) if x)
        if m.precision == Meeting.Precision.MONTH:
            desc = "\n".join(x for x in (desc, gettext("Preliminary: only the month is set.")) if x)
        cal.add_component(_event(f"meeting-{m.uid}", m.display_title, m, m.location,
                                 desc, m.host.name if m.host_id else ""))
    for c in conferences:
        hosts = join_and(h.name for h in c.hosts.all())
        cal.add_component(_event(f"conference-{c.uid}", c.series.name, c, c.location,
                                 "\n".join(x for x in (c.theme, c.note) if x), hosts))
    return cal.to_ical()
