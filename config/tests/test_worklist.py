""" "Mina uppgifter" (core.worklist and the apps' providers): the right items for each role of the demo,
nothing of another cooperation, overdue marked, the header links and the landing page after sign-in."""

import datetime as dt

import pytest
from django.utils import timezone

from budget.models import Budget
from core import worklist
from organisations.models import Body, StaffRole
from organisations.testing import build_cooperation, build_user
from plans.models import FollowUpRound
from plans.tests.builders import build_round
from programme.models import AdoptionRound, AdoptionStep
from programme.tests.builders import build_programme

R = StaffRole.Role
URL = "/mina-uppgifter/"


@pytest.fixture
def next_year():
    return timezone.localdate().year + 1


@pytest.fixture
def elsewhere(db, next_year):
    """Another cooperation with work of every kind: none of it may reach Södertörn's staff."""
    other = build_cooperation("annan-samverkan", members=2)
    build_round(other, year=2014, deadline=dt.date(2014, 5, 15))
    Budget.objects.create(cooperation=other, year=next_year, title="Annans budget", status=Budget.Status.PROPOSED)
    programme = build_programme(other, slug="annat-program", sent=False)
    AdoptionRound.objects.create(
        cooperation=other,
        programme=programme,
        title="Annat program ute",
        sent_on=dt.date(2026, 1, 10),
        deadline=dt.date(2026, 3, 1),
    )
    return other


@pytest.fixture
def adoption_round(sodertorn):
    programme = build_program_for(sodertorn)
    return AdoptionRound.objects.create(
        cooperation=sodertorn,
        programme=programme,
        title="Utvecklingsprogram 2027",
        sent_on=dt.date(2026, 11, 1),
        deadline=dt.date(2027, 3, 31),
    )


def build_program_for(coop):
    return build_programme(coop, slug="sup-2027", name="Södertörns utvecklingsprogram 2027", sent=False)


def demo_user(coop, role, username, **kwargs):
    """A user like the demo's (`load_sodertorn --demo-users`), in the demo loaded for the tests."""
    return build_user(coop, role, username=username, **kwargs)


def page_text(client_for, user):
    response = client_for(user).get(URL)
    assert response.status_code == 200
    return response.content.decode()


def titles(user):
    return [str(item.title) for item in worklist.items_for(user)]


def test_secretariat_sees_followup_adoptions_and_approvals(sodertorn, elsewhere, adoption_round, next_year, client_for):
    Budget.objects.create(cooperation=sodertorn, year=next_year, title="Budget", status=Budget.Status.PROPOSED)
    user = demo_user(sodertorn, R.SECRETARIAT, "kansli")
    items = worklist.items_for(user)
    assert {item.cooperation for item in items} == {sodertorn}
    by_title = {str(i.title): i for i in items}
    demo_round = FollowUpRound.objects.get(cooperation=sodertorn, year=2014, period="t1")
    assert (
        by_title["Uppföljning tertial 1 2014: nätverk som inte har rapporterat"].url
        == f"/sodertorn/verksamhetsplan/uppfoljning/{demo_round.pk}/"
    )
    assert by_title["Bedöm målen, uppföljning tertial 1 2014"].kind == "assessment"
    adoption = by_title["Utvecklingsprogram 2027: beslut väntas"]
    assert adoption.note == "8 av 8 medlemmar har inte beslutat."
    assert adoption.url == "/sodertorn/program/sup-2027/"
    assert f"Budget {next_year} väntar på godkännande" in by_title
    html = page_text(client_for, user)
    assert "Försenad: 15 maj 2014" in html  # the round's deadline has passed
    assert "Annat program ute" not in html and "Annans budget" not in html
    assert html.count("<h2") == 1  # one cooperation


def test_management_group_member_sees_rounds_to_assess_only(
    sodertorn, elsewhere, adoption_round, next_year, client_for
):
    Budget.objects.create(cooperation=sodertorn, year=next_year, title="Budget", status=Budget.Status.PROPOSED)
    user = demo_user(sodertorn, R.MANAGEMENT, "ledningsgrupp")
    items = worklist.items_for(user)
    assert [(i.kind, str(i.title)) for i in items] == [("assessment", "Bedöm målen, uppföljning tertial 1 2014")]
    assert items[0].overdue
    html = page_text(client_for, user)
    assert "/bedomning/" in html and "Rundor att bedöma" in html


def test_network_lead_sees_only_their_networks_report(sodertorn, elsewhere, client_for):
    it = Body.objects.get(cooperation=sodertorn, name="IT-chefer")
    user = demo_user(sodertorn, R.NETWORK_LEAD, "natverk-it", body=it)
    items = worklist.items_for(user)
    demo_round = FollowUpRound.objects.get(cooperation=sodertorn, year=2014, period="t1")
    assert [(i.kind, str(i.title), i.url) for i in items] == [
        (
            "report",
            "Rapport för IT-chefer, uppföljning tertial 1 2014",
            f"/sodertorn/verksamhetsplan/uppfoljning/{demo_round.pk}/rapport/{it.slug}/",
        ),
    ]
    assert "Näringslivschefer" not in page_text(client_for, user)


def test_network_member_is_asked_to_do_nothing(sodertorn, elsewhere, adoption_round, next_year, client_for):
    """A network member of the network whose report is due (and in a cooperation with every kind of work
    waiting) gets no item: they may act on none of it. The page still answers, with nothing waiting."""
    Budget.objects.create(cooperation=sodertorn, year=next_year, title="Budget", status=Budget.Status.PROPOSED)
    it = Body.objects.get(cooperation=sodertorn, name="IT-chefer")
    lead = demo_user(sodertorn, R.NETWORK_LEAD, "natverk-it", body=it)
    assert titles(lead) != []  # the same network's lead has its report to write
    member = demo_user(sodertorn, R.NETWORK_MEMBER, "natverksmedlem-it", body=it)
    assert titles(member) == []
    assert "Inget väntar på dig just nu." in page_text(client_for, member)
    response = client_for(member).get("/mina-uppgifter/start/")
    assert response.status_code == 302 and response["Location"] == "/sodertorn/mina-uppgifter/"


def test_network_leads_item_goes_when_reported(sodertorn):
    from plans import services
    from plans.models import Activity

    it = Body.objects.get(cooperation=sodertorn, name="IT-chefer")
    user = demo_user(sodertorn, R.NETWORK_LEAD, "natverk-it", body=it)
    demo_round = FollowUpRound.objects.get(cooperation=sodertorn, year=2014, period="t1")
    for activity in Activity.objects.filter(action_plan__body=it, action_plan__year=2014):
        services.activity_report_save(actor=user, round=demo_round, activity=activity, status="ongoing")
    assert titles(user) == []


def test_registrar_sees_their_municipalitys_adoption_until_decided(sodertorn, elsewhere, adoption_round, client_for):
    from programme import services

    tyreso = sodertorn.current_members().get(name="Tyresö")
    user = demo_user(sodertorn, R.REGISTRAR, "registrator-tyreso", municipality=tyreso)
    items = worklist.items_for(user)
    assert [(str(i.title), i.url, i.due) for i in items] == [
        (
            "Registrera Tyresös beslut om Utvecklingsprogram 2027",
            f"/sodertorn/program/sup-2027/antagande/{tyreso.code}/",
            dt.date(2027, 3, 31),
        ),
    ]
    html = page_text(client_for, user)
    assert "Annat program ute" not in html
    services.adoption_step_record(
        actor=user,
        adoption_round=adoption_round,
        municipality=tyreso,
        kind=AdoptionStep.Kind.DECISION,
        body_name="Kommunfullmäktige",
        meeting_date=dt.date(2026, 11, 20),
        outcome=AdoptionStep.Outcome.ADOPTED,
    )
    assert titles(user) == []


def test_committee_member_sees_plans_and_budgets_to_approve(sodertorn, elsewhere, next_year):
    from plans.models import OperatingPlan

    Budget.objects.create(cooperation=sodertorn, year=next_year, title="Budget", status=Budget.Status.PROPOSED)
    OperatingPlan.objects.create(cooperation=sodertorn, year=next_year, title="Verksamhetsplan")
    user = demo_user(sodertorn, R.COMMITTEE, "kommitte")
    assert titles(user) == [
        f"Budget {next_year} väntar på godkännande",
        f"Verksamhetsplan {next_year} väntar på godkännande",
    ]
    Budget.objects.filter(cooperation=sodertorn, year=next_year).update(status=Budget.Status.APPROVED)
    assert titles(user) == [f"Verksamhetsplan {next_year} väntar på godkännande"]


def test_anonymous_is_sent_to_login_and_a_user_without_roles_sees_nothing(sodertorn, client_for):
    response = client_for(None).get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")
    html = page_text(client_for, build_user(username="utan-roll"))
    assert "Inget väntar på dig just nu." in html


def test_header_links_staff_to_their_tasks_and_the_admin(sodertorn, client_for):
    staff = demo_user(sodertorn, R.SECRETARIAT, "kansli")
    html = client_for(staff).get("/sodertorn/").content.decode()
    assert f'href="{URL}"' in html and 'href="/admin/"' in html
    plain = build_user(sodertorn, R.NETWORK_LEAD, username="utan-admin", is_staff=False)
    html = client_for(plain).get("/sodertorn/").content.decode()
    assert f'href="{URL}"' in html and 'href="/admin/"' not in html
    assert f'href="{URL}"' not in client_for(None).get("/sodertorn/").content.decode()


def test_signing_in_lands_on_my_tasks(sodertorn, client):
    demo_user(sodertorn, R.SECRETARIAT, "kansli")
    response = client.post("/konto/logga-in/", {"username": "kansli", "password": "pw-for-tests-only"})
    assert response.status_code == 302 and response["Location"] == "/mina-uppgifter/start/"
    assert client.get(response["Location"])["Location"] == "/sodertorn/mina-uppgifter/"  # the own cooperation's


@pytest.mark.browser
def test_my_tasks_page_passes_axe_and_reflows_at_320px(sodertorn, adoption_round, page, axe):
    tyreso = sodertorn.current_members().get(name="Tyresö")
    demo_user(sodertorn, R.SECRETARIAT, "webbkansli")
    page.goto(page.base_url + "/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("webbkansli")
    page.get_by_label("Lösenord").fill("pw-for-tests-only")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**" + URL)
    assert page.get_by_role("heading", name="Mina uppgifter", level=1).is_visible()
    axe(page, "Mina uppgifter")
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert tyreso  # the demo's members are there
