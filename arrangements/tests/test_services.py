"""The register's writes: who may write, refused bad input (a Swedish message, nothing changed), the rule
that an agreement version is in force only once every party adopted it, deadlines."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from arrangements import selectors, services
from arrangements import status as vst
from arrangements.models import Agreement, AgreementVersion, CommitteeMinutes, OwnerDecision, Procurement, Project
from arrangements.tests.builders import build_agreement, build_company, build_procurement, members
from conftest import assert_refused, db_state
from core.services import SYSTEM
from organisations import services as organisation_services
from organisations.models import JointArrangement, Organisation, Ownership, OwnerSteeringRecord, Participation
from organisations.testing import build_municipality
from programme import services as programme_services
from programme.models import Adoption, AdoptionRound, AdoptionStep

pytestmark = pytest.mark.django_db

MODELS = (
    JointArrangement,
    Participation,
    Procurement,
    Agreement,
    AgreementVersion,
    Project,
    OwnerSteeringRecord,
    OwnerDecision,
    CommitteeMinutes,
    AdoptionRound,
    Adoption,
    AdoptionStep,
    Ownership,
)
WRITERS = {"secretariat", "superuser"}


def test_a_procurement_with_three_participants_and_one_that_may_join(coop, users):
    extra = build_municipality()
    coop.members.create(municipality=extra)
    a, b, c, d = members(coop)
    p = services.procurement_save(
        actor=users["secretariat"],
        cooperation=coop,
        name="Upphandling av IT-drift",
        subject="IT-drift",
        lead=a,
        roles={b: "participant", c: "participant", d: "may_join"},
        status="tendering",
        contract_start=dt.date(2027, 1, 1),
        contract_end=dt.date(2029, 12, 31),
        notice_date=dt.date(2029, 6, 30),
        value="1 200 000 kr",
    )
    assert p.value == 1200000 and p.arrangement.kind == "procurement"
    _members, rows = selectors.participation_matrix(coop, kind="procurement")
    assert [c.role for c in rows[0].cells] == ["lead", "participant", "participant", "may_join"]


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"contract_start": dt.date(2027, 1, 1), "contract_end": dt.date(2026, 1, 1)}, "Slutet kan inte ligga före"),
        ({"value": "12,5 miljoner"}, "hela kronor"),
        ({"value": "-5"}, "hela kronor"),
        ({"notice_date": dt.date(2030, 1, 1), "contract_end": dt.date(2029, 1, 1)}, "Uppsägning måste ske"),
    ],
)
def test_bad_procurements_are_refused_in_swedish_and_change_nothing(coop, users, bad, message):
    before = db_state(*MODELS)
    with pytest.raises(ValidationError) as exc:
        build_procurement(coop, lead=members(coop)[0], roles={members(coop)[1]: "participant"}, **bad)
    assert message in " ".join(exc.value.messages)
    assert db_state(*MODELS) == before


def test_a_party_outside_the_cooperation_is_refused_and_nothing_changes(coop, other_coop):
    outsider = members(other_coop)[0]
    before = db_state(*MODELS)
    with pytest.raises(ValidationError) as exc:
        build_agreement(coop, parties=[*members(coop), outsider])
    assert f"{outsider.name} är inte medlemskommun i samarbetet." in exc.value.messages
    assert db_state(*MODELS) == before
    with pytest.raises(ValidationError):
        build_procurement(coop, roles={outsider: "participant"})
    with pytest.raises(ValidationError):
        build_procurement(coop, lead=outsider)
    assert db_state(*MODELS) == before


def test_owner_shares_over_100_percent_are_refused_and_nothing_changes(coop, users):
    a, b, _c = members(coop)
    org = build_company(coop)
    organisation_services.ownership_set(
        actor=users["secretariat"], organisation=org, owner_municipality=a, share_percent="60"
    )
    before = db_state(*MODELS)
    with pytest.raises(ValidationError) as exc:
        organisation_services.ownership_set(
            actor=users["secretariat"], organisation=org, owner_municipality=b, share_percent="41"
        )
    assert "mer än 100 %" in " ".join(exc.value.messages)
    assert db_state(*MODELS) == before


def test_a_version_sent_to_a_municipality_that_is_not_a_party_is_refused(coop, users):
    a, b, c = members(coop)
    agreement = build_agreement(coop, parties=[a, b])
    v = services.agreement_version_add(actor=users["secretariat"], agreement=agreement, title="Version 2")
    before = db_state(*MODELS)
    with pytest.raises(ValidationError) as exc:
        services.agreement_version_send(
            actor=users["secretariat"],
            version=v,
            sent_on=dt.date(2026, 1, 1),
            deadline=None,
            members=[(a, "Kommunstyrelsen"), (c, "Kommunstyrelsen")],
        )
    assert f"Inte part i avtalet: {c.name}." in exc.value.messages
    assert db_state(*MODELS) == before


@time_machine.travel(dt.date(2026, 11, 26), tick=False)
def test_a_version_is_in_force_only_when_every_party_has_adopted_it(coop, users):
    parties = members(coop)
    agreement = build_agreement(coop, parties=parties)
    v = services.agreement_version_add(
        actor=users["secretariat"], agreement=agreement, title="Reviderat avtal", valid_from=dt.date(2026, 1, 1)
    )
    staff = users["secretariat"]
    assert selectors.version_rows(agreement, staff)[0].status == vst.DRAFT
    assert selectors.version_rows(agreement) == []  # anonymous: a draft is not shown
    assert not AgreementVersion.objects.published().filter(pk=v.pk).exists()  # a draft: not public
    rnd = services.agreement_version_send(
        actor=users["secretariat"],
        version=v,
        sent_on=dt.date(2026, 2, 1),
        deadline=dt.date(2026, 6, 1),
        members=[(m, "Kommunstyrelsen") for m in parties],
    )
    assert rnd.kind == AdoptionRound.Kind.AGREEMENT and rnd.programme is None
    assert AgreementVersion.objects.published().filter(pk=v.pk).exists()
    for i, m in enumerate(parties):
        assert selectors.version_rows(agreement, staff)[0].status == vst.OUT_FOR_ADOPTION, m
        assert selectors.version_in_force(agreement) is None
        programme_services.adoption_step_record(
            actor=SYSTEM,
            adoption_round=rnd,
            municipality=m,
            kind="decision",
            body_name="Kommunstyrelsen",
            meeting_date=dt.date(2026, 3, 1 + i),
            outcome="adopted",
        )
    row = selectors.version_rows(agreement)[0]
    assert row.status == vst.IN_FORCE and row.in_force_from == dt.date(2026, 3, 3)
    assert selectors.version_in_force(agreement) == v


def test_a_preparing_body_or_a_rejection_does_not_put_a_version_in_force():
    base = dict(number=1, sent_out=True, documented_in_force=False, valid_from=None, valid_until=None)
    today = dt.date(2026, 1, 1)
    assert vst.version_status(vst.VersionFacts(all_adopted_on=None, **base), [], today) == vst.OUT_FOR_ADOPTION
    adopted = vst.VersionFacts(all_adopted_on=dt.date(2025, 5, 1), **base)
    assert vst.version_status(adopted, [], today) == vst.IN_FORCE
    newer = vst.VersionFacts(**{**base, "number": 2}, all_adopted_on=dt.date(2025, 12, 1))
    assert vst.version_status(adopted, [newer], today) == vst.REPLACED
    assert (
        vst.version_status(
            vst.VersionFacts(**{**base, "valid_until": dt.date(2025, 6, 1)}, all_adopted_on=dt.date(2025, 5, 1)),
            [],
            today,
        )
        == vst.EXPIRED
    )


def test_permission_matrix(coop, actors):
    a, b, c = members(coop)
    agreement = build_agreement(coop)
    procurement = build_procurement(coop)
    org = build_company(coop, owners=[a])
    record = OwnerSteeringRecord.objects.create(
        organisation=org, kind="dialogue", date=dt.date(2026, 5, 1), title="Ägardialog"
    )
    committee = Organisation.objects.create(
        cooperation=coop, kind=Organisation.Kind.JOINT_COMMITTEE, name="Nämnden", slug="namnden"
    )
    version = AgreementVersion.objects.create(agreement=agreement, number=1, title="V1")
    calls = [
        lambda u: (
            build_procurement(coop)
            if u is None
            else services.procurement_save(actor=u, cooperation=coop, name="X", subject="Y")
        ),
        lambda u: services.procurement_save(actor=u, cooperation=coop, name="X", subject="Y", procurement=procurement),
        lambda u: services.agreement_save(
            actor=u, cooperation=coop, name="A", agreement_type="cooperation", parties=[a]
        ),
        lambda u: services.project_save(actor=u, cooperation=coop, name="P"),
        lambda u: services.participation_set(actor=u, arrangement=procurement.arrangement, roles={b: "may_join"}),
        lambda u: services.agreement_version_add(actor=u, agreement=agreement, title="V2"),
        lambda u: services.agreement_version_send(
            actor=u, version=version, sent_on=dt.date(2026, 1, 1), deadline=None, members=[(a, "Kommunstyrelsen")]
        ),
        lambda u: services.owner_dialogue_save(actor=u, organisation=org, date=dt.date(2026, 6, 1), title="D"),
        lambda u: services.owner_decision_record(actor=u, record=record, municipality=a, text="Godkänt"),
        lambda u: services.committee_minutes_add(
            actor=u, organisation=committee, date=dt.date(2026, 1, 1), title="Protokoll"
        ),
    ]
    for call in calls[1:]:
        assert_refused(call, actors, WRITERS, *MODELS)
    # the secretariat may
    for call in calls[1:]:
        call(actors["secretariat"])


def test_an_owner_decision_by_a_municipality_that_is_not_an_owner_is_refused(coop, users):
    a, b, _c = members(coop)
    org = build_company(coop, owners=[a])
    record = services.owner_dialogue_save(
        actor=users["secretariat"], organisation=org, date=dt.date(2026, 5, 1), title="Ägardialog 2026"
    )
    with pytest.raises(ValidationError) as exc:
        services.owner_decision_record(actor=users["secretariat"], record=record, municipality=b, text="Ja")
    assert f"{b.name} är inte ägare till {org.name}." in exc.value.messages
    services.owner_decision_record(actor=users["secretariat"], record=record, municipality=a, text="Ja")
    assert record.owner_decisions.count() == 1


def test_an_outsider_cannot_write_in_another_cooperation(coop, users):
    with pytest.raises(PermissionDenied):
        services.procurement_save(actor=users["outsider"], cooperation=coop, name="X", subject="Y")
