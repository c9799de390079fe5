"""Daylight saving in the iCalendar feeds: a meeting at 18:00 in Stockholm stays at 18:00 local time on the
Sundays the clocks change (last Sunday of March and of October) and on the days before."""

import datetime as dt

import icalendar
import pytest
import time_machine

from meetings.tests.builders import meeting
from organisations.models import Body

pytestmark = pytest.mark.django_db

UTC = dt.UTC
#: date -> the UTC instant of 18:00 in Stockholm (CET is UTC+1, CEST is UTC+2).
CASES = {
    dt.date(2027, 3, 27): dt.datetime(2027, 3, 27, 17, 0, tzinfo=UTC),  # Saturday, still CET
    dt.date(2027, 3, 28): dt.datetime(2027, 3, 28, 16, 0, tzinfo=UTC),  # clocks went forward at 02:00
    dt.date(2027, 10, 30): dt.datetime(2027, 10, 30, 16, 0, tzinfo=UTC),  # Saturday, still CEST
    dt.date(2027, 10, 31): dt.datetime(2027, 10, 31, 17, 0, tzinfo=UTC),  # clocks went back at 03:00
}


@pytest.fixture
def evening_meetings(sodertorn):
    body = Body.objects.get(cooperation=sodertorn, slug="samarbetskommitten")
    return {
        day: meeting(body, day, start_time=dt.time(18), end_time=dt.time(20), title=f"Kvällsmöte {day}")
        for day in CASES
    }


@pytest.mark.parametrize("url", ["/sodertorn/kalender.ics", "/sodertorn/kalender/organ/samarbetskommitten.ics"])
@time_machine.travel(dt.datetime(2027, 1, 15, 12, 0, tzinfo=UTC), tick=False)
def test_feed_keeps_18_local_across_daylight_saving(evening_meetings, client, url):
    content = client.get(url).content
    text = content.decode().replace("\r\n ", "")  # unfold lines
    events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(content).walk("VEVENT")}
    for day, instant in CASES.items():
        m = evening_meetings[day]
        assert f"DTSTART;TZID=Europe/Stockholm:{day:%Y%m%d}T180000\r\n" in text
        assert f"DTEND;TZID=Europe/Stockholm:{day:%Y%m%d}T200000\r\n" in text
        start = events[f"meeting-{m.uid}@samverkan"].decoded("DTSTART")
        assert start.astimezone(UTC) == instant
        assert events[f"meeting-{m.uid}@samverkan"].decoded("DTEND").astimezone(UTC) == instant + dt.timedelta(hours=2)
    zones = [str(c["TZID"]) for c in icalendar.Calendar.from_ical(content).walk("VTIMEZONE")]
    assert zones == ["Europe/Stockholm"]


def test_meeting_page_shows_18_on_the_days_the_clocks_change(evening_meetings, client):
    for day in CASES:
        html = client.get(f"/sodertorn/kalender/mote/{evening_meetings[day].pk}/").content.decode()
        assert "18.00–20.00" in html, day
