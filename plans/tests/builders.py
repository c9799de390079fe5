"""Builders for the plans tests (the programme's goal tree through the programme app's models)."""

import datetime as dt
import itertools

from organisations.models import Body, Membership, Person, StaffRole
from organisations.testing import build_body, build_user
from plans.models import ActionPlan, Activity, FollowUpRound, Indicator
from programme.models import FocusArea, Goal, Programme

_n = itertools.count(1)


def build_programme(coop, name="Testprogram 2010", focus_areas=2, subgoals=3):
    """A programme with `focus_areas` focus areas, each with a goal and `subgoals` sub-goals."""
    n = next(_n)
    programme = Programme.objects.create(
        cooperation=coop,
        name=name,
        short_name=name,
        slug=f"program-{n}",
        year=2010,
        term_start_year=2011,
        term_end_year=2014,
        documented_in_force=True,
    )  # public (core.publication), not a draft
    for i in range(focus_areas):
        area = FocusArea.objects.create(programme=programme, group="regional", name=f"Fokusområde {i + 1}", order=i)
        goal = Goal.objects.create(focus_area=area, text=f"Mål {i + 1}", order=0)
        for j in range(subgoals):
            Goal.objects.create(focus_area=area, parent=goal, text=f"Delmål {i + 1}.{j + 1}", order=j)
    return programme


def goals(programme, sub=True):
    return list(Goal.objects.filter(focus_area__programme=programme, parent__isnull=not sub).order_by("pk"))


def build_network_with_lead(coop, name=None):
    """A network, its lead (user with the network_lead role) and the lead's membership."""
    n = next(_n)
    body = build_body(coop, Body.Kind.NETWORK, name=name or f"Nätverk {n}", slug=f"natverk-{n}")
    user = build_user(coop, StaffRole.Role.NETWORK_LEAD, body=body, username=f"lead{n}", email=f"lead{n}@example.org")
    person = Person.objects.create(cooperation=coop, name=f"Ledare {n}", user=user)
    membership = Membership.objects.create(person=person, body=body, role=Membership.Role.LEAD)
    return body, user, membership


def build_action_plan(coop, body, year=2011):
    return ActionPlan.objects.create(cooperation=coop, body=body, year=year)


def build_activity(action_plan, goal_list, **kwargs):
    kwargs.setdefault("title", f"Aktivitet {next(_n)}")
    kwargs.setdefault("start", dt.date(action_plan.year, 2, 1))
    kwargs.setdefault("due", dt.date(action_plan.year, 11, 30))
    activity = Activity.objects.create(action_plan=action_plan, **kwargs)
    activity.goals.set(goal_list)
    return activity


def build_round(coop, year=2011, period=FollowUpRound.Period.TERTIAL_1, deadline=None, **kwargs):
    return FollowUpRound.objects.create(
        cooperation=coop, year=year, period=period, deadline=deadline or dt.date(year, 5, 15), **kwargs
    )


def build_indicator(coop, goal, body=None, **kwargs):
    kwargs.setdefault("name", f"Indikator {next(_n)}")
    return Indicator.objects.create(cooperation=coop, goal=goal, responsible_body=body, unit="%", **kwargs)
