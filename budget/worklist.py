"""Worklist items of the budget app (core.worklist): budgets of this year and later proposed for approval,
for the secretariat (who records the approval) and the committee (who decides)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from budget.models import Budget
from core.worklist import Item
from organisations.access import staff_roles
from organisations.models import StaffRole


def budgets_to_approve(user) -> list[Item]:
    roles = (StaffRole.Role.SECRETARIAT, StaffRole.Role.COMMITTEE)
    coop_ids = {r.cooperation_id for r in staff_roles(user) if r.role in roles}
    if not coop_ids:
        return []
    budgets = (
        Budget.objects.filter(
            cooperation_id__in=coop_ids, status=Budget.Status.PROPOSED, year__gte=timezone.localdate().year
        )
        .select_related("cooperation")
        .order_by("year")
    )
    return [
        Item(
            title=_("Budget %(year)s awaits approval") % {"year": b.year},
            url=b.get_absolute_url(),
            kind="approval",
            cooperation=b.cooperation,
        )
        for b in budgets
    ]
