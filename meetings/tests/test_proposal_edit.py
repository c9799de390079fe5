"""The calendar proposal as the secretariat uses it: merged with the year's meetings, conference editions by
their rotation, hosts in each body's own order, edited before it is accepted, and bad input refused."""

import datetime as dt

import pytest
from django.utils import translation

from conftest import db_state
from meetings import services
from meetings.models import CalendarRule, Conference, HostRotationSlot, Meeting
from meetings.tests.builders import committee_and_group, meeting, proposal_form_data
from organisations.models import Municipality, StaffRole
from organisations.testing import build_user

pytestmark = pytest.mark.django_db
URL = "/sodertorn/kalender/forslag/?ar=2027"


@pytest.fixture
def kansli(sodertorn, client_for):
    return client_for(build_user(sodertorn, StaffRole.Role.SECRETARIAT, username="kansli-proposal"))


def _rules(coop):
    return services.proposal_rules(coop)


def test_sodertorn_2027_follows_the_cooperations_orders(sodertorn):
    proposal = services.generate_proposal(sodertorn, 2027, rules=_rules(sodertorn))
    committee = [m for m in proposal.meetings if m.body.slug == "samarbetskommitten"]
    # the committee's own order (seed 001), continuing after the last host before 2027 (Botkyrka, April 2015;
    # the 2019 example minutes are example data and do not count)
    assert [m.host.name for m in committee] == ["Tyresö", "Södertälje", "Huddinge", "Haninge", "Nykvarn", "Salem"]
    # Rådslag 2027 = Salem by the rotation (2011 Salem, eight places), on the weekday of its last edition
    radslag = [c for c in proposal.conferences if c.series.slug == "radslag"]
    assert len(radslag) == 1 and [h.name for h in radslag[0].hosts] == ["Salem"]
    assert radslag[0].date.weekday() == dt.date(2014, 5, 8).weekday()
    assert radslag[0].date not in services.swedish_holidays([2027])
    # series without a rotation (Södertörnskonferensen has no start year) are not proposed
    assert {c.series.slug for c in proposal.conferences} == {"radslag"}


def test_the_page_words_the_rules_with_the_bodies_own_names(sodertorn, kansli):
    CalendarRule.objects.filter(body__slug="samarbetskommitten", body__cooperation=sodertorn).update(rotate_hosts=True)
    sodertorn.bodies.filter(slug="ledningsgruppen").update(name="Kommundirektörsgruppen")
    text = kansli.get(URL).content.decode()
    rules_text = text[text.index("proposal-rules") : text.index("</ul>", text.index("proposal-rules"))]
    assert "Kommundirektörsgruppen (fredagar): minst 6 möten per år" in rules_text, rules_text
    assert "värdskapet går i tur och ordning: Haninge, Nykvarn, Salem, Nynäshamn, Botkyrka, Tyresö, Södertälje" in text
    assert "ledningsgruppens möte" not in text.lower() and "kommitténs möte" not in text.lower()
    assert "Södertörns rådslag" in text


def test_accepting_creates_the_meetings_and_the_radslag_edition(sodertorn, kansli):
    before = Meeting.objects.filter(body__cooperation=sodertorn, date__year=2027).count()
    page = kansli.get(URL)
    response = kansli.post(URL, proposal_form_data(page))
    assert response.status_code == 302
    assert Meeting.objects.filter(body__cooperation=sodertorn, date__year=2027).count() == before + 12
    edition = Conference.objects.get(series__cooperation=sodertorn, series__slug="radslag", year=2027)
    assert [h.name for h in edition.hosts.all()] == ["Salem"]
    # a second look proposes nothing more: everything is in the calendar and shown as kept
    again = kansli.get(URL)
    assert again.context["mset"].total_form_count() == 0 and again.context["cset"].total_form_count() == 0
    assert "Redan i kalendern för 2027 (behålls)" in again.content.decode()


def test_an_existing_meeting_is_kept_and_not_proposed_again(sodertorn, kansli):
    committee = sodertorn.bodies.get(slug="samarbetskommitten")
    salem = Municipality.objects.get(name="Salem")
    kept = meeting(committee, dt.date(2027, 3, 11), host=salem, start_time=None, end_time=None)
    proposal = services.generate_proposal(sodertorn, 2027, rules=_rules(sodertorn))
    proposed = [m for m in proposal.meetings if m.body == committee]
    # six a year: the existing one counts, five are proposed, none on its day, and Salem is not host twice
    assert len(proposed) == 5 and kept.date not in {m.date for m in proposed}
    assert salem not in {m.host for m in proposed}
    assert kept in proposal.existing
    page = kansli.get(URL)
    assert "11 mars 2027" in page.content.decode()
    assert kansli.post(URL, proposal_form_data(page)).status_code == 302
    assert Meeting.objects.filter(body=committee, date__year=2027).count() == 6
    assert Meeting.objects.filter(pk=kept.pk, host=salem).exists()


def test_edited_rows_are_what_is_created(sodertorn, kansli):
    page = kansli.get(URL)
    data = proposal_form_data(page)
    huddinge = Municipality.objects.get(name="Huddinge")
    # move the first meeting, give it another host, remove the second row, and add a meeting
    data["m-0-date"] = "2027-02-09"
    data["m-0-host"] = str(huddinge.pk)
    data["m-1-DELETE"] = "on"
    removed = (page.context["mset"].forms[1].initial["body"], page.context["mset"].forms[1].initial["date"])
    added = kansli.post(URL, {**data, "action": "add"})
    assert added.status_code == 200
    rows = added.context["mset"].forms
    assert len(rows) == page.context["mset"].total_form_count()  # one removed, one added
    data = proposal_form_data(added)
    data[f"m-{len(rows) - 1}-date"] = "2027-10-05"
    body = rows[0].initial["body"]
    response = kansli.post(URL, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Meeting.objects.filter(body=body, date=dt.date(2027, 2, 9), host=huddinge).exists()
    assert not Meeting.objects.filter(body=removed[0], date=removed[1]).exists()
    assert Meeting.objects.filter(body=rows[-1].initial["body"], date=dt.date(2027, 10, 5)).exists()


def test_checking_changes_shows_broken_rules_and_saves_nothing(sodertorn, kansli):
    page = kansli.get(URL)
    data = proposal_form_data(page, action="check")
    committee_rows = [
        i for i, f in enumerate(page.context["mset"].forms) if f.initial["body"].slug == "samarbetskommitten"
    ]
    data[f"m-{committee_rows[0]}-date"] = "2027-07-13"  # a Tuesday in July
    before = db_state(Meeting, Conference)
    response = kansli.post(URL, data)
    assert response.status_code == 200 and db_state(Meeting, Conference) == before
    broken = {c.label for c in response.context["checks"] if not c.kept and c.body.slug == "samarbetskommitten"}
    assert {"Inga möten i juli", "Sammanträder på torsdag"} <= broken


@pytest.mark.parametrize(
    "change,message",
    [
        ({"m-0-date": "2027-12-24"}, "24 december 2027 är en helgdag (Julafton). Välj en annan dag."),
        ({"m-0-date": "2027-05-06"}, "6 maj 2027 är en helgdag (Kristi himmelsfärdsdag)"),
        ({"k-0-date": "2027-06-25"}, "Södertörns rådslag: 25 juni 2027 är en helgdag (Midsommarafton)"),
        ({"m-0-date": "2028-02-03"}, "3 februari 2028 ligger inte i 2027."),
        ({"m-0-date": "31/2"}, "Förslaget sparades inte: kontrollera de markerade raderna."),
        ({"m-0-start_time": "15:00", "m-0-end_time": "12:00"}, "mötet kan inte sluta innan det börjar"),
        ({"m-0-host": "999999"}, "Förslaget sparades inte: kontrollera de markerade raderna."),
        ({"m-0-body": "999999"}, "Förslaget sparades inte: kontrollera de markerade raderna."),
        ({"m-TOTAL_FORMS": "x"}, "Förslaget sparades inte: kontrollera de markerade raderna."),
    ],
)
def test_bad_input_is_refused_in_swedish_and_nothing_changes(sodertorn, kansli, change, message):
    page = kansli.get(URL)
    data = {**proposal_form_data(page), **change}
    before = db_state(Meeting, Conference)
    response = kansli.post(URL, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert db_state(Meeting, Conference) == before


def test_two_rows_on_one_day_and_a_non_member_host_are_refused(sodertorn, kansli):
    page = kansli.get(URL)
    data = proposal_form_data(page)
    data["m-1-body"], data["m-1-date"] = data["m-0-body"], data["m-0-date"]
    before = db_state(Meeting, Conference)
    response = kansli.post(URL, data)
    assert "föreslås två gånger" in response.content.decode()
    assert db_state(Meeting, Conference) == before
    outsider = Municipality.objects.create(name="Värmdö", code="0120")
    rows = services.generate_proposal(sodertorn, 2027, rules=_rules(sodertorn))
    rows.meetings[0].host = outsider
    with pytest.raises(services.DomainError, match="Värmdö är inte medlem"):
        services.proposal_accept(
            actor=build_user(sodertorn, StaffRole.Role.SECRETARIAT, username="k2"),
            cooperation=sodertorn,
            year=2027,
            meetings=rows.meetings,
            conferences=[],
        )
    assert db_state(Meeting, Conference) == before


def test_host_rotation_works_for_any_body(coop):
    committee, group = committee_and_group(coop)
    CalendarRule.objects.filter(body=group).update(rotate_hosts=True)
    members = list(coop.current_members(dt.date(2027, 1, 1)))
    order = list(reversed(members))
    for i, m in enumerate(order, start=1):
        HostRotationSlot.objects.create(rule=group.calendar_rule, position=i, municipality=m)
    rules = _rules(coop)
    proposal = services.generate_proposal(coop, 2027, rules=rules)
    group_hosts = [m.host for m in proposal.for_body(group)]
    assert group_hosts == [order[i % len(order)] for i in range(len(group_hosts))]  # its own order
    assert all(m.host is not None for m in proposal.for_body(committee))
    assert all(c.kept for c in services.proposal_checks(proposal, rules))
    # a rotating body whose meetings lack hosts is reported, not silently "kept"
    for m in proposal.for_body(group):
        m.host = None
    with translation.override("en"):
        fairness = [
            c
            for c in services.proposal_checks(proposal, rules)
            if c.body == group and c.label == "Hosts rotate fairly among the members"
        ]
    assert fairness and not fairness[0].kept


def test_a_new_member_not_in_the_order_still_gets_its_turn(coop):
    committee, _group = committee_and_group(coop)
    members = sorted(coop.current_members(dt.date(2027, 1, 1)), key=lambda m: m.name)
    HostRotationSlot.objects.create(rule=committee.calendar_rule, position=1, municipality=members[-1])
    orders = services.host_orders(_rules(coop), members)
    assert orders[committee.pk][0] == members[-1] and set(orders[committee.pk]) == set(members)


@pytest.mark.parametrize("existing", [3, 30])
def test_the_proposal_page_reads_a_fixed_number_of_queries(sodertorn, kansli, django_assert_max_num_queries, existing):
    """Ten times the existing meetings (each shown with its body and host) cost no more queries."""
    committee = sodertorn.bodies.get(slug="ledningsgruppen")
    hosts = list(sodertorn.current_members())
    for i in range(existing):
        meeting(committee, dt.date(2027, 1, 4) + dt.timedelta(days=7 * i), host=hosts[i % len(hosts)])
    with django_assert_max_num_queries(40):
        response = kansli.get(URL)
    assert response.status_code == 200 and len(response.context["existing"]) == existing
    # accepting costs the writes of each new row (permission, validation, history), nothing per existing meeting
    page = kansli.get(URL)
    rows = page.context["mset"].total_form_count() + page.context["cset"].total_form_count()
    with django_assert_max_num_queries(30 + 16 * rows):
        assert kansli.post(URL, proposal_form_data(page)).status_code == 302
