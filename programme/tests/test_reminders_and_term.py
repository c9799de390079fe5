"""Adoption reminders on a schedule: the worker's periodic task reminds the boards that have not decided, once
per interval, and records each reminder (who, when, for what)."""

import datetime as dt

import pytest
import time_machine

from core import schedule
from organisations.models import StaffRole
from programme import services
from programme.models import AdoptionReminder
from programme.tasks import REMINDER_CHECK, send_adoption_reminders
from programme.tests.builders import build_programme

pytestmark = pytest.mark.django_db


def test_the_worker_schedules_the_adoption_reminders():
    entry = {p.name: p for p in schedule.periodic()}[send_adoption_reminders.module_path]
    assert entry.every == REMINDER_CHECK
    now = dt.datetime(2027, 3, 1, 8, tzinfo=dt.UTC)
    last: dict = {}
    assert send_adoption_reminders.module_path in schedule.enqueue_due(last, now)
    assert send_adoption_reminders.module_path not in schedule.enqueue_due(last, now + dt.timedelta(minutes=5))


def test_a_scheduled_adoption_reminder_is_sent_once_per_interval_and_recorded(
    coop, users, mailoutbox, django_capture_on_commit_callbacks
):
    programme = build_programme(coop, slug="sup-ny", short_name="SUP NY", name="Nytt program", sent=False)
    members = list(coop.current_members().order_by("name"))
    users["registrar"].email = "registrator@example.org"
    users["registrar"].save()
    registrar_muni = StaffRole.objects.get(user=users["registrar"]).municipality
    rnd = services.adoption_round_send(
        actor=users["secretariat"],
        programme=programme,
        sent_on=dt.date(2027, 2, 1),
        deadline=dt.date(2027, 6, 30),
        members=[(m, "Kommunstyrelsen") for m in members],
    )
    decided = next(m for m in members if m != registrar_muni)
    with time_machine.travel(dt.datetime(2027, 2, 21, 8, 0, tzinfo=dt.UTC), tick=False):
        services.adoption_step_record(
            actor=users["secretariat"],
            adoption_round=rnd,
            municipality=decided,
            kind="decision",
            body_name="Kommunstyrelsen",
            meeting_date=dt.date(2027, 2, 20),
            outcome="adopted",
        )
    start = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False), django_capture_on_commit_callbacks(execute=True):
        send_adoption_reminders.enqueue()  # as the worker runs it (immediate backend in the tests)
    rows = list(AdoptionReminder.objects.filter(round=rnd))
    # who (the boards that have not decided, and the addresses), when, for what, by nobody (the schedule)
    assert {r.municipality for r in rows} == set(members) - {decided}
    assert all(r.sent_at == start and r.sent_by is None and r.round == rnd for r in rows)
    assert next(r for r in rows if r.municipality == registrar_muni).recipients == "registrator@example.org"
    assert [m.to for m in mailoutbox] == [["registrator@example.org"]]
    assert rnd.title in mailoutbox[0].subject
    # again within the interval: nothing sent, nothing recorded
    with (
        time_machine.travel(start + services.REMINDER_INTERVAL - dt.timedelta(minutes=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        send_adoption_reminders.enqueue()
    assert AdoptionReminder.objects.filter(round=rnd).count() == len(members) - 1 and len(mailoutbox) == 1
    # after the interval: once more, and only to those still undecided
    with (
        time_machine.travel(start + services.REMINDER_INTERVAL + dt.timedelta(minutes=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        send_adoption_reminders.enqueue()
    assert AdoptionReminder.objects.filter(round=rnd).count() == 2 * (len(members) - 1) and len(mailoutbox) == 2
    assert not AdoptionReminder.objects.filter(round=rnd, municipality=decided).exists()


def test_a_programme_not_out_for_adoption_gets_no_reminders(coop, users):
    build_programme(coop, slug="sup-utkast", short_name="SUP U", name="Utkast", sent=False)
    with time_machine.travel(dt.datetime(2027, 3, 1, 8, tzinfo=dt.UTC), tick=False):
        send_adoption_reminders.enqueue()
    assert not AdoptionReminder.objects.filter(round__cooperation=coop).exists()


def test_the_secretariat_is_told_when_a_programmes_term_has_run_out(sodertorn, client_for):
    from core import worklist
    from organisations.testing import build_user

    kansli = build_user(sodertorn, StaffRole.Role.SECRETARIAT, username="kansli-term")
    registrar = build_user(
        sodertorn, StaffRole.Role.REGISTRAR, username="reg-term", municipality=sodertorn.current_members().first()
    )
    expected = ("SUP 2035: programmets period löpte ut 2022", "/sodertorn/program/sup-2035/")
    with time_machine.travel(dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC), tick=False):
        items = [(str(i.title), i.url) for i in worklist.items_for(kansli) if i.kind == "programme"]
        assert items == [expected]
        assert "Program att förnya" in client_for(kansli).get("/mina-uppgifter/").content.decode()
        assert not [i for i in worklist.items_for(registrar) if i.kind == "programme"]
        # once the next version is started, the signal has done its work
        old = sodertorn.programmes.get(slug="sup-2035")
        services.programme_next_version(
            actor=kansli,
            programme=old,
            name="SUP 2027",
            short_name="SUP 2027",
            slug="sup-2027",
            year=2027,
            term_start_year=2027,
            term_end_year=2030,
        )
        assert not [i for i in worklist.items_for(kansli) if i.kind == "programme"]
    with time_machine.travel(dt.datetime(2022, 6, 1, 12, 0, tzinfo=dt.UTC), tick=False):
        kansli_2022 = build_user(sodertorn, StaffRole.Role.SECRETARIAT, username="kansli-2022")
        assert not [i for i in worklist.items_for(kansli_2022) if i.kind == "programme"]
