import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from core import audit
from core.tests.rows import new
from meetings import services
from meetings.models import Meeting, Minutes, Paragraph
from meetings.tests.builders import minutes
from organisations.models import Body, StaffRole
from organisations.testing import build_body, build_municipality, build_user

pytestmark = pytest.mark.django_db
D = dt.date


def test_statutory_dates_seed_002():
    dates = services.statutory_dates(D(2019, 8, 7), D(2019, 8, 12))
    assert dates.approval_deadline == D(2019, 8, 21)
    assert dates.notice_deadline == D(2019, 8, 14)
    assert dates.appeal_period_ends == D(2019, 9, 4)
    assert dates.earliest_take_down == D(2019, 9, 5)


def test_statutory_dates_joint_committee_runs_from_last_posting():
    dates = services.statutory_dates(
        D(2019, 8, 7), D(2019, 8, 12), notice_posted_on=D(2019, 8, 13), last_posting_on=D(2019, 8, 14)
    )
    assert dates.appeal_from == D(2019, 8, 14)
    assert dates.appeal_period_ends == D(2019, 9, 4)


def test_appeal_period_moves_past_holiday():
    # posted 2019-12-04: three weeks is 25 December (juldagen) -> 27 December (annandag 26th)
    dates = services.statutory_dates(D(2019, 12, 1), D(2019, 12, 2), notice_posted_on=D(2019, 12, 4))
    assert dates.appeal_period_ends == D(2019, 12, 27)
    assert dates.earliest_take_down == D(2019, 12, 28)


@pytest.fixture
def actor(coop):
    return build_user(coop, StaffRole.Role.SECRETARIAT)


def test_end_before_start_refused(coop, actor):
    body = build_body(coop, Body.Kind.COMMITTEE)
    m = Meeting(body=body, date=D(2027, 3, 4), start_time=dt.time(15), end_time=dt.time(12))
    with pytest.raises(ValidationError) as exc:
        services.meeting_save(actor=actor, meeting=m, cooperation=coop)
    assert "Mötet kan inte sluta innan det börjar." in str(exc.value)
    m2 = Meeting(body=body, date=D(2027, 3, 4), end_date=D(2027, 3, 3))
    with pytest.raises(ValidationError):
        services.meeting_save(actor=actor, meeting=m2, cooperation=coop)
    assert not new(Meeting).exists()


def test_host_not_member_refused(coop, actor):
    body = build_body(coop, Body.Kind.COMMITTEE)
    stranger = build_municipality("Utsocknes")
    with pytest.raises(ValidationError) as exc:
        services.meeting_save(actor=actor, meeting=Meeting(body=body, date=D(2027, 3, 4), host=stranger))
    assert "Värdkommunen är inte medlem i samarbetet." in str(exc.value)
    assert not new(Meeting).exists()


def test_meeting_of_other_cooperation_refused(coop, other_coop, actor):
    body = build_body(other_coop, Body.Kind.COMMITTEE)
    with pytest.raises(ValidationError) as exc:
        services.meeting_save(actor=actor, meeting=Meeting(body=body, date=D(2027, 3, 4)), cooperation=coop)
    assert "Organet tillhör ett annat samarbete." in str(exc.value)
    assert not new(Meeting).exists()


def test_update_bumps_sequence_and_writes_history(coop, actor):
    body = build_body(coop, Body.Kind.COMMITTEE)
    m = services.meeting_save(actor=actor, meeting=Meeting(body=body, date=D(2027, 3, 4)))
    assert m.sequence == 0
    m.location = "Kommunhuset"
    services.meeting_save(actor=actor, meeting=m, reason="Ny plats")
    m.refresh_from_db()
    assert m.sequence == 1
    assert m.history.first().history_user == actor
    assert m.history.first().history_change_reason == "samverkan.meetings.meeting.changed: Ny plats"
    assert audit.label(m.history.first().history_change_reason) == "Ny plats"
    assert m.history.last().history_change_reason == "samverkan.meetings.meeting.created"


def test_paragraph_numbers_continue_per_body_and_year(coop, actor):
    body = build_body(coop, Body.Kind.COMMITTEE)
    first = minutes(body, D(2019, 6, 1))
    p1 = services.paragraph_add(actor=actor, minutes=first, number=58, title="A")
    p2 = services.paragraph_add(actor=actor, minutes=first, title="B")
    second = minutes(body, D(2019, 8, 7))
    p3 = services.paragraph_add(actor=actor, minutes=second, title="C")
    assert (p1.number, p2.number, p3.number) == (58, 59, 60)
    next_year = minutes(body, D(2020, 2, 1))
    assert services.paragraph_add(actor=actor, minutes=next_year, title="D").number == 1


def test_duplicate_paragraph_refused(coop, actor):
    body = build_body(coop, Body.Kind.COMMITTEE)
    a = minutes(body, D(2019, 6, 1))
    b = minutes(body, D(2019, 8, 7))
    services.paragraph_add(actor=actor, minutes=a, number=60, title="A")
    with pytest.raises(ValidationError) as exc:
        services.paragraph_add(actor=actor, minutes=b, number=60, title="B")
    assert "§ 60 används redan" in str(exc.value)
    assert new(Paragraph).count() == 1


def test_approval_before_meeting_refused(coop, actor):
    body = build_body(coop, Body.Kind.COMMITTEE)
    mins = minutes(body)
    with pytest.raises(ValidationError) as exc:
        services.minutes_approve(actor=actor, minutes=mins, approval_date=D(2019, 8, 6))
    assert "Protokollet kan inte justeras före sammanträdet." in str(exc.value)
    mins.refresh_from_db()
    assert mins.status == Minutes.Status.DRAFT and mins.approval_date is None


def test_approved_minutes_frozen_and_correction_linked(coop, actor):
    body = build_body(coop, Body.Kind.COMMITTEE)
    mins = minutes(body, secretary="Hillevi Elvhage")
    services.paragraph_add(actor=actor, minutes=mins, title="A")
    services.minutes_approve(actor=actor, minutes=mins, approval_date=D(2019, 8, 12), approval_place="Kansliet")
    mins.refresh_from_db()
    assert mins.meeting.status == Meeting.Status.MINUTES_APPROVED
    mins.secretary = "Någon annan"
    with pytest.raises(ValidationError) as exc:
        services.minutes_save(actor=actor, minutes=mins)
    assert "låst" in str(exc.value)
    with pytest.raises(ValidationError):
        services.paragraph_add(actor=actor, minutes=mins, title="B")
    assert Minutes.objects.get(pk=mins.pk).secretary == "Hillevi Elvhage"
    correction = services.minutes_correct(actor=actor, minutes=mins, reason="Fel namn")
    assert correction.corrects == mins and correction.status == Minutes.Status.DRAFT


def test_minutes_page_shows_statutory_dates_for_kommunallagen_body(coop, actor, client):
    from meetings.models import CalendarRule

    body = build_body(coop, Body.Kind.COMMITTEE)
    CalendarRule.objects.create(body=body, follows_kommunallagen=True)
    mins = minutes(body)
    services.minutes_approve(actor=actor, minutes=mins, approval_date=D(2019, 8, 12))
    html = client.get(f"/{coop.slug}/protokoll/{mins.pk}/").content.decode()
    for text in [
        "Justering senast",
        "21 augusti 2019",
        "14 augusti 2019",
        "4 september 2019",
        "5 september 2019",
        "2019-08-14",
        "2019-09-05",
    ]:
        assert text in html, text


def test_rotation_overrides(coop):
    from meetings.models import ConferenceSeries, RotationOverride, RotationSlot

    munis = [m.municipality for m in coop.members.order_by("municipality__name")]
    series = ConferenceSeries.objects.create(cooperation=coop, name="Rådslag", slug="r", rotation_start_year=2011)
    for i, muni in enumerate(munis):
        RotationSlot.objects.create(series=series, position=i, municipality=muni)
    a, b, c = munis
    hosts = services.rotation_hosts(series, range(2011, 2017))
    assert [hosts[y][0] for y in range(2011, 2017)] == [a, b, c, a, b, c]
    swap = RotationOverride.objects.create(series=series, year=2012)
    swap.hosts.set([c])
    RotationOverride.objects.create(series=series, year=2014, skipped=True, shifts_rotation=True)
    hosts = services.rotation_hosts(series, range(2011, 2017))
    assert hosts[2012] == [c] and hosts[2013] == [c] and hosts[2014] == []
    assert hosts[2015] == [a] and hosts[2016] == [b]  # the skipped turn moves on one year
    series.hosts_per_edition = 2
    RotationOverride.objects.filter(series=series).delete()
    hosts = services.rotation_hosts(series, [2011, 2012])
    assert hosts[2011] == [a, b] and hosts[2012] == [c, a]
