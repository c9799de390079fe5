"""Follow-up (issue 13): the secretariat drafts assessments for the management group to decide; closing
asks for confirmation and lists who has not reported; a closed round is reopened only with a reason; every
reminder is recorded and not repeated within its interval (also when the worker runs it as a task)."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from core import schedule
from plans import services
from plans.models import FollowUpRound, GoalAssessment, Reminder, RoundReopening
from plans.tests.builders import build_activity, build_round, goals

pytestmark = pytest.mark.django_db


@pytest.fixture
def acts(world):
    g = goals(world["programme"])
    return {
        "a": build_activity(world["plan_a"], g[:1], title="Näringslivsklimat"),
        "b": build_activity(world["plan_b"], g[1:2], title="IT-nyckeltal"),
    }


def test_assessment_drafts_by_the_secretariat_are_decided_by_the_management_group(world, users, coop, client_for):
    from core.worklist import items_for

    rnd = build_round(coop, deadline=dt.date(2027, 5, 15))
    goal = goals(world["programme"], sub=False)[0]
    client_for(users["secretariat"]).post(
        reverse("plans:assess", args=["test", rnd.pk]),
        {f"grade-{goal.pk}": "yellow", f"motivation-{goal.pk}": "Förslag från kansliet", f"version-{goal.pk}": 0},
    )
    draft = GoalAssessment.objects.get(round=rnd, goal=goal)
    assert (draft.stage, draft.grade, draft.assessed_by) == ("draft", "yellow", users["secretariat"])
    assert [str(i.title) for i in items_for(users["management"]) if "utkast" in str(i.title).lower()] == [
        "Besluta om utkasten till bedömningar, uppföljning tertial 1 2011"
    ]
    page = client_for(users["management"]).get(reverse("plans:assess", args=["test", rnd.pk])).content.decode()
    assert "utkast från kansliet" in page
    services.goal_assessment_save(
        actor=users["management"],
        round=rnd,
        goal=goal,
        grade="yellow",
        motivation="Förslag från kansliet",
        expected_version=draft.version,
    )
    decided = GoalAssessment.objects.get(pk=draft.pk)
    assert (decided.stage, decided.assessed_by) == ("decided", users["management"])
    with pytest.raises(ValidationError) as exc:
        services.goal_assessment_save(
            actor=users["secretariat"],
            round=rnd,
            goal=goal,
            grade="red",
            motivation="Ändrat",
            expected_version=decided.version,
        )
    assert "Ledningsgruppen har beslutat bedömningen" in " ".join(exc.value.messages)
    assert GoalAssessment.objects.get(pk=draft.pk).grade == "yellow"


def test_closing_asks_for_confirmation_and_lists_who_has_not_reported(world, users, coop, acts, client_for):
    rnd = build_round(coop, deadline=dt.date(2027, 5, 15))
    services.activity_report_save(actor=world["lead_b"], round=rnd, activity=acts["b"], status="ongoing")
    client = client_for(users["secretariat"])
    url = reverse("plans:round_close", args=["test", rnd.pk])
    page = client.get(url).content.decode()
    assert "1 nätverk har inte rapporterat fullt ut:" in page
    assert "Näringslivschefer: 0 av 1 aktiviteter rapporterade" in page and "IT-chefer:" not in page
    client.post(url)  # no confirmation: the page again, nothing changed
    assert FollowUpRound.objects.get(pk=rnd.pk).state == "open"
    response = client.post(url, {"confirm": "1"})
    assert response.status_code == 302
    assert FollowUpRound.objects.get(pk=rnd.pk).state == "closed"


def test_a_closed_round_is_reopened_only_with_a_reason(users, coop, client_for):
    rnd = build_round(coop, deadline=dt.date(2027, 5, 15))
    services.round_close(actor=users["secretariat"], round=rnd)
    client = client_for(users["secretariat"])
    url = reverse("plans:round_reopen", args=["test", rnd.pk])
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 400
    assert "Ange varför omgången öppnas igen." in response.content.decode()
    assert FollowUpRound.objects.get(pk=rnd.pk).state == "closed" and not RoundReopening.objects.exists()
    assert client_for(users["management"]).post(url, {"reason": "Sen rapport"}).status_code == 404
    response = client.post(url, {"reason": "Näringslivschefer rapporterar sent"})
    assert response.status_code == 302
    rnd.refresh_from_db()
    assert rnd.state == "open" and rnd.closed_at is None
    reopening = RoundReopening.objects.get(round=rnd)
    assert (reopening.reason, reopening.reopened_by) == ("Näringslivschefer rapporterar sent", users["secretariat"])
    assert "Näringslivschefer rapporterar sent" in client.get(rnd.get_absolute_url()).content.decode()
    with pytest.raises(ValidationError):
        services.round_reopen(actor=users["secretariat"], round=rnd, reason="igen")  # already open


def test_a_reminder_is_sent_once_per_interval_and_recorded(world, coop, acts, settings):
    from plans.tasks import send_followup_reminders

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    start = dt.datetime(2027, 5, 12, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        rnd = build_round(coop, deadline=dt.date(2027, 5, 19))
        services.activity_report_save(actor=world["lead_b"], round=rnd, activity=acts["b"], status="ongoing")
        send_followup_reminders.enqueue()  # as the worker runs it (immediate backend in the tests)
        assert [m.to for m in mail.outbox] == [[world["lead_a"].email]]
        reminder = Reminder.objects.get()
        assert (reminder.round, reminder.body, reminder.user, reminder.sent_at) == (
            rnd,
            world["net_a"],
            world["lead_a"],
            start,
        )
    with time_machine.travel(start + services.REMINDER_INTERVAL - dt.timedelta(minutes=1), tick=False):
        send_followup_reminders.enqueue()  # within the interval: nothing sent, nothing recorded
        assert len(mail.outbox) == 1 and Reminder.objects.count() == 1
    with time_machine.travel(start + services.REMINDER_INTERVAL + dt.timedelta(minutes=1), tick=False):
        send_followup_reminders.enqueue()
        assert len(mail.outbox) == 2 and Reminder.objects.count() == 2


def test_the_worker_schedules_the_reminders():
    from plans.tasks import REMINDER_CHECK, send_followup_reminders

    entry = {p.name: p for p in schedule.periodic()}[send_followup_reminders.module_path]
    assert entry.every == REMINDER_CHECK
    now = dt.datetime(2027, 5, 12, 8, 0, tzinfo=dt.UTC)
    last: dict = {}
    assert send_followup_reminders.module_path in schedule.enqueue_due(last, now)
    assert send_followup_reminders.module_path not in schedule.enqueue_due(last, now + dt.timedelta(minutes=5))
    assert send_followup_reminders.module_path in schedule.enqueue_due(last, now + REMINDER_CHECK)
