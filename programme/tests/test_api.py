import datetime as dt
import json

import pytest
import time_machine

from core.models import ApiToken
from core.tests.rows import new
from organisations.models import StaffRole
from programme.models import Adoption, AdoptionStep
from programme.tests.builders import build_programme

STEP = {
    "kind": "decision",
    "body_name": "Kommunstyrelsen",
    "meeting_date": "2019-09-02",
    "outcome": "adopted",
    "paragraph": "78",
    "case_number": "KS 2019/7",
}


@pytest.fixture
def prog(coop):
    return build_programme(coop, slug="sup-2035")


def own(users):
    return StaffRole.objects.get(user=users["registrar"]).municipality


def post(client, url, data, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def test_read_list_and_detail(client, prog):
    data = client.get("/api/v1/cooperations/test/programmes").json()
    assert data["count"] == 1
    item = data["items"][0]
    assert item["status"] == "out_for_adoption" and item["adopted"] == 0 and item["members"] == 3
    detail = client.get(f"/api/v1/programmes/{prog.pk}").json()
    assert detail["vision"] == "Visionen om samverkan"
    assert [len(a["goals"][0]["subgoals"]) for a in detail["focus_areas"]] == [3, 3]
    assert detail["external_goals"] == [{"framework": "RUFS 2050", "text": "En tillgänglig region"}]
    assert {a["status"] for a in detail["adoptions"]} == {"not_handled"}
    assert client.get("/api/v1/programmes/999999").status_code == 404
    assert client.get("/api/v1/cooperations/finnsinte/programmes").status_code == 404


def test_registrar_records_step_with_token(client, prog, users):
    _, key = ApiToken.create_for(users["registrar"], "test")
    m = own(users)
    response = post(client, f"/api/v1/programmes/{prog.pk}/adoptions/{m.code}/steps", STEP, key)
    assert response.status_code == 201, response.content
    assert response.json()["paragraph"] == "§ 78"
    adoption = new(Adoption).get()
    assert adoption.case_number == "KS 2019/7" and adoption.municipality == m
    assert new(AdoptionStep).get().history.first().history_user == users["registrar"]
    detail = client.get(f"/api/v1/programmes/{prog.pk}").json()
    row = next(a for a in detail["adoptions"] if a["municipality_code"] == m.code)
    assert row["status"] == "adopted" and row["decided_on"] == "2019-09-02"


def test_session_auth_works(client_for, prog, users):
    c = client_for(users["secretariat"])
    m = own(users)
    assert post(c, f"/api/v1/programmes/{prog.pk}/adoptions/{m.code}/steps", STEP).status_code == 201


def test_anonymous_gets_401_and_nothing_saved(client, prog, users):
    m = own(users)
    response = post(client, f"/api/v1/programmes/{prog.pk}/adoptions/{m.code}/steps", STEP)
    assert response.status_code == 401
    assert not new(AdoptionStep).exists()


def test_registrar_of_another_municipality_gets_404_in_swedish(client, prog, users, coop):
    _, key = ApiToken.create_for(users["registrar"], "test")
    other = next(m for m in coop.current_members() if m != own(users))
    response = post(client, f"/api/v1/programmes/{prog.pk}/adoptions/{other.code}/steps", STEP, key)
    assert response.status_code == 404
    assert response.json() == {"detail": "Hittades inte.", "errors": {}}
    assert not new(Adoption).exists()


@pytest.mark.parametrize(
    "overrides,message",
    [
        (
            {"meeting_date": "2027-03-12"},  # two days after the pinned today
            "Sammanträdesdatumet kan inte ligga i framtiden.",
        ),
        ({"outcome": "proposed"}, "Ett beslut i det beslutande organet kan inte ha utfallet ”föreslaget”."),
        ({"outcome": "kanske"}, "Värdet 'kanske' är inget giltigt alternativ."),
    ],
)
@time_machine.travel(dt.datetime(2027, 3, 10, 12, 0, tzinfo=dt.UTC), tick=False)
def test_bad_input_400_in_swedish(client, prog, users, overrides, message):
    _, key = ApiToken.create_for(users["registrar"], "test")
    response = post(
        client, f"/api/v1/programmes/{prog.pk}/adoptions/{own(users).code}/steps", {**STEP, **overrides}, key
    )
    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert not new(Adoption).exists() and not new(AdoptionStep).exists()


def test_non_member_and_duplicate_adoption_refused(client, prog, users):
    from organisations.testing import build_municipality

    _, key = ApiToken.create_for(users["secretariat"], "test")
    stranger = build_municipality("Främlingeby")
    response = post(client, f"/api/v1/programmes/{prog.pk}/adoptions", {"municipality_code": stranger.code}, key)
    assert response.status_code == 400 and "Främlingeby är inte medlem" in response.json()["detail"]
    m = own(users)
    first = post(client, f"/api/v1/programmes/{prog.pk}/adoptions", {"municipality_code": m.code}, key)
    assert first.status_code == 201
    response = post(client, f"/api/v1/programmes/{prog.pk}/adoptions", {"municipality_code": m.code}, key)
    assert response.status_code == 409 and "har redan ett ärende" in response.json()["detail"]
    assert new(Adoption).count() == 1


def test_programme_not_sent_out_refused(client, coop, users):
    p = build_programme(coop, slug="utkast", sent=False)
    _, key = ApiToken.create_for(users["secretariat"], "test")
    response = post(client, f"/api/v1/programmes/{p.pk}/adoptions/{own(users).code}/steps", STEP, key)
    assert response.status_code == 400 and "inte skickats ut" in response.json()["detail"]


def test_openapi_schema_has_programme_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/programmes/{programme_id}/adoptions/{code}/steps" in schema["paths"]
    assert "/api/v1/cooperations/{slug}/programmes" in schema["paths"]
