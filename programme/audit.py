"""Audit action codes of the programme app (see core/audit.py); labels from this app's catalogue."""

from django.utils.translation import gettext_lazy as _

from core.audit import register

ROUND_OPENED = register("samverkan.programme.adoption_round.opened", _("Sent out for adoption"))
ADOPTION_CREATED = register("samverkan.programme.adoption.created", _("Case registered"))
ADOPTION_CHANGED = register("samverkan.programme.adoption.changed", _("Case details changed"))
STEP_RECORDED = register("samverkan.programme.adoption_step.recorded", _("Step recorded"))
STEP_CORRECTED = register("samverkan.programme.adoption_step.corrected", _("Step corrected"))
PROGRAMME_VERSION_STARTED = register("samverkan.programme.programme.version_started", _("Next version started"))
AREA_CREATED = register("samverkan.programme.focus_area.created", _("Focus area added"))
AREA_CHANGED = register("samverkan.programme.focus_area.changed", _("Focus area changed"))
AREA_MOVED = register("samverkan.programme.focus_area.moved", _("Focus area moved"))
AREA_DELETED = register("samverkan.programme.focus_area.deleted", _("Focus area removed"))
GOAL_CREATED = register("samverkan.programme.goal.created", _("Goal added"))
GOAL_CHANGED = register("samverkan.programme.goal.changed", _("Goal changed"))
GOAL_MOVED = register("samverkan.programme.goal.moved", _("Goal moved"))
GOAL_DELETED = register("samverkan.programme.goal.deleted", _("Goal removed"))
COPIED = register("samverkan.programme.tree.copied", _("Copied from the previous version"))
REMINDED = register("samverkan.programme.adoption_reminder.sent", _("Reminder sent"))
