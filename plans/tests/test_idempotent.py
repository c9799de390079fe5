"""A retried or double-clicked activity create gives one activity (issue 11): the second answers 409."""

import pytest

from core.tests.rows import new
from plans.models import Activity
from plans.tests.builders import goals
from plans.tests.test_api import send

pytestmark = pytest.mark.django_db


def test_the_same_activity_posted_twice_is_created_once_and_the_retry_gets_409(client, world):
    payload = {
        "title": "Via API",
        "goal_ids": [goals(world["programme"])[0].pk],
        "start": "2011-03-01",
        "due": "2011-09-30",
    }
    url = f"/api/v1/action-plans/{world['plan_a'].pk}/activities"
    assert send(client, "post", url, payload, world["lead_a"]).status_code == 200
    again = send(client, "post", url, payload, world["lead_a"])
    assert again.status_code == 409
    assert "redan en aktivitet" in again.json()["detail"]
    assert new(Activity).count() == 1
    assert send(client, "post", url, {**payload, "title": "En annan"}, world["lead_a"]).status_code == 200
