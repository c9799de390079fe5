"""Role × action over the plans services, the batch ones included: a network's report (its lead or
the secretariat), goal assessments (the management group), rounds and operating plans (the
secretariat). Everyone else is refused with PermissionDenied and nothing changes; a refused page
write and a refused API write leave the same state, an allowed one writes the same audit code."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from conftest import assert_refused, db_state
from plans import audit, services
from plans.models import (
    ActionPlan,
    Activity,
    ActivityReport,
    FollowUpRound,
    GoalAssessment,
    IndicatorValue,
    OperatingPlan,
)
from plans.tests.builders import build_activity, build_indicator, build_round, goals

pytestmark = pytest.mark.django_db
MODELS = (OperatingPlan, ActionPlan, Activity, ActivityReport, IndicatorValue, GoalAssessment, FollowUpRound)


@pytest.fixture
def scene(world, coop, actors):
    goal = goals(world["programme"], sub=False)[0]
    actors = {**actors, "lead_a": world["lead_a"], "lead_b": world["lead_b"]}
    return {
        "world": world,
        "coop": coop,
        "goal": goal,
        "actors": actors,
        "rnd": build_round(coop),
        "activity": build_activity(world["plan_a"], goals(world["programme"])[:1], title="Näringslivsklimat"),
        "indicator": build_indicator(coop, goal, body=world["net_a"]),
    }


ACTIONS = {
    "network_report_save": (
        {"secretariat", "superuser", "lead_a"},
        lambda a, s: services.network_report_save(
            actor=a,
            round=s["rnd"],
            activities=[(s["activity"], "ongoing", "På gång", 0)],
            indicators=[(s["indicator"], "12,5", "", 0)],
        ),
    ),
    "goal_assessments_save": (
        {"management", "secretariat", "superuser"},
        lambda a, s: services.goal_assessments_save(
            actor=a, round=s["rnd"], assessments=[(s["goal"], "green", "Bra", 0)]
        ),
    ),
    "round_open": (
        {"secretariat", "superuser"},
        lambda a, s: services.round_open(
            actor=a,
            cooperation=s["coop"],
            year=2011,
            period=FollowUpRound.Period.TERTIAL_2,
            deadline=dt.date(2011, 9, 15),
        ),
    ),
    "round_close": ({"secretariat", "superuser"}, lambda a, s: services.round_close(actor=a, round=s["rnd"])),
    "operating_plan_save": (
        {"secretariat", "superuser"},
        lambda a, s: services.operating_plan_save(actor=a, cooperation=s["coop"], year=2031, vision="Vision"),
    ),
    "action_plan_create": (
        {"secretariat", "superuser", "lead_b"},
        lambda a, s: services.action_plan_create(actor=a, cooperation=s["coop"], body=s["world"]["net_b"], year=2031),
    ),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_plans_service_checks_its_actor(scene, action):
    allowed, call = ACTIONS[action]
    assert_refused(lambda actor: call(actor, scene), scene["actors"], allowed, *MODELS)
    name = sorted(allowed)[0]
    before = db_state(*MODELS)
    call(scene["actors"][name], scene)
    assert db_state(*MODELS) != before


def test_a_batch_with_one_bad_row_saves_nothing_and_names_the_row(scene):
    before = db_state(*MODELS)
    with pytest.raises(services.DomainError) as exc:
        services.network_report_save(
            actor=scene["world"]["lead_a"],
            round=scene["rnd"],
            activities=[(scene["activity"], "ongoing", "", 0)],
            indicators=[(scene["indicator"], "tolv", "", 0)],
        )
    assert exc.value.messages == [f"{scene['indicator'].name}: Inte ett tal: tolv."]
    assert db_state(*MODELS) == before


@pytest.mark.parametrize(
    "role,api_status,page_status", [("lead_b", 404, 404), ("management", 404, 404), ("anonymous", 401, 302)]
)
def test_refused_page_and_api_reports_leave_the_same_state(scene, client_for, role, api_status, page_status):
    user = None if role == "anonymous" else scene["actors"][role]
    c = client_for(user)
    rnd, activity = scene["rnd"], scene["activity"]
    before = db_state(*MODELS)
    api = c.put(
        f"/api/v1/follow-up-rounds/{rnd.pk}/activity-reports/{activity.pk}",
        content_type="application/json",
        data=json.dumps({"status": "ongoing"}),
    )
    page = c.post(
        reverse("plans:report", args=[scene["coop"].slug, rnd.pk, scene["world"]["net_a"].slug]),
        {f"status-{activity.pk}": "ongoing", f"version-{activity.pk}": 0},
    )
    assert (api.status_code, page.status_code) == (api_status, page_status)
    assert db_state(*MODELS) == before


def test_page_and_api_report_through_the_same_service(scene, client_for):
    lead, rnd = scene["world"]["lead_a"], scene["rnd"]
    c = client_for(lead)
    page = c.post(
        reverse("plans:report", args=[scene["coop"].slug, rnd.pk, scene["world"]["net_a"].slug]),
        {
            f"status-{scene['activity'].pk}": "ongoing",
            f"version-{scene['activity'].pk}": 0,
            f"value-{scene['indicator'].pk}": "3",
            f"iversion-{scene['indicator'].pk}": 0,
        },
    )
    assert page.status_code == 302
    api = c.put(
        f"/api/v1/follow-up-rounds/{rnd.pk}/activity-reports/{scene['activity'].pk}",
        content_type="application/json",
        data=json.dumps({"status": "done", "version": 1}),
    )
    assert api.status_code == 200
    rows = ActivityReport.history.order_by("history_id").values_list("status", "history_change_reason", "history_user")
    assert list(rows) == [("ongoing", audit.ACTIVITY_REPORTED, lead.pk), ("done", audit.ACTIVITY_REPORTED, lead.pk)]
    value = IndicatorValue.history.get()
    assert (value.history_change_reason, value.history_user) == (audit.INDICATOR_VALUE_REPORTED, lead)
