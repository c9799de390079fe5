"""The one rule "which members and which memberships (people in bodies, in their roles) are current on a
date": within the period, both ends included (organisations.models.is_current_on and the querysets'
`current_on`)."""

import datetime as dt

import pytest

from organisations.models import CooperationMember, Membership, Person, is_current_on
from organisations.testing import build_body, build_cooperation, build_municipality

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "on", "expected"),
    [
        (D(2020, 1, 1), D(2020, 12, 31), D(2019, 12, 31), False),  # the day before the start
        (D(2020, 1, 1), D(2020, 12, 31), D(2020, 1, 1), True),  # the start day
        (D(2020, 1, 1), D(2020, 12, 31), D(2020, 12, 31), True),  # the end day
        (D(2020, 1, 1), D(2020, 12, 31), D(2021, 1, 1), False),  # the day after the end
        (D(2020, 1, 1), None, D(2099, 1, 1), True),  # open end
        (None, D(2020, 12, 31), D(1900, 1, 1), True),  # no start: always was
        (None, None, D(2020, 6, 1), True),
    ],
)
def test_is_current_on(start, end, on, expected):
    assert is_current_on(start, end, on) is expected


@pytest.mark.django_db
def test_current_members_on_start_and_end_days():
    coop = build_cooperation("datum", members=0)
    early, late, gone = build_municipality("Tidig"), build_municipality("Sen"), build_municipality("Borta")
    CooperationMember.objects.create(cooperation=coop, municipality=early, joined=D(2010, 1, 1))
    CooperationMember.objects.create(cooperation=coop, municipality=late, joined=D(2015, 3, 1))
    CooperationMember.objects.create(cooperation=coop, municipality=gone, joined=D(2010, 1, 1), left=D(2014, 6, 30))

    def names(on):
        return [m.name for m in coop.current_members(on)]

    assert names(D(2009, 12, 31)) == []
    assert names(D(2010, 1, 1)) == ["Borta", "Tidig"]
    assert names(D(2014, 6, 30)) == ["Borta", "Tidig"]  # the day it left: still a member
    assert names(D(2014, 7, 1)) == ["Tidig"]
    assert names(D(2015, 3, 1)) == ["Sen", "Tidig"]
    assert coop.is_member(gone, on=D(2014, 6, 30)) is True
    assert coop.is_member(gone, on=D(2014, 7, 1)) is False


@pytest.mark.django_db
def test_a_municipality_that_left_and_rejoined_is_no_member_in_between():
    """One membership row must cover the date (two rows, one matching each half, do not add up)."""
    coop = build_cooperation("ater", members=0)
    muni = build_municipality("Återkommande")
    CooperationMember.objects.create(cooperation=coop, municipality=muni, joined=D(2000, 1, 1), left=D(2005, 12, 31))
    CooperationMember.objects.create(cooperation=coop, municipality=muni, joined=D(2010, 1, 1))
    assert list(coop.current_members(D(2003, 1, 1))) == [muni]
    assert list(coop.current_members(D(2007, 1, 1))) == []
    assert list(coop.current_members(D(2012, 1, 1))) == [muni]


@pytest.mark.django_db
def test_memberships_current_on_a_date_in_the_query_and_on_the_object():
    coop = build_cooperation("organ", members=1)
    body = build_body(coop, slug="styrelse")
    person = Person.objects.create(cooperation=coop, name="Anna")
    chair = Membership.objects.create(
        person=person, body=body, role=Membership.Role.CHAIR, start=D(2019, 1, 1), end=D(2022, 12, 31)
    )
    member = Membership.objects.create(person=person, body=body, role=Membership.Role.MEMBER, start=D(2023, 1, 1))
    for on, expected in [
        (D(2018, 12, 31), []),
        (D(2019, 1, 1), [chair]),
        (D(2022, 12, 31), [chair]),
        (D(2023, 1, 1), [member]),
    ]:
        assert list(Membership.objects.filter(body=body).current_on(on).order_by("pk")) == expected
        assert [m for m in (chair, member) if m.is_current(on)] == expected
        assert list(Membership.objects.filter(body=body).past_or_future_on(on).order_by("pk")) == [
            m for m in (chair, member) if m not in expected
        ]
