"""Reads of plans and follow-up, each with a fixed number of queries whatever the amount of data."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import pgettext

from budget.selectors import budget_for_year, budget_summary
from meetings.selectors import calendar_for_year
from plans.models import (
    ON_TRACK,
    ActionPlan,
    Activity,
    ActivityReport,
    FollowUpRound,
    GoalAssessment,
    Indicator,
    IndicatorValue,
    OperatingPlan,
)
from plans.text import blocks
from programme import selectors as programme_selectors
from programme.models import Goal


def programme_for_year(cooperation, year: int):
    """The programme an operating year serves: the operating plan's own programme if it names one, else
    the programme in force on 1 July of the year (the one rule, programme.status.programme_in_force_on),
    else the programme in force today or the newest one (a cooperation whose first programme is still out
    for adoption)."""
    plan = OperatingPlan.objects.filter(cooperation=cooperation, year=year).select_related("programme").first()
    if plan is not None and plan.programme_id:
        return plan.programme
    programmes, states = programme_selectors.programme_states(cooperation)
    return (
        programme_selectors.in_force_among(programmes, states, dt.date(year, 7, 1))
        or programme_selectors.in_force_among(programmes, states)
        or (programmes[0] if programmes else None)
    )


# --- The operating plan as a document ----------------------------------------------------------


@dataclass
class Section:
    number: int
    key: str
    heading: str
    blocks: list = field(default_factory=list)
    subsections: list = field(default_factory=list)  # (heading, blocks)


def calendar_for(cooperation, year):
    """The year's calendar from the meetings app."""
    return calendar_for_year(cooperation, year)


def budget_for(cooperation, year):
    """(budget, summary) from the budget app, or (None, None)."""
    budget = budget_for_year(cooperation, year)
    if budget is None:
        return None, None
    return budget, budget_summary(budget)


def plan_sections(plan: OperatingPlan) -> list[Section]:
    """The eight sections in the order of seeds 000 and 001."""
    vision_heading = pgettext("operating plan section", "Vision")
    if plan.vision_year:
        vision_heading = f"{vision_heading} {plan.vision_year}"
    sections = [
        Section(1, "introduction", pgettext("operating plan section", "Introduction"), blocks(plan.introduction)),
        Section(2, "purpose", pgettext("operating plan section", "Purpose"), blocks(plan.purpose)),
        Section(3, "principles", pgettext("operating plan section", "Principles"), blocks(plan.principles)),
        Section(4, "vision", vision_heading, blocks(plan.vision)),
        Section(
            5,
            "areas",
            pgettext("operating plan section", "Areas of cooperation and direction %(year)s") % {"year": plan.year},
            blocks(plan.areas),
        ),
        Section(6, "working_forms", pgettext("operating plan section", "Working forms"), blocks(plan.working_forms)),
        Section(7, "calendar", pgettext("operating plan section", "Calendar")),
        Section(8, "budget", pgettext("operating plan section", "Budget %(year)s") % {"year": plan.year}),
    ]
    if plan.balance:
        sections[4].subsections.append(
            (pgettext("operating plan section", "Balance between the areas of cooperation"), blocks(plan.balance))
        )
    return sections


def plan_context(plan: OperatingPlan) -> dict:
    budget, summary = budget_for(plan.cooperation, plan.year)
    return {
        "plan": plan,
        "sections": plan_sections(plan),
        "calendar_groups": calendar_for(plan.cooperation, plan.year),
        "budget": budget,
        "budget_summary": summary,
        "cooperation": plan.cooperation,
    }


def plans_of(cooperation):
    return OperatingPlan.objects.filter(cooperation=cooperation).select_related("programme").order_by("-year")


# --- Action plans and activities ----------------------------------------------------------------


def action_plans_for_year(cooperation, year: int):
    return (
        ActionPlan.objects.filter(cooperation=cooperation, year=year)
        .select_related("body")
        .annotate(
            activity_count=Count("activities", distinct=True),
            done_count=Count("activities", filter=Q(activities__status="done"), distinct=True),
            delayed_count=Count("activities", filter=Q(activities__status="delayed"), distinct=True),
        )
        .order_by("body__name")
    )


def activities_queryset():
    return Activity.objects.select_related(
        "action_plan__body",
        "action_plan__cooperation",
        "owner_membership__person",
        "owner_membership__municipality",
        "owner_body",
    ).prefetch_related("goals", "municipalities")


def activity_list(cooperation, *, year=None, network=None, goal=None, status=None, municipality=None):
    """Activities of `cooperation`, filtered; `network` is a body slug, `municipality` an SCB code."""
    qs = activities_queryset().filter(action_plan__cooperation=cooperation)
    if year:
        qs = qs.filter(action_plan__year=year)
    if network:
        qs = qs.filter(action_plan__body__slug=network)
    if goal:
        qs = qs.filter(Q(goals__pk=goal) | Q(goals__parent_id=goal)).distinct()
    if status:
        qs = qs.filter(status=status)
    if municipality:
        qs = qs.filter(municipalities__code=municipality).distinct()
    return qs.order_by("action_plan__year", "action_plan__body__name", "due", "pk")


def goals_of(programme):
    """The programme's goals in tree order: [(goal, [sub-goals])], one query."""
    if programme is None:
        return []
    goals = list(
        Goal.objects.filter(focus_area__programme=programme)
        .select_related("focus_area")
        .order_by("focus_area__order", "parent_id", "order", "pk")
    )
    tops = [g for g in goals if g.parent_id is None]
    children = defaultdict(list)
    for g in goals:
        if g.parent_id is not None:
            children[g.parent_id].append(g)
    return [(g, children[g.pk]) for g in tops]


# --- Follow-up ----------------------------------------------------------------------------------


def rounds_of(cooperation):
    return FollowUpRound.objects.filter(cooperation=cooperation).order_by("-year", "-deadline")


def network_report_rows(rnd: FollowUpRound, body):
    """The rows a network reports in a round: (activity, report or None) and (indicator, value or None)."""
    activities = list(
        activities_queryset()
        .filter(action_plan__cooperation=rnd.cooperation, action_plan__year=rnd.year, action_plan__body=body)
        .order_by("due", "pk")
    )
    reports = {r.activity_id: r for r in ActivityReport.objects.filter(round=rnd, activity__in=activities)}
    indicators = list(
        Indicator.objects.filter(cooperation=rnd.cooperation, responsible_body=body)
        .select_related("goal")
        .order_by("name", "pk")
    )
    values = {v.indicator_id: v for v in IndicatorValue.objects.filter(round=rnd, indicator__in=indicators)}
    return [(a, reports.get(a.pk)) for a in activities], [(i, values.get(i.pk)) for i in indicators]


@dataclass
class NetworkProgress:
    body: object
    activities: int = 0
    reported: int = 0
    statuses: Counter = field(default_factory=Counter)

    @property
    def complete(self) -> bool:
        return self.activities > 0 and self.reported >= self.activities


def round_dashboard(rnd: FollowUpRound) -> dict:
    """Progress per network, the reports, indicator values and the goal assessments of one round."""
    plans = list(
        ActionPlan.objects.filter(cooperation=rnd.cooperation, year=rnd.year)
        .select_related("body")
        .order_by("body__name")
    )
    progress = {p.body_id: NetworkProgress(body=p.body) for p in plans}
    activity_rows = list(
        Activity.objects.filter(action_plan__in=plans).values_list("pk", "action_plan__body_id", "status")
    )
    reports = {
        r.activity_id: r
        for r in ActivityReport.objects.filter(round=rnd).select_related("activity__action_plan__body", "reported_by")
    }
    for pk, body_id, status in activity_rows:
        row = progress[body_id]
        row.activities += 1
        report = reports.get(pk)
        if report is not None:
            row.reported += 1
            row.statuses[report.status] += 1
        else:
            row.statuses[status] += 1
    programme = programme_for_year(rnd.cooperation, rnd.year)
    assessments = {a.goal_id: a for a in GoalAssessment.objects.filter(round=rnd).select_related("assessed_by")}
    values = list(
        IndicatorValue.objects.filter(round=rnd)
        .select_related("indicator__goal", "indicator__responsible_body")
        .order_by("indicator__name")
    )
    rollup = goal_rollup(programme, round=rnd) if programme else {}
    return {
        "progress": list(progress.values()),
        "reports": sorted(reports.values(), key=lambda r: (r.activity.action_plan.body.name, r.activity.title)),
        "values": values,
        "goal_tree": goals_of(programme),
        "assessments": assessments,
        "rollup": rollup,
        "programme": programme,
    }


def goal_rollup(programme, *, round: FollowUpRound | None = None) -> dict[int, dict]:
    """Per goal and sub-goal of `programme`: activities serving it, how many are on track and the latest
    assessment (of `round` if given, else of the latest round that assessed it).

    A goal's counts include the activities serving its sub-goals. Three queries.
    """
    goals = list(Goal.objects.filter(focus_area__programme=programme).values_list("pk", "parent_id"))
    parent_of = dict(goals)
    activity_ids: dict[int, set] = defaultdict(set)
    on_track_ids: dict[int, set] = defaultdict(set)
    links = Activity.goals.through.objects.filter(goal_id__in=parent_of.keys()).values_list(
        "goal_id", "activity_id", "activity__status"
    )
    for goal_id, activity_id, status in links:
        for target in (goal_id, parent_of.get(goal_id)):
            if target is None:
                continue
            activity_ids[target].add(activity_id)
            if status in ON_TRACK:
                on_track_ids[target].add(activity_id)
    assessments_qs = GoalAssessment.objects.filter(goal_id__in=parent_of.keys())
    if round is not None:
        assessments_qs = assessments_qs.filter(round=round)
    latest: dict[int, GoalAssessment] = {}
    for a in assessments_qs.select_related("round").order_by("round__year", "round__deadline", "updated_at"):
        latest[a.goal_id] = a
    result = {}
    for goal_id in parent_of:
        a = latest.get(goal_id)
        result[goal_id] = {
            "activities": len(activity_ids[goal_id]),
            "on_track": len(on_track_ids[goal_id]),
            "assessment": a.grade if a else None,
            "assessment_label": str(a.get_grade_display()) if a else None,
            "motivation": a.motivation if a else "",
            "round": str(a.round) if a else "",
        }
    return result


def leads_to_remind(rnd: FollowUpRound):
    """(network, [users]) for every network that has activities in the round's year not yet reported."""
    from organisations.models import StaffRole

    missing_bodies = set(
        Activity.objects.filter(action_plan__cooperation=rnd.cooperation, action_plan__year=rnd.year)
        .exclude(reports__round=rnd)
        .values_list("action_plan__body_id", flat=True)
    )
    roles = (
        StaffRole.objects.filter(
            cooperation=rnd.cooperation, role=StaffRole.Role.NETWORK_LEAD, body_id__in=missing_bodies
        )
        .select_related("user", "body")
        .order_by("body__name", "user__username")
    )
    by_body = defaultdict(list)
    bodies = {}
    for role in roles:
        if role.user.is_active and role.user.email:
            by_body[role.body_id].append(role.user)
            bodies[role.body_id] = role.body
    return [(bodies[b], users) for b, users in by_body.items()]


def evaluation_years(cooperation) -> set[int]:
    """The years that have an evaluation page: a follow-up round or at least one activity (as `evaluation_context`)."""
    return set(FollowUpRound.objects.filter(cooperation=cooperation).values_list("year", flat=True)) | set(
        Activity.objects.filter(action_plan__cooperation=cooperation).values_list("action_plan__year", flat=True)
    )


def evaluation_context(cooperation, year: int) -> dict:
    """The evaluation of a year: its latest round's dashboard plus all activities."""
    rnd = FollowUpRound.objects.filter(cooperation=cooperation, year=year).order_by("-deadline").first()
    context = {
        "year": year,
        "round": rnd,
        "cooperation": cooperation,
        "plan": OperatingPlan.objects.filter(cooperation=cooperation, year=year).first(),
    }
    if rnd is not None:
        context.update(round_dashboard(rnd))
    context["activities"] = list(activity_list(cooperation, year=year))
    return context
