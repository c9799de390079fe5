"""The programme's goal tree shows the plans' roll-up per goal (real activities and assessments, no fakes)."""

import pytest

from plans.models import GoalAssessment, Status
from plans.tests.builders import build_activity, build_round, goals

pytestmark = pytest.mark.django_db


def test_goal_tree_shows_rollup_when_plans_provides_it(client, world):
    goal = goals(world["programme"], sub=False)[0]
    for status in (Status.PLANNED, Status.ONGOING, Status.DONE, Status.DELAYED):
        build_activity(world["plan_a"], [goal], status=status)
    GoalAssessment.objects.create(
        round=build_round(world["programme"].cooperation),
        goal=goal,
        grade=GoalAssessment.Grade.YELLOW,
        motivation="En aktivitet är försenad",
    )
    html = client.get(f"/test/program/{world['programme'].slug}/maltrad/").content.decode()
    assert "4 aktiviteter" in html and "3 enligt plan" in html and "gul: delvis enligt plan" in html
