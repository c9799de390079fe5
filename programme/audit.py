"""Audit action codes of the programme app (see core/audit.py); labels from this app's catalogue."""

from django.utils.translation import gettext_lazy as _

from core.audit import register

ROUND_OPENED = register("samverkan.programme.adoption_round.opened", _("Sent out for adoption"))
ADOPTION_CREATED = register("samverkan.programme.adoption.created", _("Case registered"))
ADOPTION_CHANGED = register("samverkan.programme.adoption.changed", _("Case details changed"))
STEP_RECORDED = register("samverkan.programme.adoption_step.recorded", _("Step recorded"))
STEP_CORRECTED = register("samverkan.programme.adoption_step.corrected", _("Step corrected"))
