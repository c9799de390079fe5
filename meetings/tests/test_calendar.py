import datetime as dt

import icalendar
import pytest
import time_machine

from meetings.models import ConferenceSeries
from meetings.selectors import calendar_for_year
from meetings.services import rotation_hosts

pytestmark = pytest.mark.django_db


def _entries(groups, title_start):
    group = next(g for g in groups if g.title.startswith(title_start))
    return group


def test_2011_calendar_page(sodertorn, client):
    response = client.get("/sodertorn/kalender/?ar=2011")
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Södertörns samarbetskommitté (torsdagar)",
        "Ledningsgruppen (fredagar)",
        "27 januari",
        "14 april",
        "9 juni",
        "22 september",
        "3 november",
        "8 december",
        "Haninge",
        "Nykvarn",
        "Salem",
        "Nynäshamn",
        "Tyresö",
        "21 januari",
        "31 mars–1 april",
        "20 maj",
        "9 september",
        "14 oktober",
        "25 november",
        "lunch till lunch",
        "27–28 januari",
        "Södertörnskonferensen",
        "1 september",
        "Huddinge och Tyresö",
        "Södertörns rådslag",
        "24 mars",
        "Nyckeltal Södertörn",
        "6 oktober",
    ]:
        assert text in html, text


def test_2011_groups_contract(sodertorn):
    groups = calendar_for_year(sodertorn, 2011)
    committee = _entries(groups, "Södertörns samarbetskommitté")
    ordinary = [e for e in committee.entries if e.kind == "ordinary" and e.start.year == 2011]
    # the kalendarium of 2011 also lists the first meeting of 2012 (month only), as seed 001 does
    assert any(e.start.year == 2012 for e in committee.entries)
    assert [(e.date_text, e.hosts) for e in ordinary] == [
        ("27 januari", ["Haninge"]),
        ("14 april", ["Nykvarn"]),
        ("9 juni", ["Salem"]),
        ("22 september", ["Nynäshamn"]),
        ("3 november", ["Botkyrka"]),
        ("8 december", ["Tyresö"]),
    ]
    for e in ordinary:
        assert e.start.weekday() == 3 and e.start.hour == 12 and e.end.hour == 15
        assert str(e.start.tzinfo) == "Europe/Stockholm"
    lg = _entries(groups, "Ledningsgruppen")
    assert [e.date_text for e in lg.entries] == [
        "21 januari",
        "31 mars–1 april",
        "20 maj",
        "9 september",
        "14 oktober",
        "25 november",
    ]
    assert [g.title for g in groups][-3:] == ["Södertörns rådslag", "Södertörnskonferensen", "Nyckeltal Södertörn"]


def test_rule_checks_show_truth_2011(sodertorn, client):
    from meetings.selectors import rule_checks

    checks = {(c.body.slug, str(c.label)): c for c in rule_checks(sodertorn, 2011)}
    # No seed states a window between the management group's and the committee's meetings (issue 14): the
    # demo has no such rule, so the real 2011 calendar is not shown as broken.
    assert not any("dagar före" in label for (slug, label) in checks)
    assert all(c.kept for c in checks.values())
    weekday = next(c for (slug, label), c in checks.items() if slug == "ledningsgruppen" and "på fredag" in label)
    assert weekday.kept  # the Thursday–Friday planning conference is not an ordinary meeting
    minimum = next(
        c for (slug, label), c in checks.items() if slug == "samarbetskommitten" and "minst" in label.lower()
    )
    assert minimum.kept


def test_radslag_rotation(sodertorn):
    series = ConferenceSeries.objects.get(cooperation=sodertorn, slug="radslag")
    hosts = rotation_hosts(series, range(2011, 2027))
    names = {y: [m.name for m in v] for y, v in hosts.items()}
    expected = ["Salem", "Nynäshamn", "Botkyrka", "Tyresö", "Södertälje", "Haninge", "Nykvarn", "Huddinge"] * 2
    assert [names[y][0] for y in range(2011, 2027)] == expected
    assert names[2021] == ["Botkyrka"]


@time_machine.travel(dt.datetime(2027, 1, 15, 12, 0, tzinfo=dt.UTC))  # the feed spans today's year -20..+3
def test_ics_feed(sodertorn, client):
    response = client.get("/sodertorn/kalender.ics")
    assert response.status_code == 200
    cal = icalendar.Calendar.from_ical(response.content)
    assert any(c.name == "VTIMEZONE" and str(c["TZID"]) == "Europe/Stockholm" for c in cal.walk())
    events = [e for e in cal.walk("VEVENT")]
    starts = {(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in events}
    hit = [
        s
        for s in starts
        if s[0] == "Södertörns samarbetskommitté"
        and isinstance(s[1], dt.datetime)
        and s[1].date() == dt.date(2011, 1, 27)
    ]
    assert hit and hit[0][1].hour == 12 and hit[0][1].utcoffset() == dt.timedelta(hours=1)
    june = [s for s in starts if isinstance(s[1], dt.datetime) and s[1].date() == dt.date(2011, 6, 9)][0]
    assert june[1].hour == 12 and june[1].utcoffset() == dt.timedelta(hours=2)
    assert any(
        str(e["SUMMARY"]) == "Södertörns rådslag" and e.decoded("DTSTART") == dt.date(2011, 3, 24) for e in events
    )
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    again = icalendar.Calendar.from_ical(client.get("/sodertorn/kalender.ics").content)
    assert sorted(uids) == sorted(str(e["UID"]) for e in again.walk("VEVENT"))


def test_menu_has_calendar(sodertorn, client):
    html = client.get("/sodertorn/").content.decode()
    assert 'href="/sodertorn/kalender/"' in html and "Kalender" in html


@time_machine.travel(dt.datetime(2027, 1, 15, 12, 0, tzinfo=dt.UTC))
def test_ics_sequence_bumped_on_update(sodertorn, client):
    from meetings.models import Meeting
    from meetings.services import meeting_save
    from organisations.models import StaffRole
    from organisations.testing import build_user

    m = Meeting.objects.get(body__slug="samarbetskommitten", date=dt.date(2011, 6, 9))
    uid = f"meeting-{m.uid}@samverkan"

    def event():
        cal = icalendar.Calendar.from_ical(client.get("/sodertorn/kalender/organ/samarbetskommitten.ics").content)
        return next(e for e in cal.walk("VEVENT") if str(e["UID"]) == uid)

    assert int(event()["SEQUENCE"]) == 0
    m.start_time = dt.time(13)
    meeting_save(actor=build_user(sodertorn, StaffRole.Role.SECRETARIAT, username="k2"), meeting=m)
    ev = event()
    assert int(ev["SEQUENCE"]) == 1 and ev.decoded("DTSTART").hour == 13


def test_2014_calendar_keeps_lost_details_empty(sodertorn):
    groups = calendar_for_year(sodertorn, 2014)
    committee = _entries(groups, "Södertörns samarbetskommitté")
    by_date = {e.date_text: e for e in committee.entries}
    assert by_date["24 april"].hosts == ["Södertälje"] and by_date["24 april"].time_text == ""
    assert isinstance(by_date["24 april"].start, dt.date) and not isinstance(by_date["24 april"].start, dt.datetime)
    assert by_date["31 januari"].start.hour == 10 and by_date["31 januari"].hosts == ["Botkyrka"]
    lg = _entries(groups, "Ledningsgruppen")
    assert [e.date_text for e in lg.entries] == [
        "23 januari",
        "20 februari",
        "3–4 april",
        "9 maj",
        "5 september",
        "10 oktober",
        "21 november",
    ]
    radslag = next(g for g in groups if g.title == "Södertörns rådslag")
    assert [(e.date_text, e.hosts) for e in radslag.entries] == [("8 maj", ["Tyresö"])]
    assert calendar_for_year(sodertorn, 2015)  # month-only entries a seed gave for the next year


def test_demo_is_idempotent(sodertorn):
    from meetings import demo
    from meetings.models import Attendance, Conference, Meeting, Paragraph

    def counts():
        return [model.objects.count() for model in (Meeting, Conference, Paragraph, Attendance)]

    before = counts()
    demo.load(sodertorn, log=lambda *a: None)
    assert counts() == before
