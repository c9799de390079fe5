import json

import pytest

from core.models import ApiToken
from core.tests.rows import new
from plans.models import Activity, ActivityReport
from plans.tests.builders import build_activity, build_indicator, build_round, goals

pytestmark = pytest.mark.django_db


def auth(user):
    _token, key = ApiToken.create_for(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def send(client, method, url, data, user=None):
    headers = auth(user) if user else {}
    return getattr(client, method)(url, data=json.dumps(data), content_type="application/json", **headers)


def test_read_endpoints(client, world, coop):
    activity = build_activity(world["plan_a"], goals(world["programme"])[:1], title="Läsbar")
    rnd = build_round(coop)
    build_indicator(
        coop, goals(world["programme"], sub=False)[0], body=world["net_a"], kolada_id="N01982", source="kolada"
    )
    assert client.get("/api/v1/cooperations/test/operating-plans").json()["count"] == 0
    plans = client.get("/api/v1/cooperations/test/action-plans?year=2011").json()
    assert {p["body_name"] for p in plans["items"]} == {"Näringslivschefer", "IT-chefer"}
    items = client.get(f"/api/v1/cooperations/test/activities?network={world['net_a'].slug}").json()["items"]
    assert [(a["title"], a["version"], a["status"]) for a in items] == [("Läsbar", 1, "planned")]
    assert client.get(f"/api/v1/activities/{activity.pk}").json()["goal_ids"] == [goals(world["programme"])[0].pk]
    assert client.get("/api/v1/cooperations/test/indicators").json()["items"][0]["kolada_id"] == "N01982"
    assert client.get("/api/v1/cooperations/test/follow-up-rounds").json()["items"][0]["period"] == "t1"
    assert client.get(f"/api/v1/follow-up-rounds/{rnd.pk}").json()["reports"] == []
    assert client.get("/api/v1/activities/999999").status_code == 404
    assert client.get("/api/v1/cooperations/finns-inte/activities").status_code == 404


def test_write_activity_by_role(client, world, users):
    payload = {
        "title": "Via API",
        "goal_ids": [goals(world["programme"])[0].pk],
        "start": "2011-03-01",
        "due": "2011-09-30",
    }
    url = f"/api/v1/action-plans/{world['plan_a'].pk}/activities"
    assert send(client, "post", url, payload).status_code == 401
    assert send(client, "post", url, payload, world["lead_b"]).status_code == 404
    assert send(client, "post", url, payload, users["management"]).status_code == 404
    assert not new(Activity).exists()
    response = send(client, "post", url, payload, world["lead_a"])
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["title"], body["version"]) == ("Via API", 1)


def test_write_activity_bad_input_and_stale(client, world):
    url = f"/api/v1/action-plans/{world['plan_a'].pk}/activities"
    bad = send(
        client, "post", url, {"title": "X", "goal_ids": [], "start": "2011-05-01", "due": "2011-04-01"}, world["lead_a"]
    )
    assert bad.status_code == 400
    errors = bad.json()["errors"]
    assert errors["due"] == ["Slutdatum kan inte ligga före startdatum."]
    assert errors["goals"] == ["En aktivitet måste tjäna minst ett mål i det gällande programmet."]
    assert not new(Activity).exists()
    activity = build_activity(world["plan_a"], goals(world["programme"])[:1])
    put = {"title": "Första", "goal_ids": [goals(world["programme"])[0].pk], "version": 1}
    assert send(client, "put", f"/api/v1/activities/{activity.pk}", put, world["lead_a"]).status_code == 200
    stale = send(client, "put", f"/api/v1/activities/{activity.pk}", {**put, "title": "Andra"}, world["lead_a"])
    assert stale.status_code == 409
    assert "Någon annan har sparat en nyare version" in stale.json()["detail"]
    assert stale.json()["errors"]["current_version"] == ["2"]
    assert new(Activity).get().title == "Första"


def test_write_reports_by_role_and_closed_round(client, world, users, coop):
    activity = build_activity(world["plan_a"], goals(world["programme"])[:1])
    indicator = build_indicator(coop, goals(world["programme"], sub=False)[0], body=world["net_a"])
    rnd = build_round(coop)
    url = f"/api/v1/follow-up-rounds/{rnd.pk}/activity-reports/{activity.pk}"
    assert send(client, "put", url, {"status": "ongoing"}, world["lead_b"]).status_code == 404
    ok = send(client, "put", url, {"status": "ongoing", "comment": "På gång"}, world["lead_a"])
    assert ok.status_code == 200 and ok.json()["version"] == 1
    assert send(client, "put", url, {"status": "done", "version": 0}, world["lead_a"]).status_code == 409
    assert send(client, "put", url, {"status": "klar", "version": 1}, world["lead_a"]).status_code == 400
    value_url = f"/api/v1/follow-up-rounds/{rnd.pk}/indicator-values/{indicator.pk}"
    assert float(send(client, "put", value_url, {"value": "42.5"}, world["lead_a"]).json()["value"]) == 42.5
    rnd.state = "closed"
    rnd.save()
    closed = send(client, "put", url, {"status": "done", "version": 1}, world["lead_a"])
    assert closed.status_code == 400
    assert "Uppföljningsomgången är stängd" in closed.json()["detail"]
    assert new(ActivityReport).get().status == "ongoing"
