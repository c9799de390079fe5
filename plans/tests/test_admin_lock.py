"""The admin's change forms use the optimistic lock (issue 11: two secretariat users editing the same
operating plan in the admin, the second save silently won)."""

import json

import pytest

from organisations.models import StaffRole
from organisations.testing import build_user
from plans.models import Activity, OperatingPlan
from plans.tests.builders import build_activity, goals
from plans.tests.test_api import send

pytestmark = pytest.mark.django_db


def _form_data(response) -> dict:
    """The POST a browser sends for the admin change form in `response`, unchanged."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else str(value)
    for formset in response.context.get("inline_admin_formsets", []):
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    return data


@pytest.fixture
def two_editors(coop, users):
    return users["secretariat"], build_user(coop, StaffRole.Role.SECRETARIAT, username="kansli2")


def test_a_stale_admin_save_of_an_operating_plan_is_refused_with_a_message(coop, two_editors, client_for):
    plan = OperatingPlan.objects.create(cooperation=coop, year=2011, title="Verksamhetsplan 2011")
    url = f"/admin/plans/operatingplan/{plan.pk}/change/"
    first, second = (client_for(user) for user in two_editors)
    first_form, second_form = _form_data(first.get(url)), _form_data(second.get(url))
    assert first_form["lock_token"]
    assert first.post(url, {**first_form, "purpose": "Första"}).status_code == 302
    response = second.post(url, {**second_form, "purpose": "Andra"})
    assert response.status_code == 200
    assert "Någon annan har sparat" in response.content.decode()
    plan.refresh_from_db()
    assert plan.purpose == "Första"
    # Opened again, the newer version saves.
    again = _form_data(second.get(url))
    assert second.post(url, {**again, "purpose": "Andra"}).status_code == 302
    plan.refresh_from_db()
    assert plan.purpose == "Andra"


def test_an_admin_save_bumps_the_version_so_a_page_or_api_edit_from_the_older_version_gets_409(
    coop, users, world, client_for, client
):
    activity = build_activity(world["plan_a"], goals(world["programme"])[:1], title="Låst")
    url = f"/admin/plans/activity/{activity.pk}/change/"
    admin_client = client_for(users["secretariat"])
    stale_admin_form = _form_data(admin_client.get(url))
    assert admin_client.post(url, {**stale_admin_form, "title": "Ändrad i admin"}).status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.version) == ("Ändrad i admin", 2)
    # The API editor loaded version 1: refused.
    payload = {
        "title": "Från API",
        "goal_ids": [goals(world["programme"])[0].pk],
        "start": "2011-03-01",
        "due": "2011-09-30",
        "version": 1,
    }
    response = send(client, "put", f"/api/v1/activities/{activity.pk}", payload, world["lead_a"])
    assert response.status_code == 409, json.dumps(response.json())
    # And the admin form loaded at version 1 is refused as well.
    response = admin_client.post(url, {**stale_admin_form, "title": "Gammal admin"})
    assert response.status_code == 200 and "Någon annan har sparat" in response.content.decode()
    assert Activity.objects.get(pk=activity.pk).title == "Ändrad i admin"
