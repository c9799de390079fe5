"""Role × action over the programme services: the secretariat sends a programme out for adoption; a
municipality's adoption is recorded and corrected by its registrar or the secretariat (superusers
always). Everyone else is refused with PermissionDenied and nothing changes; a refused page write
and a refused API write leave the same state."""

import datetime as dt
import json

import pytest

from conftest import assert_refused, db_state
from core.services import SYSTEM
from core.tests.rows import new
from organisations.models import StaffRole
from programme import audit, services
from programme.models import Adoption, AdoptionRound, AdoptionStep
from programme.tests.builders import build_programme

pytestmark = pytest.mark.django_db
MODELS = (AdoptionRound, Adoption, AdoptionStep)
STEP = {
    "kind": "decision",
    "body_name": "Kommunstyrelsen",
    "meeting_date": dt.date(2019, 9, 2),
    "outcome": "adopted",
    "paragraph": "101",
}


@pytest.fixture
def scene(coop, users):
    own = StaffRole.objects.get(user=users["registrar"]).municipality
    return {
        "coop": coop,
        "own": own,
        "programme": build_programme(coop),
        "draft": build_programme(coop, slug="utkast", sent=False),
    }


def _step(scene):
    p = scene["programme"]
    return services.adoption_step_record(
        actor=SYSTEM, adoption_round=p.adoption_round, municipality=scene["own"], **STEP
    )


ACTIONS = {
    "adoption_round_open": (
        {"secretariat", "superuser"},
        lambda a, s: services.adoption_round_open(actor=a, programme=s["draft"], sent_on=dt.date(2019, 6, 1)),
    ),
    "adoption_create": (
        {"secretariat", "superuser", "registrar"},
        lambda a, s: services.adoption_create(
            actor=a, adoption_round=s["programme"].adoption_round, municipality=s["own"]
        ),
    ),
    "adoption_step_record": (
        {"secretariat", "superuser", "registrar"},
        lambda a, s: services.adoption_step_record(
            actor=a, adoption_round=s["programme"].adoption_round, municipality=s["own"], **STEP
        ),
    ),
    "adoption_step_correct": (
        {"secretariat", "superuser", "registrar"},
        lambda a, s: services.adoption_step_correct(actor=a, step=s["step"], paragraph="102"),
    ),
}


@pytest.mark.parametrize("action,allowed", [(a, name) for a, (may, _c) in ACTIONS.items() for name in sorted(may)])
def test_every_programme_service_checks_its_actor(scene, actors, action, allowed):
    may, call = ACTIONS[action]
    if action == "adoption_step_correct":
        scene["step"] = _step(scene)
    assert_refused(lambda actor: call(actor, scene), actors, may, *MODELS)
    before = db_state(*MODELS)
    call(actors[allowed], scene)
    assert db_state(*MODELS) != before


@pytest.mark.parametrize(
    "role,api_status,page_status", [("committee", 404, 404), ("outsider", 404, 404), ("anonymous", 401, 302)]
)
def test_refused_page_and_api_records_leave_the_same_state(scene, users, client_for, role, api_status, page_status):
    p, own = scene["programme"], scene["own"]
    c = client_for(users[role])
    before = db_state(*MODELS)
    api = c.post(
        f"/api/v1/programmes/{p.pk}/adoptions/{own.code}/steps",
        content_type="application/json",
        data=json.dumps({**STEP, "meeting_date": "2019-09-02"}),
    )
    page = c.post(
        f"/{scene['coop'].slug}/program/{p.slug}/antagande/{own.code}/", {**STEP, "meeting_date": "2019-09-02"}
    )
    assert (api.status_code, page.status_code) == (api_status, page_status)
    assert db_state(*MODELS) == before


def test_recorded_step_carries_the_code_and_the_page_shows_its_label(scene, users, client_for):
    services.adoption_step_record(
        actor=users["registrar"], adoption_round=scene["programme"].adoption_round, municipality=scene["own"], **STEP
    )
    row = new(AdoptionStep.history.model).get()
    assert (row.history_change_reason, row.history_user) == (audit.STEP_RECORDED, users["registrar"])
    html = (
        client_for(users["secretariat"])
        .get(f"/{scene['coop'].slug}/program/{scene['programme'].slug}/andringar/")
        .content.decode()
    )
    assert "Steg registrerat" in html and audit.STEP_RECORDED not in html
