import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.tests.rows import new
from organisations.testing import build_cooperation
from plans import services
from plans.models import Activity, ActivityReport, FollowUpRound, GoalAssessment
from plans.tests.builders import build_activity, build_programme, build_round, goals

pytestmark = pytest.mark.django_db


def create(world, actor, **kwargs):
    defaults = {
        "action_plan": world["plan_a"],
        "title": "Gemensam upphandling",
        "goals": goals(world["programme"])[:1],
        "start": dt.date(2011, 2, 1),
        "due": dt.date(2011, 6, 30),
    }
    defaults.update(kwargs)
    return services.activity_create(actor=actor, **defaults)


def test_network_lead_creates_activity_in_own_network_with_history(world):
    activity = create(world, world["lead_a"], owner_membership=world["member_a"])
    assert activity.version == 1
    assert list(activity.goals.all()) == goals(world["programme"])[:1]
    row = activity.history.get()
    assert row.history_user == world["lead_a"]


@pytest.mark.parametrize(
    "kwargs,field,message",
    [
        (
            {"start": dt.date(2011, 6, 1), "due": dt.date(2011, 5, 1)},
            "due",
            "Slutdatum kan inte ligga före startdatum.",
        ),
        ({"goals": []}, "goals", "En aktivitet måste tjäna minst ett mål i det gällande programmet."),
    ],
)
def test_bad_activity_is_refused_with_swedish_message_and_nothing_saved(world, kwargs, field, message):
    with pytest.raises(ValidationError) as exc:
        create(world, world["lead_a"], **kwargs)
    assert message in exc.value.message_dict[field]
    assert not new(Activity).exists()


def test_activity_owned_by_another_network_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        create(world, world["lead_a"], owner_membership=world["member_b"])
    assert "Ansvarig måste vara medlem i handlingsplanens eget nätverk." in exc.value.message_dict["owner_membership"]
    assert not new(Activity).exists()


def test_goal_of_another_programme_is_refused(world, coop):
    other = build_programme(build_cooperation("tredje"), name="Annat program")
    with pytest.raises(ValidationError) as exc:
        create(world, world["lead_a"], goals=goals(other)[:1])
    assert "Varje mål måste höra till det program som gäller för 2011." in exc.value.message_dict["goals"]
    assert not new(Activity).exists()


def test_lead_cannot_create_in_another_network(world):
    with pytest.raises(PermissionDenied):
        create(world, world["lead_b"])
    assert not new(Activity).exists()


def test_lost_update_second_edit_from_same_version_is_refused_and_both_versions_in_history(world, users):
    activity = build_activity(world["plan_a"], goals(world["programme"])[:1], title="Version ett")
    activity.history.all().delete()
    from core.services import audited_save
    from plans import audit

    audited_save(activity, actor=users["secretariat"], action=audit.ACTIVITY_CREATED)  # the initial version
    loaded_by_alice = Activity.objects.get(pk=activity.pk)
    loaded_by_bob = Activity.objects.get(pk=activity.pk)

    services.activity_update(actor=world["lead_a"], activity=loaded_by_alice, expected_version=1, title="Alice version")
    with pytest.raises(services.StaleEdit) as exc:
        services.activity_update(
            actor=users["secretariat"], activity=loaded_by_bob, expected_version=1, title="Bobs version"
        )
    message = exc.value.messages[0]
    assert "Någon annan har sparat en nyare version (version 2" in message
    assert "Dina ändringar sparades inte" in message
    assert exc.value.current.title == "Alice version"
    fresh = Activity.objects.get(pk=activity.pk)
    assert (fresh.title, fresh.version) == ("Alice version", 2)
    titles = list(fresh.history.order_by("history_date").values_list("title", "version"))
    assert titles == [("Version ett", 1), ("Alice version", 2)]
    # Bob starts again from the newer version: accepted as version 3.
    services.activity_update(actor=users["secretariat"], activity=fresh, expected_version=2, title="Bobs version")
    assert Activity.objects.get(pk=activity.pk).version == 3
    assert fresh.history.count() == 3


def test_report_is_versioned_and_stale_report_refused(world):
    activity = build_activity(world["plan_a"], goals(world["programme"])[:1])
    rnd = build_round(world["plan_a"].cooperation)
    report = services.activity_report_save(
        actor=world["lead_a"], round=rnd, activity=activity, status="ongoing", comment="Startat"
    )
    assert report.version == 1
    services.activity_report_save(
        actor=world["lead_a"], round=rnd, activity=activity, status="done", comment="Klart", expected_version=1
    )
    with pytest.raises(services.StaleEdit):
        services.activity_report_save(
            actor=world["lead_a"], round=rnd, activity=activity, status="delayed", expected_version=1
        )
    report = new(ActivityReport).get()
    assert (report.status, report.version, report.history.count()) == ("done", 2, 2)
    assert Activity.objects.get(pk=activity.pk).status == "done"


def test_report_in_closed_round_is_refused(world, users):
    activity = build_activity(world["plan_a"], goals(world["programme"])[:1])
    rnd = build_round(world["plan_a"].cooperation)
    services.round_close(actor=users["secretariat"], round=rnd)
    with pytest.raises(ValidationError) as exc:
        services.activity_report_save(actor=world["lead_a"], round=rnd, activity=activity, status="done")
    assert "Uppföljningsomgången är stängd" in exc.value.messages[0]
    assert not new(ActivityReport).exists()


def test_only_secretariat_opens_and_closes_rounds(coop, users, world):
    for role in ("management", "committee", "network_lead", "outsider"):
        with pytest.raises(PermissionDenied):
            services.round_open(
                actor=users[role], cooperation=coop, year=2011, period="t1", deadline=dt.date(2011, 5, 1)
            )
    rnd = services.round_open(
        actor=users["secretariat"], cooperation=coop, year=2011, period="t1", deadline=dt.date(2011, 5, 1)
    )
    with pytest.raises(ValidationError):
        services.round_open(
            actor=users["secretariat"], cooperation=coop, year=2011, period="t1", deadline=dt.date(2011, 5, 1)
        )
    with pytest.raises(PermissionDenied):
        services.round_close(actor=users["management"], round=rnd)
    services.round_close(actor=users["secretariat"], round=rnd)
    assert new(FollowUpRound).get().state == "closed"


def test_management_assesses_goals_others_cannot(world, users, coop):
    rnd = build_round(coop)
    goal = goals(world["programme"], sub=False)[0]
    for role in ("committee", "network_lead"):  # the secretariat drafts: test_assessment_drafts
        with pytest.raises(PermissionDenied):
            services.goal_assessment_save(actor=users[role], round=rnd, goal=goal, grade="green", motivation="Bra")
    with pytest.raises(ValidationError) as exc:
        services.goal_assessment_save(actor=users["management"], round=rnd, goal=goal, grade="green", motivation=" ")
    assert "Ange en motivering till bedömningen." in exc.value.messages
    services.goal_assessment_save(
        actor=users["management"], round=rnd, goal=goal, grade="yellow", motivation="Delvis på väg"
    )
    assert new(GoalAssessment).get().grade == "yellow"
