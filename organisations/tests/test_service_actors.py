"""Role × action over the organisation register's services: the secretariat of the object's
cooperation (and superusers) may write; municipalities are a national register (superusers only).
Everyone else is refused with PermissionDenied and nothing changes, the history included."""

import datetime as dt
from decimal import Decimal

import pytest

from conftest import assert_refused, db_state
from core.services import SYSTEM
from organisations import audit, services
from organisations.models import (
    Body,
    CooperationMember,
    Membership,
    Municipality,
    Organisation,
    Ownership,
    OwnerSteeringRecord,
    Person,
    StaffRole,
)
from organisations.testing import build_body

pytestmark = pytest.mark.django_db
MODELS = (
    Municipality,
    CooperationMember,
    Body,
    Person,
    Membership,
    Organisation,
    Ownership,
    OwnerSteeringRecord,
    StaffRole,
)
REGISTER = {"secretariat", "superuser"}


@pytest.fixture
def scene(coop):
    body = build_body(coop)
    person = services.person_create(actor=SYSTEM, cooperation=coop, name="Anna Andersson")
    org = services.organisation_create(
        actor=SYSTEM, cooperation=coop, kind=Organisation.Kind.COMPANY, name="Testbolaget AB"
    )
    return {
        "coop": coop,
        "body": body,
        "person": person,
        "org": org,
        "membership": services.membership_create(actor=SYSTEM, person=person, body=body),
        "muni": coop.members.first().municipality,
    }


ACTIONS = {
    "municipality_create": (
        {"superuser"},
        lambda a, s: services.municipality_create(actor=a, code="0999", name="Nyby"),
    ),
    "body_create": (
        REGISTER,
        lambda a, s: services.body_create(actor=a, cooperation=s["coop"], kind=Body.Kind.NETWORK, name="Nytt nätverk"),
    ),
    "body_update": (REGISTER, lambda a, s: services.body_update(actor=a, body=s["body"], name="Omdöpt")),
    "person_create": (REGISTER, lambda a, s: services.person_create(actor=a, cooperation=s["coop"], name="Bo")),
    "membership_end": (
        REGISTER,
        lambda a, s: services.membership_end(actor=a, membership=s["membership"], end=dt.date(2030, 1, 1)),
    ),
    "organisation_update": (
        REGISTER,
        lambda a, s: services.organisation_update(actor=a, organisation=s["org"], short_name="TB"),
    ),
    "ownership_set": (
        REGISTER,
        lambda a, s: services.ownership_set(
            actor=a, organisation=s["org"], owner_municipality=s["muni"], share_percent=Decimal("10")
        ),
    ),
    "steering_record_add": (
        REGISTER,
        lambda a, s: services.steering_record_add(
            actor=a,
            organisation=s["org"],
            kind=OwnerSteeringRecord.Kind.DIRECTIVE,
            date=dt.date(2020, 1, 1),
            title="Ägardirektiv",
        ),
    ),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_register_service_checks_its_actor(scene, actors, action):
    allowed, call = ACTIONS[action]
    assert_refused(lambda actor: call(actor, scene), actors, allowed, *MODELS)
    before = db_state(*MODELS)
    call(actors[sorted(allowed)[0]], scene)
    assert db_state(*MODELS) != before


def test_register_history_rows_carry_codes_and_the_system_leaves_no_user(scene, users):
    services.body_update(actor=users["secretariat"], body=scene["body"], name="Omdöpt")
    rows = list(scene["person"].history.values_list("history_change_reason", "history_user"))
    assert rows == [(audit.PERSON_CREATED, None)]
    row = scene["body"].history.first()
    assert (row.history_change_reason, row.history_user) == (audit.BODY_CHANGED, users["secretariat"])
