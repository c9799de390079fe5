"""Memberships that start after today are coming, not former (issue 15): on the body's page, in the API, and for
member municipalities on the cooperation's pages."""

import datetime as dt

import pytest
import time_machine

from organisations.models import Body, CooperationMember, Membership, Person
from organisations.testing import build_body, build_municipality

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 26)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(dt.datetime(2026, 11, 26, 12, tzinfo=dt.UTC), tick=False):
        yield


def _member(body, name, start, end=None):
    person = Person.objects.create(cooperation=body.cooperation, name=name)
    return Membership.objects.create(person=person, body=body, start=start, end=end)


def test_a_future_membership_is_coming_not_former(coop, client):
    body = build_body(coop, Body.Kind.COMMITTEE, slug="styrelsen")
    current = _member(body, "Anna Nu", dt.date(2020, 1, 1))
    coming = _member(body, "Bertil Sedan", dt.date(2027, 1, 1), dt.date(2030, 12, 31))
    former = _member(body, "Cecilia Förr", dt.date(2010, 1, 1), dt.date(2014, 12, 31))
    assert (current.status, coming.status, former.status) == ("current", "coming", "past")
    html = client.get("/test/organ/styrelsen/").content.decode()
    coming_part = html[html.index("Kommande ledamöter") : html.index("Tidigare ledamöter")]
    assert "Bertil Sedan" in coming_part and "kommande medlem från 1 januari 2027" in coming_part
    former_part = html[html.index("Tidigare ledamöter") :]
    assert "Cecilia Förr" in former_part and "Bertil Sedan" not in former_part
    items = client.get("/api/v1/cooperations/test/memberships", {"body_id": body.pk}).json()["items"]
    assert {i["person_name"]: i["status"] for i in items} == {
        "Anna Nu": "current",
        "Bertil Sedan": "coming",
        "Cecilia Förr": "past",
    }


def test_the_day_before_and_the_first_day(coop):
    body = build_body(coop)
    m = _member(body, "Dag Ett", TODAY + dt.timedelta(days=1))
    assert m.status == "coming"
    m.start = TODAY
    assert m.status == "current"


def test_a_municipality_joining_later_is_a_coming_member(coop, client):
    muni = build_municipality("Framtida kommun")
    CooperationMember.objects.create(cooperation=coop, municipality=muni, joined=dt.date(2027, 3, 1))
    for url in ("/test/", "/test/kommuner/"):
        html = client.get(url).content.decode()
        assert "kommande medlem från 1 mars 2027" in html, url
