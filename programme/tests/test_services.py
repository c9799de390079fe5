import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core import audit
from core.tests.rows import new
from organisations.models import StaffRole
from organisations.testing import build_municipality, build_user
from programme import selectors, services
from programme.models import Adoption, AdoptionStep, Programme
from programme.tests.builders import build_programme, minimal_pdf


def decide(actor, rnd, municipality, outcome="adopted", date=dt.date(2019, 9, 2), kind="decision"):
    return services.adoption_step_record(
        actor=actor,
        adoption_round=rnd,
        municipality=municipality,
        kind=kind,
        body_name="Kommunstyrelsen",
        meeting_date=date,
        outcome=outcome,
        paragraph="101",
    )


def test_eight_board_decisions_put_sup_2035_in_force_and_replace_sup_2013(sodertorn):
    secretariat = build_user(sodertorn, StaffRole.Role.SECRETARIAT)
    sup2035 = Programme.objects.get(cooperation=sodertorn, slug="sup-2035")
    rnd = sup2035.adoption_round
    assert selectors.programme_state(sup2035).status == "out_for_adoption"
    assert selectors.programme_in_force(sodertorn).slug == "sup-2013"
    members = list(sodertorn.current_members())
    assert len(members) == 8
    for i, m in enumerate(members):
        decide(secretariat, rnd, m, date=dt.date(2019, 9, 2) + dt.timedelta(days=7 * i))
        state = selectors.programme_state(sup2035)
        if i < 7:
            assert state.status == "out_for_adoption"
            assert state.round_state.adopted == i + 1
    state = selectors.programme_state(sup2035)
    assert state.status == "in_force"
    assert state.in_force_on == dt.date(2019, 9, 2) + dt.timedelta(days=49)
    _, states = selectors.programme_states(sodertorn)
    sup2013 = Programme.objects.get(cooperation=sodertorn, slug="sup-2013")
    assert states[sup2013.pk].status == "replaced"
    assert selectors.programme_in_force(sodertorn) == sup2035
    assert selectors.latest_programme(sodertorn) == sup2035
    # the public page says so
    from django.test import Client

    html = Client().get("/sodertorn/program/").content.decode()
    assert "8 av 8 har antagit" in html and "Gällande" in html


def test_proposal_alone_or_rejection_keeps_programme_out_of_force(coop, users):
    p = build_programme(coop)
    rnd = p.adoption_round
    members = list(coop.current_members())
    for m in members[:-1]:
        decide(users["secretariat"], rnd, m)
    last = members[-1]
    decide(users["secretariat"], rnd, last, kind="preparation", outcome="proposed")
    assert selectors.programme_state(p).status == "out_for_adoption"
    decide(users["secretariat"], rnd, last, outcome="rejected", date=dt.date(2019, 10, 1))
    assert selectors.programme_state(p).status == "out_for_adoption"
    decide(users["secretariat"], rnd, last, outcome="adopted_with_changes", date=dt.date(2019, 11, 1))
    state = selectors.programme_state(p)
    assert state.status == "in_force" and state.in_force_on == dt.date(2019, 11, 1)
    assert state.round_state.with_changes == 1


def test_recording_is_audited_with_the_actor(coop, users):
    p = build_programme(coop)
    m = coop.current_members().first()
    step = decide(users["registrar"], p.adoption_round, m)
    row = step.history.first()
    assert row.history_user == users["registrar"] and row.history_type == "+"
    assert step.paragraph == "§ 101"
    services.adoption_step_correct(actor=users["registrar"], step=step, paragraph="102")
    step.refresh_from_db()
    assert step.paragraph == "§ 102" and step.history.count() == 2
    assert step.history.first().history_change_reason == "samverkan.programme.adoption_step.corrected"
    assert audit.label(step.history.first().history_change_reason) == "Steg rättat"


def _nothing_saved():
    return new(Adoption).count() == 0 and new(AdoptionStep).count() == 0


def test_non_member_refused(coop, users):
    p = build_programme(coop)
    outsider = build_municipality("Utanförby")
    with pytest.raises(ValidationError) as exc:
        decide(users["secretariat"], p.adoption_round, outsider)
    assert "Utanförby är inte medlem i" in str(exc.value)
    assert _nothing_saved()


def test_second_adoption_for_same_municipality_refused(coop, users):
    p = build_programme(coop)
    m = coop.current_members().first()
    services.adoption_create(
        actor=users["secretariat"], adoption_round=p.adoption_round, municipality=m, case_number="KS 2019/1"
    )
    with pytest.raises(ValidationError) as exc:
        services.adoption_create(actor=users["secretariat"], adoption_round=p.adoption_round, municipality=m)
    assert "har redan ett ärende" in str(exc.value)
    assert new(Adoption).count() == 1


@time_machine.travel(dt.datetime(2027, 3, 10, 12, 0, tzinfo=dt.UTC), tick=False)
def test_future_decision_date_refused(coop, users):
    p = build_programme(coop)
    with pytest.raises(ValidationError) as exc:
        decide(
            users["secretariat"], p.adoption_round, coop.current_members().first(), date=dt.date(2027, 3, 11)
        )  # the day after the pinned today
    assert "kan inte ligga i framtiden" in str(exc.value)
    assert _nothing_saved()


def test_non_pdf_extract_refused_and_pdf_accepted(coop, users):
    p = build_programme(coop)
    m = coop.current_members().first()
    fake = SimpleUploadedFile("utdrag.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        services.adoption_step_record(
            actor=users["secretariat"],
            adoption_round=p.adoption_round,
            municipality=m,
            kind="decision",
            body_name="Kommunstyrelsen",
            meeting_date=dt.date(2019, 9, 2),
            outcome="adopted",
            extract=fake,
        )
    assert "går inte att läsa som PDF" in str(exc.value)
    assert _nothing_saved()
    real = SimpleUploadedFile("utdrag.pdf", minimal_pdf(), content_type="application/pdf")
    step = services.adoption_step_record(
        actor=users["secretariat"],
        adoption_round=p.adoption_round,
        municipality=m,
        kind="decision",
        body_name="Kommunstyrelsen",
        meeting_date=dt.date(2019, 9, 2),
        outcome="adopted",
        extract=real,
    )
    assert step.extract.name.endswith(".pdf")


def test_registrar_of_another_municipality_refused(coop, users):
    p = build_programme(coop)
    members = list(coop.current_members())
    own = StaffRole.objects.get(user=users["registrar"]).municipality
    other = next(m for m in members if m != own)
    with pytest.raises(PermissionDenied) as exc:
        decide(users["registrar"], p.adoption_round, other)
    assert "din egen kommun" in str(exc.value)
    assert _nothing_saved()
    decide(users["registrar"], p.adoption_round, own)
    step = new(AdoptionStep).get()
    with pytest.raises(PermissionDenied):
        services.adoption_step_correct(
            actor=build_user(coop, StaffRole.Role.REGISTRAR, municipality=other), step=step, paragraph="1"
        )
    step.refresh_from_db()
    assert step.paragraph == "§ 101"


@pytest.mark.parametrize("role", ["management", "committee", "network_lead", "outsider", "anonymous"])
def test_other_roles_cannot_record(coop, users, role):
    p = build_programme(coop)
    from django.contrib.auth.models import AnonymousUser

    actor = users[role] or AnonymousUser()
    with pytest.raises(PermissionDenied):
        decide(actor, p.adoption_round, coop.current_members().first())
    assert _nothing_saved()


def test_decision_cannot_be_proposed_and_preparation_cannot_adopt(coop, users):
    p = build_programme(coop)
    m = coop.current_members().first()
    with pytest.raises(ValidationError):
        decide(users["secretariat"], p.adoption_round, m, outcome="proposed")
    with pytest.raises(ValidationError):
        decide(users["secretariat"], p.adoption_round, m, kind="preparation", outcome="adopted")
    assert _nothing_saved()


def test_open_round_only_once_and_only_by_secretariat(coop, users):
    p = build_programme(coop, sent=False)
    assert selectors.programme_state(p).status == "draft"
    with pytest.raises(PermissionDenied):
        services.adoption_round_open(actor=users["registrar"], programme=p, sent_on=dt.date(2019, 6, 1))
    services.adoption_round_open(
        actor=users["secretariat"], programme=p, sent_on=dt.date(2019, 6, 1), deadline=dt.date(2019, 12, 31)
    )
    assert selectors.programme_state(p).status == "out_for_adoption"
    with pytest.raises(ValidationError):
        services.adoption_round_open(actor=users["secretariat"], programme=p, sent_on=dt.date(2019, 6, 1))


def test_goal_tree_and_principles(coop):
    assert selectors.principles_for(coop) is None
    p = build_programme(coop, areas=3, subgoals=3)
    areas = selectors.goal_tree(p)
    assert [a.name for a in areas] == ["Område 1", "Område 2", "Område 3"]
    assert all(len(a.top_goals) == 1 and len(a.top_goals[0].children) == 3 for a in areas)
    assert selectors.principles_for(coop) == ["Fokus på den gemensamma nyttan"]


def test_demo_is_idempotent_and_as_the_seeds_say(sodertorn):
    from programme import demo
    from programme.models import Goal

    counts = (Programme.objects.count(), Goal.objects.count(), AdoptionStep.objects.count())
    demo.load(sodertorn, log=lambda *a: None)
    assert (Programme.objects.count(), Goal.objects.count(), AdoptionStep.objects.count()) == counts
    assert set(Programme.objects.values_list("short_name", flat=True)) == {
        "SUP 2007",
        "SUP 2010",
        "SUP 2013",
        "SUP 2035",
    }
    _, states = selectors.programme_states(sodertorn)
    by_name = {p.short_name: states[p.pk].status for p in Programme.objects.all()}
    assert by_name == {
        "SUP 2007": "replaced",
        "SUP 2010": "replaced",
        "SUP 2013": "in_force",
        "SUP 2035": "out_for_adoption",
    }
    tyreso = AdoptionStep.objects.filter(adoption__round__programme__slug="sup-2035").order_by("meeting_date").last()
    assert (tyreso.body_name, tyreso.paragraph, tyreso.meeting_date, tyreso.adoption.case_number) == (
        "Tyresö kommunledningsutskott",
        "§ 60",
        dt.date(2019, 8, 7),
        "2019/KS 0260 005",
    )
    assert "2013-04-29 § 78" in tyreso.text
    assert selectors.principles_for(sodertorn)[0] == "Fokus på den gemensamma nyttan"
