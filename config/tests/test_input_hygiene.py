"""Input hygiene at the edge (issue 11, "5xx on ordinary bad input"): NUL bytes and unpaired surrogates in
the path, the query, a form or a JSON body, numbers no integer column holds and years out of range are
refused with 404/400 and a Swedish message before any view runs; API times with a time-zone offset are
stored as Stockholm wall-clock times (such a meeting used to be saved, then the response failed)."""

import json

import pytest

from core.tests.rows import new
from meetings.models import Meeting
from meetings.tests.builders import committee_and_group

pytestmark = pytest.mark.django_db

NOT_ALLOWED = "tecken som inte är tillåtna"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/cooperations/sod%00ertorn",
        "/api/v1/municipalities/01%0080",
        "/sodertorn/organ/a%00b/",
        "/sodertorn%00/program/",
    ],
)
def test_a_nul_byte_in_the_path_is_not_found(sodertorn, client, path):
    response = client.get(path)
    assert response.status_code == 404, path


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/cooperations?x=a%00b",
        "/api/v1/kpi/values?municipality=01%0080",
        "/sodertorn/verksamhetsplan/aktiviteter/?network=a%00b",
        "/sodertorn/kalender/?ar=20%0019",
    ],
)
def test_a_nul_byte_in_the_query_is_a_400_in_swedish(sodertorn, client, path):
    response = client.get(path)
    assert response.status_code == 400, path
    text = response.json()["detail"] if path.startswith("/api/") else response.content.decode()
    assert NOT_ALLOWED in text


@pytest.mark.parametrize(
    "query",
    ["year=10000", "ar=99999", "year=0", "from_year=-5", "page=99999999999999999999", "goal=99999999999999999999"],
)
@pytest.mark.parametrize(
    "base",
    [
        "/api/v1/kpi/values",
        "/api/v1/cooperations/sodertorn/conferences",
        "/sodertorn/kalender/",
        "/sodertorn/verksamhetsplan/aktiviteter/",
        "/sodertorn/program/",
    ],
)
def test_years_and_numbers_out_of_range_are_a_400_not_a_500(sodertorn, client, base, query):
    response = client.get(f"{base}?{query}")
    assert response.status_code in (400, 422), (base, query, response.status_code)
    if response.status_code == 400:
        text = response.json()["detail"] if base.startswith("/api/") else response.content.decode()
        assert "Året i" in text or "Talet i" in text


def test_a_year_in_range_still_works(sodertorn, client):
    assert client.get("/sodertorn/kalender/?ar=2019").status_code == 200
    assert client.get("/api/v1/cooperations/sodertorn/conferences?year=2019").status_code == 200


def _meeting(client_for, users, coop, **fields):
    committee = coop.bodies.filter(slug__startswith="test-committee").first()
    if committee is None:
        committee, _ = committee_and_group(coop)
        committee.slug = "test-committee"
        committee.save()
    data = {"body_slug": committee.slug, "date": "2027-03-04", **fields}
    return client_for(users["secretariat"]).post(
        f"/api/v1/cooperations/{coop.slug}/meetings", json.dumps(data), content_type="application/json"
    )


@pytest.mark.parametrize("text", ["Sal\x00 1", "Sal \ud800 1"])
def test_nul_and_unpaired_surrogates_in_a_json_body_are_a_400_and_nothing_is_saved(coop, users, client_for, text):
    response = _meeting(client_for, users, coop, location=text)
    assert response.status_code == 400, response.content
    assert NOT_ALLOWED in response.json()["detail"]
    assert not new(Meeting).exists()


def test_nul_in_a_form_field_is_a_400_not_a_database_error(client):
    response = client.post("/konto/logga-in/", {"username": "kansli\x00", "password": "x"})
    assert response.status_code == 400
    assert "inte är tillåtna" in response.content.decode()


@pytest.mark.parametrize(
    "date,sent,stored",
    [
        ("2027-03-04", "10:00:00+00:00", "11:00:00"),  # winter: Stockholm is UTC+1
        ("2027-07-01", "10:00:00Z", "12:00:00"),  # summer: UTC+2
        ("2027-07-01", "12:00:00+02:00", "12:00:00"),
        ("2027-07-01", "12:00:00", "12:00:00"),
    ],
)
def test_api_times_with_an_offset_are_stored_as_stockholm_time(coop, users, client_for, date, sent, stored):
    response = _meeting(client_for, users, coop, date=date, start_time=sent)
    assert response.status_code == 201, response.content
    assert response.json()["start_time"] == stored
    assert str(new(Meeting).get().start_time) == stored


def test_a_time_whose_offset_moves_it_to_another_day_is_refused_and_nothing_is_saved(coop, users, client_for):
    response = _meeting(client_for, users, coop, date="2027-07-01", start_time="23:30:00+00:00")
    assert response.status_code == 422
    assert not new(Meeting).exists()


def test_a_retried_meeting_create_does_not_duplicate(coop, users, client_for):
    first = _meeting(client_for, users, coop, start_time="12:00", end_time="15:00")
    assert first.status_code == 201
    again = _meeting(client_for, users, coop, start_time="12:00", end_time="15:00")
    assert again.status_code == 409
    assert "har redan ett möte" in again.json()["detail"]
    assert new(Meeting).count() == 1
    other_time = _meeting(client_for, users, coop, start_time="16:00", end_time="17:00")
    assert other_time.status_code == 201
