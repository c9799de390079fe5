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
from core.services import SYSTEM, audited_save, history_user, lock, refuse_duplicate, require_permission, try_each
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
    Reminder,
    RoundReopening,
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
    "title",
    "introduction",
    "purpose",
    "principles",
    "vision_year",
    "vision",
    "areas",
    "balance",
    "working_forms",
    "approved_on",
    "approved_by",
    "approval_note",
    "programme",
    "is_demo",
    "source_ref",
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


@transaction.atomic
def operating_plan_approve(
    *, actor, plan: OperatingPlan, body, meeting, approved_on: dt.date | None = None
) -> OperatingPlan:
    """Record the plan's approval by a named body at one of its meetings. Refused while a section is empty."""
    plan = OperatingPlan.objects.select_for_update().get(pk=plan.pk)
    require_permission(actor, "change", plan)
    empty = [
        str(OperatingPlan._meta.get_field(name).verbose_name)
        for name in OperatingPlan.SECTIONS
        if not (getattr(plan, name) or "").strip()
    ]
    if empty:
        raise DomainError(
            _("The plan cannot be approved while a section is empty: %(sections)s.") % {"sections": ", ".join(empty)}
        )
    if body is None or meeting is None:
        raise DomainError(_("Name the body that approved the plan and the meeting where it did."))
    if body.cooperation_id != plan.cooperation_id:
        raise DomainError(_("The body belongs to another cooperation."))
    if meeting.body_id != body.pk:
        raise DomainError(_("The meeting is not a meeting of %(body)s.") % {"body": body.name})
    plan.approved_by, plan.approved_at_meeting = body, meeting
    plan.approved_on = approved_on or meeting.date
    return audited_save(plan, actor=actor, action=audit.PLAN_APPROVED)


def allowed_goal_ids(cooperation, year: int) -> set[int]:
    programme = selectors.programme_for_year(cooperation, year)
    if programme is None:
        return set()
    return set(Goal.objects.filter(focus_area__programme=programme).values_list("pk", flat=True))


# --- Indicators ---------------------------------------------------------------------------------

INDICATOR_FIELDS = {
    "goal",
    "source",
    "kolada_id",
    "unit",
    "baseline",
    "baseline_year",
    "target",
    "target_year",
    "direction",
    "responsible_body",
    "is_demo",
}


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
    members = set(activity.action_plan.cooperation.members.values_list("municipality_id", flat=True))
    if any(m.pk not in members for m in municipalities):
        errors.setdefault("municipalities", []).append(_("Only member municipalities can take part."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def activity_create(
    *,
    actor,
    action_plan: ActionPlan,
    title: str,
    goals,
    description: str = "",
    owner_membership=None,
    owner_body=None,
    municipalities=(),
    start=None,
    due=None,
    status: str = Status.PLANNED,
    is_demo: bool = False,
) -> Activity:
    activity = Activity(
        action_plan=action_plan,
        title=title,
        description=description,
        owner_membership=owner_membership,
        owner_body=owner_body,
        start=start,
        due=due,
        status=status,
        is_demo=is_demo,
    )
    require_permission(actor, "add", activity)
    # A retried or double-clicked create must not give two activities (issue 11): creates in an action
    # plan are serialised on its row and an activity with the same title is refused (API: 409).
    lock(action_plan)
    refuse_duplicate(
        Activity.objects.filter(action_plan=action_plan, title=title.strip()),
        _("The action plan already has an activity called “%(title)s”.") % {"title": title.strip()},
    )
    municipalities = list(municipalities)
    _validate_activity(activity, goals, municipalities)
    audited_save(activity, actor=actor, action=audit.ACTIVITY_CREATED, validate=False)
    activity.goals.set(goals)
    activity.municipalities.set(municipalities)
    return activity


ACTIVITY_FIELDS = ("title", "description", "owner_membership", "owner_body", "start", "due", "status")


@transaction.atomic
def activity_update(
    *, actor, activity: Activity, expected_version: int, goals=None, municipalities=None, reason: str = "", **fields
) -> Activity:
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


@transaction.atomic
def round_reopen(*, actor, round: FollowUpRound, reason: str) -> FollowUpRound:
    """Open a closed round again; the reason is required and recorded (RoundReopening and the history)."""
    require_permission(actor, "change", round)
    round.refresh_from_db(fields=["state"])
    if round.is_open:
        raise DomainError(_("The round is already open."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for reopening the round.")})
    round.state = FollowUpRound.State.OPEN
    round.closed_at = None
    audited_save(round, actor=actor, action=audit.ROUND_REOPENED, reason=reason[:200])
    RoundReopening.objects.create(round=round, reason=reason, reopened_by=history_user(actor))
    return round


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
def activity_report_save(
    *, actor, round: FollowUpRound, activity: Activity, status: str, comment: str = "", expected_version: int = 0
) -> ActivityReport:
    probe = ActivityReport(round=round, activity=activity)
    require_permission(actor, "change", probe)
    _require_open(round)
    if activity.action_plan.cooperation_id != round.cooperation_id or activity.action_plan.year != round.year:
        raise DomainError(_("The activity does not belong to this round's year."))
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status: %(status)s.") % {"status": status}})
    report = _versioned_upsert(
        ActivityReport,
        {"round": round, "activity": activity},
        {"status": status, "comment": comment, "reported_by": actor if actor and actor.is_authenticated else None},
        actor=actor,
        expected_version=expected_version,
        action=audit.ACTIVITY_REPORTED,
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
def indicator_value_save(
    *, actor, round: FollowUpRound, indicator: Indicator, value, comment: str = "", expected_version: int = 0
) -> IndicatorValue:
    probe = IndicatorValue(round=round, indicator=indicator)
    require_permission(actor, "change", probe)
    _require_open(round)
    if indicator.cooperation_id != round.cooperation_id:
        raise DomainError(_("The indicator belongs to another cooperation."))
    return _versioned_upsert(
        IndicatorValue,
        {"round": round, "indicator": indicator},
        {
            "value": parse_decimal(value),
            "comment": comment,
            "reported_by": actor if actor and actor.is_authenticated else None,
        },
        actor=actor,
        expected_version=expected_version,
        action=audit.INDICATOR_VALUE_REPORTED,
    )


@transaction.atomic
def goal_assessment_save(
    *, actor, round: FollowUpRound, goal, grade: str, motivation: str, expected_version: int = 0
) -> GoalAssessment:
    probe = GoalAssessment(round=round, goal=goal)
    require_permission(actor, "change", probe)
    _require_open(round)
    if goal.focus_area.programme.cooperation_id != round.cooperation_id:
        raise DomainError(_("The goal belongs to another cooperation."))
    if not (motivation or "").strip():
        raise ValidationError({"motivation": _("Give a motivation for the assessment.")})
    deciding = assessment_decider(actor, round.cooperation)
    if not deciding:
        existing = GoalAssessment.objects.filter(round=round, goal=goal).values_list("stage", flat=True).first()
        if existing == GoalAssessment.Stage.DECIDED:
            raise DomainError(_("The management group has decided this assessment; only it can change it."))
    stage = GoalAssessment.Stage.DECIDED if deciding else GoalAssessment.Stage.DRAFT
    return _versioned_upsert(
        GoalAssessment,
        {"round": round, "goal": goal},
        {
            "grade": grade,
            "motivation": motivation.strip(),
            "stage": stage,
            "assessed_by": actor if actor and actor.is_authenticated else None,
        },
        actor=actor,
        expected_version=expected_version,
        action=audit.GOAL_ASSESSED if deciding else audit.GOAL_ASSESSMENT_DRAFTED,
    )


def assessment_decider(actor, cooperation) -> bool:
    """Does `actor`'s save of a goal assessment decide it (the management group, superusers and the system),
    or only draft it (the secretariat)?"""
    from core.services import SYSTEM
    from organisations.access import may_act_for

    return actor is SYSTEM or may_act_for(actor, cooperation, "management")


# --- Batches (one page saves many rows: all or nothing) -----------------------------------------


@transaction.atomic
def network_report_save(*, actor, round: FollowUpRound, activities=(), indicators=()) -> int:
    """Save a network's report in one go: `activities` as (activity, status, comment, expected_version)
    and `indicators` as (indicator, value, comment, expected_version). All or nothing: every row is
    tried and if any is refused nothing is saved and a DomainError lists each refusal, prefixed with
    the activity's title or the indicator's name. Returns the number of rows saved."""
    saved, refused = try_each(
        [
            *(
                (
                    activity.title,
                    partial(
                        activity_report_save,
                        actor=actor,
                        round=round,
                        activity=activity,
                        status=status,
                        comment=comment,
                        expected_version=expected_version,
                    ),
                )
                for activity, status, comment, expected_version in activities
            ),
            *(
                (
                    indicator.name,
                    partial(
                        indicator_value_save,
                        actor=actor,
                        round=round,
                        indicator=indicator,
                        value=value,
                        comment=comment,
                        expected_version=expected_version,
                    ),
                )
                for indicator, value, comment, expected_version in indicators
            ),
        ]
    )
    if refused:
        raise DomainError([f"{label}: {m}" for label, messages in refused for m in messages])
    return saved


@transaction.atomic
def goal_assessments_save(*, actor, round: FollowUpRound, assessments=()) -> int:
    """Save the management group's assessments, given as (goal, grade, motivation, expected_version).
    All or nothing, like `network_report_save` (refusals prefixed with the goal's text)."""
    require_permission(actor, "change", GoalAssessment(round=round))
    saved, refused = try_each(
        (
            goal.text,
            partial(
                goal_assessment_save,
                actor=actor,
                round=round,
                goal=goal,
                grade=grade,
                motivation=motivation,
                expected_version=expected_version,
            ),
        )
        for goal, grade, motivation, expected_version in assessments
    )
    if refused:
        raise DomainError([f"{text}: {m}" for text, messages in refused for m in messages])
    return saved


# --- Reminders ------------------------------------------------------------------------------------

#: A network lead is reminded of the same round at most once within this interval.
REMINDER_INTERVAL = dt.timedelta(days=3)


def send_followup_reminders(
    *, actor=SYSTEM, days: int = 7, base_url: str = "", interval: dt.timedelta = REMINDER_INTERVAL
) -> list[Reminder]:
    """E-mail every network lead whose network has not reported in an open round whose deadline is within
    `days` (not yet passed), unless they were reminded of that round and network within `interval`. Every
    reminder sent is recorded (Reminder: who, when, for which round and network). Returns the new records."""
    from django.conf import settings
    from django.core.mail import EmailMessage, get_connection
    from django.urls import reverse
    from django.utils import translation

    today = timezone.localdate()
    now = timezone.now()
    rounds = FollowUpRound.objects.filter(
        state=FollowUpRound.State.OPEN, deadline__gte=today, deadline__lte=today + dt.timedelta(days=days)
    ).select_related("cooperation")
    sent: list[Reminder] = []
    connection = get_connection()
    with translation.override("sv"):
        for rnd in rounds:
            require_permission(actor, "add", Reminder(round=rnd))
            recent = set(
                Reminder.objects.filter(round=rnd, sent_at__gt=now - interval).values_list("body_id", "user_id")
            )
            for body, users in selectors.leads_to_remind(rnd):
                due = [u for u in users if (body.pk, u.pk) not in recent]
                if not due:
                    continue
                link = base_url + reverse("plans:report", args=[rnd.cooperation.slug, rnd.pk, body.slug])
                subject = _("Reminder: follow-up %(round)s for %(network)s") % {"round": rnd, "network": body}
                text = _(
                    "Hello,\n\nThe network %(network)s has activities that are not yet reported in the "
                    "follow-up round %(round)s of %(cooperation)s. The deadline is %(deadline)s.\n\n"
                    "Report here: %(link)s\n"
                ) % {
                    "network": body,
                    "round": rnd,
                    "cooperation": rnd.cooperation,
                    "deadline": sv_date(rnd.deadline),
                    "link": link,
                }
                for user in due:
                    EmailMessage(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email], connection=connection).send()
                    sent.append(
                        Reminder.objects.create(
                            round=rnd, body=body, user=user, email=user.email, sent_at=timezone.now()
                        )
                    )
    return sent
