"""Audit action codes of the budget app (see core/audit.py); labels from this app's catalogue."""

from django.utils.translation import gettext_lazy as _

from core.audit import register

BUDGET_CREATED = register("samverkan.budget.budget.created", _("Budget created"))
BUDGET_APPROVED = register("samverkan.budget.budget.approved", _("Budget approved"))
BUDGET_REVISED = register("samverkan.budget.budget.revised", _("Budget revised"))
LINE_CREATED = register("samverkan.budget.budget_line.created", _("Budget line created"))
LINE_CHANGED = register("samverkan.budget.budget_line.changed", _("Budget line changed"))
LINE_DELETED = register("samverkan.budget.budget_line.deleted", _("Budget line deleted"))
FEES_ALLOCATED = register("samverkan.budget.fee_share.allocated", _("Fees allocated"))
OUTCOME_SET = register("samverkan.budget.outcome.set", _("Outcome recorded"))
OUTCOME_DELETED = register("samverkan.budget.outcome.deleted", _("Outcome removed"))
SETTINGS_CHANGED = register("samverkan.budget.budget.settings_changed", _("Fee split settings changed"))
