"""The secretariat writes the operating plan's sections and records its approval by a named body at a meeting;
approval is refused while a section is empty."""

import datetime as dt

import pytest
from django.shortcuts import resolve_url

from core.tests.rows import new
from meetings.models import Meeting
from organisations.models import Body
from organisations.testing import build_body
from plans.models import OperatingPlan

URL = "/test/verksamhetsplan/2027/redigera/"
SECTIONS = {name: f"Text om {name}." for name in OperatingPlan.SECTIONS}


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("management", 404),
        ("registrar", 404),
        ("network_lead", 404),
        ("secretariat", 200),
    ],
)
def test_plan_page_is_the_secretariats(client_for, users, role, expected, settings):
    response = client_for(users[role]).get(URL)
    assert response.status_code == expected
    if role == "anonymous":
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    client_for(users[role]).post(URL, {"op": "save", **SECTIONS})
    assert new(OperatingPlan).exists() == (role == "secretariat")


def test_sections_and_approval(client_for, users, coop):
    c = client_for(users["secretariat"])
    committee = build_body(coop, Body.Kind.COMMITTEE, name="Samarbetskommittén")
    other = build_body(coop, Body.Kind.NETWORK, name="Ett nätverk")
    meeting = Meeting.objects.create(body=committee, date=dt.date(2026, 12, 4))
    other_meeting = Meeting.objects.create(body=other, date=dt.date(2026, 12, 5))
    c.post(URL, {"op": "save", **{**SECTIONS, "balance": "  "}})
    plan = new(OperatingPlan).get()
    assert plan.introduction == "Text om introduction." and plan.title == "Verksamhetsplan 2027"
    # a section left empty: refused, named, nothing changed
    response = c.post(URL, {"op": "approve", "body": committee.pk, "meeting": meeting.pk})
    html = response.content.decode()
    assert response.status_code == 200 and "kan inte godkännas så länge ett avsnitt är tomt" in html
    plan.refresh_from_db()
    assert plan.approved_by is None and plan.approved_on is None
    c.post(URL, {"op": "save", **SECTIONS})
    # the meeting of another body: refused
    response = c.post(URL, {"op": "approve", "body": committee.pk, "meeting": other_meeting.pk})
    assert "Sammanträdet är inte ett sammanträde med Samarbetskommittén." in response.content.decode()
    assert c.post(URL, {"op": "approve", "body": committee.pk, "meeting": meeting.pk}).status_code == 302
    plan.refresh_from_db()
    assert (plan.approved_by, plan.approved_at_meeting, plan.approved_on) == (committee, meeting, dt.date(2026, 12, 4))
    assert plan.history.first().history_change_reason == "samverkan.plans.operating_plan.approved"
