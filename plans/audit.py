"""Audit action codes of the plans app (see core/audit.py); labels from this app's catalogue."""

from django.utils.translation import gettext_lazy as _

from core.audit import register

PLAN_SAVED = register("samverkan.plans.operating_plan.saved", _("Operating plan saved"))
ACTION_PLAN_CREATED = register("samverkan.plans.action_plan.created", _("Action plan created"))
ACTIVITY_CREATED = register("samverkan.plans.activity.created", _("Activity created"))
ACTIVITY_CHANGED = register("samverkan.plans.activity.changed", _("Activity changed"))
ROUND_OPENED = register("samverkan.plans.follow_up_round.opened", _("Round opened"))
ROUND_CLOSED = register("samverkan.plans.follow_up_round.closed", _("Round closed"))
ACTIVITY_REPORTED = register("samverkan.plans.activity_report.saved", _("Activity reported"))
INDICATOR_VALUE_REPORTED = register("samverkan.plans.indicator_value.saved", _("Indicator value reported"))
GOAL_ASSESSED = register("samverkan.plans.goal_assessment.saved", _("Goal assessed"))
INDICATOR_SAVED = register("samverkan.plans.indicator.saved", _("Indicator saved"))
ROUND_REOPENED = register("samverkan.plans.follow_up_round.reopened", _("Round reopened"))
GOAL_ASSESSMENT_DRAFTED = register("samverkan.plans.goal_assessment.drafted", _("Goal assessment drafted"))
PLAN_APPROVED = register("samverkan.plans.operating_plan.approved", _("Operating plan approved"))
