"""Plans and follow-up in the JSON API: read everything public; write activities and reports by role.

Writes name the version they start from; a stale write answers 409 with the current version.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from core.api import ErrorOut, Pagination, validation_error_payload, write_auth
from organisations.models import Cooperation, Membership, Municipality
from plans import selectors, services
from plans.models import (
    ActionPlan,
    Activity,
    FollowUpRound,
    Indicator,
    OperatingPlan,
)
from programme.models import Goal

router = Router(tags=["plans"])


class OperatingPlanOut(Schema):
    id: int
    cooperation: str
    year: int
    title: str
    programme_id: int | None
    introduction: str
    purpose: str
    principles: str
    vision_year: int | None
    vision: str
    areas: str
    balance: str
    working_forms: str
    approved_on: dt.date | None
    approval_note: str

    @staticmethod
    def resolve_cooperation(obj):
        return obj.cooperation.slug


class ActionPlanOut(Schema):
    id: int
    year: int
    body_id: int
    body_slug: str
    body_name: str
    summary: str
    is_demo: bool

    @staticmethod
    def resolve_body_slug(obj):
        return obj.body.slug

    @staticmethod
    def resolve_body_name(obj):
        return obj.body.name


class ActivityOut(Schema):
    id: int
    action_plan_id: int
    year: int
    network: str
    title: str
    description: str
    owner: str | None
    start: dt.date | None
    due: dt.date | None
    status: str
    goal_ids: list[int]
    municipality_codes: list[str]
    version: int
    is_demo: bool

    @staticmethod
    def resolve_year(obj):
        return obj.action_plan.year

    @staticmethod
    def resolve_network(obj):
        return obj.action_plan.body.slug

    @staticmethod
    def resolve_owner(obj):
        if obj.owner_membership_id:
            return obj.owner_membership.person.name
        return obj.owner_body.name if obj.owner_body_id else None

    @staticmethod
    def resolve_goal_ids(obj):
        return [g.pk for g in obj.goals.all()]

    @staticmethod
    def resolve_municipality_codes(obj):
        return [m.code for m in obj.municipalities.all()]


class IndicatorOut(Schema):
    id: int
    goal_id: int
    name: str
    source: str
    kolada_id: str
    unit: str
    baseline: Decimal | None
    baseline_year: int | None
    target: Decimal | None
    target_year: int | None
    direction: str
    responsible_body_id: int | None


class RoundOut(Schema):
    id: int
    year: int
    period: str
    deadline: dt.date
    state: str


class ReportOut(Schema):
    activity_id: int
    status: str
    comment: str
    version: int


class IndicatorValueOut(Schema):
    indicator_id: int
    value: Decimal
    comment: str
    version: int


class AssessmentOut(Schema):
    goal_id: int
    grade: str
    motivation: str
    version: int


class RoundDetailOut(RoundOut):
    reports: list[ReportOut]
    values: list[IndicatorValueOut]
    assessments: list[AssessmentOut]


class ActivityIn(Schema):
    title: str
    description: str = ""
    owner_membership_id: int | None = None
    start: dt.date | None = None
    due: dt.date | None = None
    status: str = "planned"
    goal_ids: list[int]
    municipality_codes: list[str] = []


class ActivityUpdateIn(ActivityIn):
    version: int


class ReportIn(Schema):
    status: str
    comment: str = ""
    version: int = 0


class ValueIn(Schema):
    value: Decimal
    comment: str = ""
    version: int = 0


def _coop(slug):
    return get_object_or_404(Cooperation, slug=slug)


@router.get("/cooperations/{slug}/operating-plans", response=list[OperatingPlanOut], summary="Verksamhetsplaner")
@paginate(Pagination)
def list_plans(request, slug: str):
    return OperatingPlan.objects.filter(cooperation=_coop(slug)).select_related("cooperation").order_by("-year")


@router.get(
    "/cooperations/{slug}/operating-plans/{year}",
    response={200: OperatingPlanOut, 404: ErrorOut},
    summary="En verksamhetsplan",
)
def get_plan(request, slug: str, year: int):
    return get_object_or_404(OperatingPlan.objects.select_related("cooperation"), cooperation=_coop(slug), year=year)


@router.get("/cooperations/{slug}/action-plans", response=list[ActionPlanOut], summary="Handlingsplaner")
@paginate(Pagination)
def list_action_plans(request, slug: str, year: int | None = None):
    qs = ActionPlan.objects.filter(cooperation=_coop(slug)).select_related("body")
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "body__name")


@router.get("/cooperations/{slug}/activities", response=list[ActivityOut], summary="Aktiviteter")
@paginate(Pagination)
def list_activities(
    request,
    slug: str,
    year: int | None = None,
    network: str | None = None,
    goal: int | None = None,
    status: str | None = None,
    municipality: str | None = None,
):
    return selectors.activity_list(
        _coop(slug), year=year, network=network, goal=goal, status=status, municipality=municipality
    )


@router.get("/activities/{activity_id}", response={200: ActivityOut, 404: ErrorOut}, summary="En aktivitet")
def get_activity(request, activity_id: int):
    return get_object_or_404(selectors.activities_queryset(), pk=activity_id)


@router.get("/cooperations/{slug}/indicators", response=list[IndicatorOut], summary="Indikatorer")
@paginate(Pagination)
def list_indicators(request, slug: str):
    return Indicator.objects.filter(cooperation=_coop(slug)).order_by("name", "pk")


@router.get("/cooperations/{slug}/follow-up-rounds", response=list[RoundOut], summary="Uppföljningsomgångar")
@paginate(Pagination)
def list_rounds(request, slug: str):
    return selectors.rounds_of(_coop(slug))


@router.get(
    "/follow-up-rounds/{round_id}",
    response={200: RoundDetailOut, 404: ErrorOut},
    summary="En uppföljningsomgång med rapporter, värden och bedömningar",
)
def get_round(request, round_id: int):
    rnd = get_object_or_404(FollowUpRound, pk=round_id)
    return {
        "id": rnd.pk,
        "year": rnd.year,
        "period": rnd.period,
        "deadline": rnd.deadline,
        "state": rnd.state,
        "reports": list(rnd.activity_reports.order_by("activity_id")),
        "values": list(rnd.indicator_values.order_by("indicator_id")),
        "assessments": list(rnd.assessments.order_by("goal_id")),
    }


def _write(call):
    """Run a service call; a stale edit is a conflict (409, naming the current version). Every other
    error goes to the API's one error policy (config/api.py)."""
    try:
        return 200, call()
    except services.StaleEdit as exc:
        payload = validation_error_payload(exc)
        payload["errors"]["current_version"] = [str(exc.current.version)]
        return 409, payload


def _activity_kwargs(action_plan, payload: ActivityIn):
    goals = list(Goal.objects.filter(pk__in=payload.goal_ids))
    if len(goals) != len(set(payload.goal_ids)):
        goals.append(Goal(pk=0))  # unknown id: refused by the goal rule
    owner = None
    if payload.owner_membership_id:
        owner = get_object_or_404(Membership, pk=payload.owner_membership_id, body__cooperation=action_plan.cooperation)
    return {
        "title": payload.title,
        "description": payload.description,
        "owner_membership": owner,
        "start": payload.start,
        "due": payload.due,
        "status": payload.status,
        "goals": goals,
        "municipalities": list(Municipality.objects.filter(code__in=payload.municipality_codes)),
    }


@router.post(
    "/action-plans/{action_plan_id}/activities",
    auth=write_auth,
    response={200: ActivityOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Ny aktivitet (nätverksledare för sitt nätverk, kansliet)",
)
def create_activity(request, action_plan_id: int, payload: ActivityIn):
    ap = get_object_or_404(ActionPlan.objects.select_related("cooperation", "body"), pk=action_plan_id)
    kwargs = _activity_kwargs(ap, payload)
    status, result = _write(lambda: services.activity_create(actor=request.user, action_plan=ap, **kwargs))
    if status == 200:
        result = selectors.activities_queryset().get(pk=result.pk)
    return status, result


@router.put(
    "/activities/{activity_id}",
    auth=write_auth,
    response={200: ActivityOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Ändra en aktivitet (med versionen du utgick från)",
)
def update_activity(request, activity_id: int, payload: ActivityUpdateIn):
    activity = get_object_or_404(selectors.activities_queryset(), pk=activity_id)
    kwargs = _activity_kwargs(activity.action_plan, payload)
    goals, municipalities = kwargs.pop("goals"), kwargs.pop("municipalities")
    status, result = _write(
        lambda: services.activity_update(
            actor=request.user,
            activity=activity,
            expected_version=payload.version,
            goals=goals,
            municipalities=municipalities,
            **kwargs,
        )
    )
    if status == 200:
        result = selectors.activities_queryset().get(pk=result.pk)
    return status, result


@router.put(
    "/follow-up-rounds/{round_id}/activity-reports/{activity_id}",
    auth=write_auth,
    response={200: ReportOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Rapportera en aktivitet i en omgång",
)
def put_report(request, round_id: int, activity_id: int, payload: ReportIn):
    rnd = get_object_or_404(FollowUpRound, pk=round_id)
    activity = get_object_or_404(
        Activity.objects.select_related("action_plan__body"), pk=activity_id, action_plan__cooperation=rnd.cooperation
    )
    return _write(
        lambda: services.activity_report_save(
            actor=request.user,
            round=rnd,
            activity=activity,
            status=payload.status,
            comment=payload.comment,
            expected_version=payload.version,
        )
    )


@router.put(
    "/follow-up-rounds/{round_id}/indicator-values/{indicator_id}",
    auth=write_auth,
    response={200: IndicatorValueOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Rapportera ett indikatorvärde i en omgång",
)
def put_value(request, round_id: int, indicator_id: int, payload: ValueIn):
    rnd = get_object_or_404(FollowUpRound, pk=round_id)
    indicator = get_object_or_404(
        Indicator.objects.select_related("responsible_body"), pk=indicator_id, cooperation=rnd.cooperation
    )
    return _write(
        lambda: services.indicator_value_save(
            actor=request.user,
            round=rnd,
            indicator=indicator,
            value=payload.value,
            comment=payload.comment,
            expected_version=payload.version,
        )
    )
