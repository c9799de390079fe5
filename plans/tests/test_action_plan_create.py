"""A network lead creates the network's action plan when none exists (was a 404 on "new activity")."""

import pytest
from django.shortcuts import resolve_url

from core.tests.rows import new
from plans.models import ActionPlan
from plans.tests.builders import build_network_with_lead


@pytest.fixture
def net(coop):
    body, lead, _member = build_network_with_lead(coop, "Kulturchefer")
    return body, lead


def test_lead_is_sent_from_new_activity_to_create_the_plan_and_then_adds_activities(client_for, coop, net):
    body, lead = net
    c = client_for(lead)
    response = c.get(f"/test/verksamhetsplan/2027/handlingsplaner/{body.slug}/ny-aktivitet/")
    assert response.status_code == 302
    assert response["Location"] == f"/test/verksamhetsplan/2027/ny-handlingsplan/?natverk={body.slug}"
    form = c.get(response["Location"]).content.decode()
    assert f'<option value="{body.pk}" selected>Kulturchefer</option>' in form
    response = c.post("/test/verksamhetsplan/2027/ny-handlingsplan/", {"body": body.pk, "summary": "Vi samverkar."})
    assert response.status_code == 302
    plan = new(ActionPlan).get()
    assert (plan.body, plan.year, plan.summary) == (body, 2027, "Vi samverkar.")
    assert plan.history.get().history_user == lead
    assert c.get(f"/test/verksamhetsplan/2027/handlingsplaner/{body.slug}/ny-aktivitet/").status_code == 200
    # the plan exists now: nothing more to create for this lead
    assert c.get("/test/verksamhetsplan/2027/ny-handlingsplan/").status_code == 404


def test_a_lead_cannot_create_another_networks_plan(client_for, coop, net):
    body, _lead = net
    _other_body, other_lead, _m = build_network_with_lead(coop, "Miljöchefer")
    c = client_for(other_lead)
    assert c.get(f"/test/verksamhetsplan/2027/handlingsplaner/{body.slug}/ny-aktivitet/").status_code == 404
    response = c.post("/test/verksamhetsplan/2027/ny-handlingsplan/", {"body": body.pk})
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ." in response.content.decode()
    assert not new(ActionPlan).exists()


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("management", 404),
        ("registrar", 404),
        ("committee", 404),
        ("secretariat", 200),
    ],
)
def test_create_page_permissions(client_for, users, net, role, expected, settings):
    response = client_for(users[role]).get("/test/verksamhetsplan/2027/ny-handlingsplan/")
    assert response.status_code == expected
    if role == "anonymous":
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    response = client_for(users[role]).post("/test/verksamhetsplan/2027/ny-handlingsplan/", {"body": net[0].pk})
    assert (response.status_code == 302 and role == "secretariat") or response.status_code == expected
    assert new(ActionPlan).exists() == (role == "secretariat")


def test_action_plans_page_offers_creation_to_the_lead_only(client_for, users, net):
    body, lead = net
    assert "ny-handlingsplan" in client_for(lead).get("/test/verksamhetsplan/2027/handlingsplaner/").content.decode()
    anon = client_for(None).get("/test/verksamhetsplan/2027/handlingsplaner/").content.decode()
    assert "ny-handlingsplan" not in anon
    # anonymous users asking for a plan that does not exist still get a 404
    assert client_for(None).get(f"/test/verksamhetsplan/2027/handlingsplaner/{body.slug}/").status_code == 404
