"""Writes of plans and follow-up: atomic, validated, audited, permission-checked, Swedish errors.

Optimistic locking: every editable object carries a `version`. A write states the version it
started from (`expected_version`); the version is claimed with one conditional UPDATE, so of two
writes from the same version exactly one wins and the other raises `StaleEdit` (nothing saved).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.formatting import parse_sv_decimal, sv_date, sv_time
from core.services import audited_save, require_permission, try_each
from plans import audit, selectors
from plans.models import (
    ActionPlan,
    Activity,
    ActivityReport,
    FollowUpRound,
    GoalAssessment,
    Indicator,
    IndicatorValue,
    OperatingPlan,
    Status,
)
from programme.models import Goal


class StaleEdit(DomainError):
    """Someone saved a newer version since the editor loaded the object."""

    def __init__(self, current, expected_version):
        self.current = current
        who = ""
        last = current.history.order_by("-history_date").select_related("history_user").first()
        if last is not None:
            user = last.history_user
            who = (user.get_full_name() or user.username) if user else ""
            when = f"{sv_date(last.history_date)} {sv_time(last.history_date)}"
        else:
            when = ""
        message = _(
            "Someone else saved a newer version (version %(current)s, %(who)s %(when)s) while you were "
            "editing version %(expected)s. Your changes were not saved: check the newer version and "
            "make your changes again."
        ) % {"current": current.version, "who": who or _("unknown"), "when": when, "expected": expected_version}
        super().__init__(message, code="stale")


def _claim_version(model, pk: int, expected_version: int):
    """Bump the version if it still is `expected_version`; else raise StaleEdit with the current object."""
    updated = model.objects.filter(pk=pk, version=expected_version).update(version=F("version") + 1)
    if not updated:
        current = model.objects.get(pk=pk)
        raise StaleEdit(current, expected_version)
    return expected_version + 1


# --- Operating plans --------------------------------------------------------------------------

PLAN_FIELDS = (
    "title", "introduction", "purpose", "principles", "vision_year", "vision", "areas", "balance",
    "working_forms", "approved_on", "approved_by", "approval_note", "programme", "is_demo", "source_ref",
)


@transaction.atomic
def operating_plan_save(*, actor, cooperation, year: int, reason: str = "", **fields) -> OperatingPlan:
    """Create or update the operating plan of `year`."""
    plan = OperatingPlan.objects.filter(cooperation=cooperation, year=year).first()
    if plan is None:
        plan = OperatingPlan(cooperation=cooperation, year=year, title=_("Operating plan %(year)s") % {"year": year})
        require_permission(actor, "add", plan)
    else:
        require_permission(actor, "change", plan)
    for name, value in fields.items():
        if name not in PLAN_FIELDS:
            raise ValueError(name)
        setattr(plan, name, value)
    return audited_save(plan, actor=actor, action=audit.PLAN_SAVED, reason=reason)


def allowed_goal_ids(cooperation, year: int) -> set[int]:
    programme = selectors.programme_for_year(cooperation, year)
    if programme is None:
        return set()
    return set(Goal.objects.filter(focus_area__programme=programme).values_list("pk", flat=True))


# --- Indicators ---------------------------------------------------------------------------------

INDICATOR_FIELDS = {"goal", "source", "kolada_id", "unit", "baseline", "baseline_year", "target", "target_year",
                    "direction", "responsible_body", "is_demo"}


@transaction.atomic
def indicator_save(*, actor, cooperation, name: str, **fields) -> Indicator:
    """Create the cooperation's indicator called `name`, or change it."""
    unknown = set(fields) - INDICATOR_FIELDS
    if unknown:
        raise ValueError(sorted(unknown))
    indicator = Indicator.objects.filter(cooperation=cooperation, name=name).first()
    indicator = indicator or Indicator(cooperation=cooperation, name=name)
    require_permission(actor, "change" if indicator.pk else "add", indicator)
    for field, value in fields.items():
        setattr(indicator, field, value)
    return audited_save(indicator, actor=actor, action=audit.INDICATOR_SAVED)


# --- Action plans and activities ----------------------------------------------------------------

@transaction.atomic
def action_plan_create(*, actor, cooperation, body, year: int, summary: str = "", is_demo: bool = False) -> ActionPlan:
    plan = ActionPlan(cooperation=cooperation, body=body, year=year, summary=summary, is_demo=is_demo)
    require_permission(actor, "add", plan)
    if ActionPlan.objects.filter(body=body, year=year).exists():
        raise DomainError(_("%(body)s already has an action plan for %(year)s.") % {"body": body, "year": year})
    return audited_save(plan, actor=actor, action=audit.ACTION_PLAN_CREATED)


def _validate_activity(activity: Activity, goals, municipalities) -> None:
    errors: dict[str, list[str]] = {}
    try:
        activity.full_clean(exclude=["action_plan"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    goals = list(goals)
    if not goals:
        errors.setdefault("goals", []).append(_("An activity must serve at least one goal of the programme in force."))
    else:
        plan = activity.action_plan
        allowed = allowed_goal_ids(plan.cooperation, plan.year)
        if any(g.pk not in allowed for g in goals):
            errors.setdefault("goals", []).append(
                _("Every goal must belong to the programme in force for %(year)s.") % {"year": plan.year}
            )
    members = set(
        activity.action_plan.cooperation.members.values_list("municipality_id", flat=True)
    )
    if any(m.pk not in members for m in municipalities):
        errors.setdefault("municipalities", []).append(_("Only member municipalities can take part."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def activity_create(*, actor, action_plan: ActionPlan, title: str, goals, description: str = "",
                    owner_membership=None, owner_body=None, municipalities=(), start=None, due=None,
                    status: str = Status.PLANNED, is_demo: bool = False) -> Activity:
    activity = Activity(
        action_plan=action_plan, title=title, description=description, owner_membership=owner_membership,
        owner_body=owner_body, start=start, due=due, status=status, is_demo=is_demo,
    )
    require_permission(actor, "add", activity)
    municipalities = list(municipalities)
    _validate_activity(activity, goals, municipalities)
    audited_save(activity, actor=actor, action=audit.ACTIVITY_CREATED, validate=False)
    activity.goals.set(goals)
    activity.municipalities.set(municipalities)
    return activity


ACTIVITY_FIELDS = ("title", "description", "owner_membership", "owner_body", "start", "due", "status")


@transaction.atomic
def activity_update(*, actor, activity: Activity, expected_version: int, goals=None, municipalities=None,
                    reason: str = "", **fields) -> Activity:
    """Update an activity that the editor loaded at `expected_version` (optimistic locking)."""
    require_permission(actor, "change", activity)
    fresh = Activity.objects.select_related("action_plan__cooperation", "action_plan__body").get(pk=activity.pk)
    for name, value in fields.items():
        if name not in ACTIVITY_FIELDS:
            raise ValueError(name)
        setattr(fresh, name, value)
    goals = list(fresh.goals.all()) if goals is None else list(goals)
    municipalities = list(fresh.municipalities.all()) if municipalities is None else list(municipalities)
    fresh.version = _claim_version(Activity, fresh.pk, expected_version)
    _validate_activity(fresh, goals, municipalities)
    audited_save(fresh, actor=actor, action=audit.ACTIVITY_CHANGED, reason=reason, validate=False)
    fresh.goals.set(goals)
    fresh.municipalities.set(municipalities)
    return fresh


# --- Follow-up rounds ---------------------------------------------------------------------------

@transaction.atomic
def round_open(*, actor, cooperation, year: int, period: str, deadline: dt.date, is_demo: bool = False):
    rnd = FollowUpRound(cooperation=cooperation, year=year, period=period, deadline=deadline, is_demo=is_demo)
    require_permission(actor, "add", rnd)
    if FollowUpRound.objects.filter(cooperation=cooperation, year=year, period=period).exists():
        raise DomainError(_("This follow-up round has already been opened."))
    return audited_save(rnd, actor=actor, action=audit.ROUND_OPENED)


@transaction.atomic
def round_close(*, actor, round: FollowUpRound) -> FollowUpRound:
    require_permission(actor, "change", round)
    if not round.is_open:
        raise DomainError(_("The round is already closed."))
    round.state = FollowUpRound.State.CLOSED
    round.closed_at = timezone.now()
    return audited_save(round, actor=actor, action=audit.ROUND_CLOSED)


def _require_open(rnd: FollowUpRound):
    rnd.refresh_from_db(fields=["state"])
    if not rnd.is_open:
        raise DomainError(_("The follow-up round is closed; its reports can no longer be changed."))


def _versioned_upsert(model, lookup: dict, values: dict, *, actor, expected_version: int, action: str):
    """Create (expected_version 0) or update (expected_version n) a versioned report row."""
    existing = model.objects.filter(**lookup).first()
    if existing is None:
        if expected_version not in (0, None):
            raise DomainError(_("The report you edited no longer exists."))
        obj = model(**lookup, **values)
        try:
            with transaction.atomic():
                audited_save(obj, actor=actor, action=action)
        except IntegrityError:
            current = model.objects.get(**lookup)
            raise StaleEdit(current, 0) from None
        return obj
    if expected_version in (0, None):
        raise StaleEdit(existing, 0)
    for name, value in values.items():
        setattr(existing, name, value)
    existing.full_clean()
    existing.version = _claim_version(model, existing.pk, expected_version)
    return audited_save(existing, actor=actor, action=action, validate=False)


@transaction.atomic
def activity_report_save(*, actor, round: FollowUpRound, activity: Activity, status: str, comment: str = "",
                         expected_version: int = 0) -> ActivityReport:
    probe = ActivityReport(round=round, activity=activity)
    require_permission(actor, "change", probe)
    _require_open(round)
    if activity.action_plan.cooperation_id != round.cooperation_id or activity.action_plan.year != round.year:
        raise DomainError(_("The activity does not belong to this round's year."))
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status: %(status)s.") % {"status": status}})
    report = _versioned_upsert(
        ActivityReport, {"round": round, "activity": activity},
        {"status": status, "comment": comment, "reported_by": actor if actor and actor.is_authenticated else None},
        actor=actor, expected_version=expected_version, action=audit.ACTIVITY_REPORTED,
    )
    if activity.status != status:
        Activity.objects.filter(pk=activity.pk).update(status=status)
        activity.status = status
    return report


def parse_decimal(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    try:
        return parse_sv_decimal(value)
    except (InvalidOperation, ValueError):
        raise ValidationError({"value": _("Not a number: %(value)s.") % {"value": value}}) from None


@transaction.atomic
def indicator_value_save(*, actor, round: FollowUpRound, indicator: Indicator, value, comment: str = "",
                         expected_version: int = 0) -> IndicatorValue:
    probe = IndicatorValue(round=round, indicator=indicator)
    require_permission(actor, "change", probe)
    _require_open(round)
    if indicator.cooperation_id != round.cooperation_id:
        raise DomainError(_("The indicator belongs to another cooperation."))
    return _versioned_upsert(
        IndicatorValue, {"round": round, "indicator": indicator},
        {"value": parse_decimal(value), "comment": comment,
         "reported_by": actor if actor and actor.is_authenticated else None},
        actor=actor, expected_version=expected_version, action=audit.INDICATOR_VALUE_REPORTED,
    )


@transaction.atomic
def goal_assessment_save(*, actor, round: FollowUpRound, goal, grade: str, motivation: str,
                         expected_version: int = 0) -> GoalAssessment:
    probe = GoalAssessment(round=round, goal=goal)
    require_permission(actor, "change", probe)
    _require_open(round)
    if goal.focus_area.programme.cooperation_id != round.cooperation_id:
        raise DomainError(_("The goal belongs to another cooperation."))
    if not (motivation or "").strip():
        raise ValidationError({"motivation": _("Give a motivation for the assessment.")})
    return _versioned_upsert(
        GoalAssessment, {"round": round, "goal": goal},
        {"grade": grade, "motivation": motivation.strip(),
         "assessed_by": actor if actor and actor.is_authenticated else None},
        actor=actor, expected_version=expected_version, action=audit.GOAL_ASSESSED,
    )


# --- Batches (one page saves many rows: all or nothing) -----------------------------------------

@transaction.atomic
def network_report_save(*, actor, round: FollowUpRound, activities=(), indicators=()) -> int:
    """Save a network's report in one go: `activities` as (activity, status, comment, expected_version)
    and `indicators` as (indicator, value, comment, expected_version). All or nothing: every row is
    tried and if any is refused nothing is saved and a DomainError lists each refusal, prefixed with
    the activity's title or the indicator's name. Returns the number of rows saved."""
    saved, refused = try_each([
        *((activity.title, partial(activity_report_save, actor=actor, round=round, activity=activity, status=status,
                                   comment=comment, expected_version=expected_version))
          for activity, status, comment, expected_version in activities),
        *((indicator.name, partial(indicator_value_save, actor=actor, round=round, indicator=indicator, value=value,
                                   comment=comment, expected_version=expected_version))
          for indicator, value, comment, expected_version in indicators),
    ])
    if refused:
        raise DomainError([f"{label}: {m}" for label, messages in refused for m in messages])
    return saved


@transaction.atomic
def goal_assessments_save(*, actor, round: FollowUpRound, assessments=()) -> int:
    """Save the management group's assessments, given as (goal, grade, motivation, expected_version).
    All or nothing, like `network_report_save` (refusals prefixed with the goal's text)."""
    require_permission(actor, "change", GoalAssessment(round=round))
    saved, refused = try_each(
        (goal.text, partial(goal_assessment_save, actor=actor, round=round, goal=goal, grade=grade,
                            motivation=motivation, expected_version=expected_version))
        for goal, grade, motivation, expected_version in assessments
    )
    if refused:
        raise DomainError([f"{text}: {m}" for text, messages in refused for m in messages])
    return saved
