"""Audit action codes of the arrangements app (see core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from core.audit import register

ARRANGEMENT_SAVED = register("samverkan.arrangements.arrangement.saved", _("Joint arrangement saved"))
PARTICIPATION_SET = register("samverkan.arrangements.participation.set", _("Participation set"))
PARTICIPATION_REMOVED = register("samverkan.arrangements.participation.removed", _("Participation removed"))
VERSION_ADDED = register("samverkan.arrangements.agreement_version.added", _("Agreement version added"))
VERSION_SENT = register("samverkan.arrangements.agreement_version.sent", _("Agreement version sent out for adoption"))
DIALOGUE_SAVED = register("samverkan.arrangements.owner_dialogue.saved", _("Owner dialogue saved"))
DECISION_SAVED = register("samverkan.arrangements.owner_decision.saved", _("Owner's decision recorded"))
MINUTES_ADDED = register("samverkan.arrangements.committee_minutes.added", _("Joint committee minutes added"))
