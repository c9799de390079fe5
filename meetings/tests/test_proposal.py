import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings import services
from meetings.models import CalendarRule, Meeting
from meetings.tests.builders import committee_and_group
from organisations.models import StaffRole
from organisations.testing import build_cooperation, build_user

pytestmark = pytest.mark.django_db
YEAR = 2027
SWEDISH = services.swedish_holidays([YEAR])
_slugs = itertools.count()
extra_days = st.sets(st.dates(dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)), max_size=12)


def _assert_all_rules(proposal, rules, off, members):
    checks = services.proposal_checks(proposal, rules, off_days=off)
    broken = [f"{c.body}: {c.label} {c.detail}" for c in checks if not c.kept]
    assert not broken, broken
    for m in proposal.meetings:
        assert m.date.month != 7 and m.date not in off and m.date.year == YEAR
    committee_rule = next(r for r in rules if r.rotate_hosts)
    hosts = [m.host for m in proposal.for_body(committee_rule.body)]
    assert all(h in members for h in hosts)


# The profile suppresses too_slow; this test also builds a cooperation per example inside the one test
# transaction (unique slugs), so the function-scoped database fixture is shared on purpose.
@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(member_count=st.integers(1, 12), minimum=st.integers(1, 11), lg_minimum=st.integers(1, 11), extra=extra_days)
def test_proposal_2027_keeps_every_rule(member_count, minimum, lg_minimum, extra):
    coop = build_cooperation(f"prop-{next(_slugs)}", members=member_count)
    committee_and_group(coop, minimum=minimum, lg_minimum=lg_minimum)
    rules = list(CalendarRule.objects.filter(body__cooperation=coop).select_related("body", "must_precede"))
    members = list(coop.current_members(dt.date(YEAR, 1, 1)).order_by("name"))
    off = SWEDISH | extra
    proposal = services.generate_proposal(coop, YEAR, rules=rules, off_days=off, members=members)
    _assert_all_rules(proposal, rules, off, members)


def test_real_holidays_are_avoided():
    assert dt.date(2027, 12, 24) in SWEDISH and dt.date(2027, 6, 25) in SWEDISH  # julafton, midsommarafton
    assert dt.date(2027, 5, 6) in SWEDISH  # Kristi himmelsfärd, a Thursday


def test_sodertorn_proposal_and_accept(sodertorn, client_for):
    rules = list(CalendarRule.objects.filter(body__cooperation=sodertorn).select_related("body", "must_precede"))
    proposal = services.generate_proposal(sodertorn, YEAR, rules=rules)
    assert not [c for c in services.proposal_checks(proposal, rules) if not c.kept]
    committee = [m for m in proposal.meetings if m.body.slug == "samarbetskommitten"]
    # the rule names the day; no seed gives the time for later years
    assert len(committee) == 6 and all(m.date.weekday() == 3 for m in committee)
    assert len({m.host for m in committee}) == 6
    user = build_user(sodertorn, StaffRole.Role.SECRETARIAT, username="kansli-test")
    client = client_for(user)
    page = client.get("/sodertorn/kalender/forslag/?ar=2027")
    assert page.status_code == 200 and "Kalenderförslag 2027" in page.content.decode()
    response = client.post("/sodertorn/kalender/forslag/?ar=2027")
    assert response.status_code == 302
    assert Meeting.objects.filter(body__cooperation=sodertorn, date__year=2027).count() == 12
    # accepting twice is refused and creates nothing
    again = client.post("/sodertorn/kalender/forslag/?ar=2027", follow=True)
    assert "Det finns redan möten 2027" in again.content.decode()
    assert Meeting.objects.filter(body__cooperation=sodertorn, date__year=2027).count() == 12


@pytest.mark.parametrize(
    "role,status",
    [("anonymous", 302), ("outsider", 404), ("committee", 404), ("management", 404), ("secretariat", 200)],
)
def test_proposal_page_permissions(coop, users, client_for, role, status):
    committee_and_group(coop)
    client = client_for(users[role])
    response = client.get(f"/{coop.slug}/kalender/forslag/?ar=2027")
    assert response.status_code == status
    if role == "anonymous":
        assert response["Location"] == f"/konto/logga-in/?next=/{coop.slug}/kalender/forslag/%3Far%3D2027"
    response = client.post(f"/{coop.slug}/kalender/forslag/?ar=2027")
    created = Meeting.objects.filter(body__cooperation=coop).count()
    if role == "secretariat":
        assert response.status_code == 302 and created == 12
    else:
        assert response.status_code == (302 if role == "anonymous" else 404) and created == 0
