"""The permission matrix of plans and follow-up: role × object × action (the rules behind every view/API)."""

import pytest

from core.access import can
from plans.models import ActivityReport, GoalAssessment, IndicatorValue, OperatingPlan
from plans.tests.builders import build_activity, build_indicator, build_round, goals

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "outsider",
    "secretariat",
    "management",
    "committee",
    "registrar",
    "network_lead",
    "network_member",
    "lead_a",
    "lead_b",
    "network_member_a",  # a network member of network A: reads like staff, may not act as its lead
]

# object key -> roles that may change (and add) it
MAY_CHANGE = {
    "operating_plan": {"secretariat"},
    "round": {"secretariat"},
    "action_plan_a": {"secretariat", "lead_a"},
    "activity_a": {"secretariat", "lead_a"},
    "report_a": {"secretariat", "lead_a"},
    "value_a": {"secretariat", "lead_a"},
    "indicator": {"secretariat"},
    "assessment": {"management", "secretariat"},  # the secretariat drafts, the management group decides
}


@pytest.fixture
def objects(coop, world):
    activity = build_activity(world["plan_a"], goals(world["programme"])[:1])
    rnd = build_round(coop)
    indicator = build_indicator(coop, goals(world["programme"], sub=False)[0], body=world["net_a"])
    return {
        "operating_plan": OperatingPlan.objects.create(cooperation=coop, year=2011, title="VP"),
        "round": rnd,
        "action_plan_a": world["plan_a"],
        "activity_a": activity,
        "report_a": ActivityReport(round=rnd, activity=activity),
        "value_a": IndicatorValue(round=rnd, indicator=indicator),
        "indicator": indicator,
        "assessment": GoalAssessment(round=rnd, goal=goals(world["programme"], sub=False)[0]),
    }


@pytest.mark.parametrize("role", ROLES)
def test_matrix(users, world, objects, role):
    user = world[role] if role.startswith("lead_") or role == "network_member_a" else users[role]
    wrong = []
    for key, allowed in MAY_CHANGE.items():
        expected = role in allowed
        for action in ("add", "change"):
            if can(user, action, objects[key]) is not expected:
                wrong.append((key, action, not expected))
        # Reading is public on the pages and the API; the `view` perm only guards the admin.
        if can(user, "view", objects[key]) is not (user is not None and user.is_staff):
            wrong.append((key, "view"))
    assert wrong == []
