"""The one rule "which programme is in force on a date" (programme.status.programme_in_force_on) and the
one selector that applies it (programme.selectors.programme_in_force), with its edges: the day of the
last adoption, the day before a successor comes into force, no adoption yet, superseded."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as s

from programme import selectors
from programme import status as st
from programme.models import Adoption, AdoptionRound, AdoptionStep, Programme

OLD = st.ProgrammeFacts(key="old", year=2010, documented_in_force=True)
NEW = st.ProgrammeFacts(key="new", year=2019, replaces="old", adopted_on=dt.date(2019, 10, 21))
DRAFT = st.ProgrammeFacts(key="draft", year=2023, replaces="new")
NEWEST_FIRST = [DRAFT, NEW, OLD]


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (dt.date(2009, 12, 31), None),  # before the documented programme was drawn up
        (dt.date(2010, 1, 1), "old"),  # documented without dates: from 1 January of its year
        (dt.date(2019, 10, 20), "old"),  # the day before the last member adopted the successor
        (dt.date(2019, 10, 21), "new"),  # the day the last member adopted it: in force, the old one replaced
        (dt.date(2030, 1, 1), "new"),  # a programme out for adoption replaces nothing yet
    ],
)
def test_programme_in_force_on_a_date(on, expected):
    assert st.programme_in_force_on(NEWEST_FIRST, on) == expected


def test_in_force_from():
    assert st.in_force_from(OLD) == dt.date(2010, 1, 1)
    assert st.in_force_from(NEW) == dt.date(2019, 10, 21)
    assert st.in_force_from(DRAFT) is None


def test_no_programme_adopted_yet_means_none_in_force():
    assert st.programme_in_force_on([DRAFT], dt.date(2030, 1, 1)) is None
    assert st.programme_in_force_on([], dt.date(2030, 1, 1)) is None


def test_superseded_is_not_in_force_after_its_successor_came_into_force():
    assert st.is_in_force_on(OLD, NEWEST_FIRST, dt.date(2019, 10, 20)) is True
    assert st.is_in_force_on(OLD, NEWEST_FIRST, dt.date(2019, 10, 21)) is False


def test_replacing_a_programme_that_never_came_into_force_still_supersedes_the_one_before():
    withdrawn = st.ProgrammeFacts(key="withdrawn", year=2016, replaces="old")
    later = st.ProgrammeFacts(key="later", year=2019, replaces="withdrawn", adopted_on=dt.date(2019, 10, 21))
    chain = [later, withdrawn, OLD]
    assert st.programme_in_force_on(chain, dt.date(2019, 10, 20)) == "old"
    assert st.programme_in_force_on(chain, dt.date(2019, 10, 21)) == "later"
    assert st.is_superseded_on(OLD, chain, dt.date(2019, 10, 21)) is True
    assert st.is_superseded_on(OLD, chain, dt.date(2019, 10, 20)) is False


def test_two_unrelated_programmes_in_force_the_newest_counts():
    a = st.ProgrammeFacts(key="a", year=2012, adopted_on=dt.date(2012, 5, 1))
    b = st.ProgrammeFacts(key="b", year=2010, adopted_on=dt.date(2010, 5, 1))
    assert st.programme_in_force_on([a, b], dt.date(2013, 1, 1)) == "a"
    assert st.programme_in_force_on([a, b], dt.date(2011, 1, 1)) == "b"


@s.composite
def chains(draw):
    """A chain of programmes, each replacing the one before, newest first; some adopted, some not."""
    n = draw(s.integers(1, 6))
    facts = []
    previous = None
    for i in range(n):
        adopted = draw(s.one_of(s.none(), s.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31))))
        facts.append(st.ProgrammeFacts(key=i, year=2000 + i, replaces=previous, adopted_on=adopted))
        previous = i
    return list(reversed(facts)), draw(s.dates(dt.date(1999, 1, 1), dt.date(2041, 12, 31)))


@given(chains())
def test_at_most_one_in_force_and_it_came_into_force_and_no_successor_had(case):
    programmes, on = case
    in_force = [p.key for p in programmes if st.is_in_force_on(p, programmes, on)]
    assert len(in_force) <= 1
    key = st.programme_in_force_on(programmes, on)
    assert in_force == ([key] if key is not None else [])
    if key is not None:
        chosen = next(p for p in programmes if p.key == key)
        assert chosen.adopted_on <= on
        successor = next((p for p in programmes if p.replaces == key), None)
        assert successor is None or successor.adopted_on is None or successor.adopted_on > on


# ---- the selector over the database -------------------------------------------------------------------


@pytest.fixture
def chain(coop):
    """SUP 2013 (documented as in force) replaced by SUP 2035 once all three members adopted it."""
    old = Programme.objects.create(
        cooperation=coop, name="SUP 2013", short_name="SUP 2013", slug="sup-2013", year=2013, documented_in_force=True
    )
    new = Programme.objects.create(
        cooperation=coop,
        name="SUP 2035",
        short_name="SUP 2035",
        slug="sup-2035",
        year=2019,
        term_start_year=2019,
        term_end_year=2022,
        replaces=old,
    )
    return old, new


def adopt(programme, municipality, on):
    rnd, _ = AdoptionRound.objects.get_or_create(
        programme=programme,
        defaults={"cooperation": programme.cooperation, "kind": AdoptionRound.Kind.PROGRAMME, "title": programme.name},
    )
    adoption = Adoption.objects.create(round=rnd, municipality=municipality, deciding_body="Kommunstyrelsen")
    AdoptionStep.objects.create(
        adoption=adoption,
        kind=AdoptionStep.Kind.DECISION,
        body_name="Kommunstyrelsen",
        meeting_date=on,
        outcome=AdoptionStep.Outcome.ADOPTED,
    )


def test_selector_before_and_after_the_last_adoption(coop, chain):
    old, new = chain
    members = list(coop.current_members())
    assert selectors.programme_in_force(coop) == old  # the successor is not adopted yet
    assert selectors.programme_in_force(coop, dt.date(2020, 7, 1)) == old
    assert selectors.programme_in_force(coop, dt.date(2012, 12, 31)) is None
    adopt(new, members[0], dt.date(2019, 9, 2))
    adopt(new, members[1], dt.date(2019, 9, 30))
    assert selectors.programme_in_force(coop, dt.date(2020, 7, 1)) == old  # one member has not adopted it
    adopt(new, members[2], dt.date(2019, 10, 21))
    assert selectors.programme_in_force(coop, dt.date(2019, 10, 20)) == old
    assert selectors.programme_in_force(coop, dt.date(2019, 10, 21)) == new
    assert selectors.programme_in_force(coop) == new
    _, states = selectors.programme_states(coop)
    assert (states[old.pk].status, states[new.pk].status) == (st.REPLACED, st.IN_FORCE)
    assert selectors.latest_programme(coop) == new


def test_selector_with_no_programme_in_force(coop):
    draft = Programme.objects.create(cooperation=coop, name="Utkast", short_name="Utkast", slug="utkast", year=2024)
    assert selectors.programme_in_force(coop) is None
    assert selectors.latest_programme(coop) == draft  # what the overview shows principles from
