"""Retries and double clicks never duplicate an adoption decision (issue 11, "a double click duplicates
too"): the same step again is refused with 409 (API) or a Swedish message on the form (page)."""

import json

import pytest

from core.models import ApiToken
from core.tests.rows import new
from programme.models import Adoption, AdoptionStep
from programme.tests.builders import build_programme
from programme.tests.test_api import STEP, own

pytestmark = pytest.mark.django_db


@pytest.fixture
def prog(coop):
    return build_programme(coop, slug="sup-2035")


def test_the_same_decision_posted_twice_to_the_api_is_recorded_once_and_the_retry_gets_409(client, prog, users):
    _, key = ApiToken.create_for(users["registrar"], "test")
    url = f"/api/v1/programmes/{prog.pk}/adoptions/{own(users).code}/steps"
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    first = client.post(url, json.dumps(STEP), content_type="application/json", **headers)
    assert first.status_code == 201, first.content
    again = client.post(url, json.dumps(STEP), content_type="application/json", **headers)
    assert again.status_code == 409
    assert "redan registrerat" in again.json()["detail"]
    assert new(AdoptionStep).count() == 1 and new(Adoption).count() == 1
    # Another paragraph of the same body on the same day is another step.
    other = client.post(url, json.dumps({**STEP, "paragraph": "79"}), content_type="application/json", **headers)
    assert other.status_code == 201
    assert new(AdoptionStep).count() == 2


def test_a_double_click_on_the_adoption_form_records_one_step_and_says_so_in_swedish(client_for, prog, users):
    c = client_for(users["registrar"])
    url = f"/test/program/sup-2035/antagande/{own(users).code}/"
    data = {
        "case_number": "2019/KS 1",
        "kind": "decision",
        "body_name": "Kommunstyrelsen",
        "meeting_date": "2019-09-02",
        "paragraph": "12",
        "outcome": "adopted",
        "text": "Godkänns.",
    }
    assert c.post(url, data).status_code == 302
    second = c.post(url, data)
    assert second.status_code == 200
    assert "redan registrerat" in second.content.decode()
    assert new(AdoptionStep).count() == 1
