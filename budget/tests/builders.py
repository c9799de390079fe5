"""Builders for the budget tests: a budget with lines, population figures, outcome."""

import datetime as dt

from budget import services
from budget.models import Budget, BudgetLine
from core.services import SYSTEM
from organisations import services as organisation_services

SEED_2011 = [
    (BudgetLine.Kind.REVENUE, "Avgifter från kommunerna", 860_000, True),
    (BudgetLine.Kind.COST, "Personal", 580_000, False),
    (BudgetLine.Kind.COST, "Ersättning till Huddinge kommun för kontorsservice, arbetsrum mm", 50_000, False),
    (BudgetLine.Kind.COST, "Utredningar, konsultstöd mm", 230_000, False),
]


def build_populations(coop, year=2010, values=None, source="Testkälla"):
    date = dt.date(year, 12, 31)
    members = list(coop.current_members(dt.date(year + 1, 1, 1)))
    values = values or [10_000 * (i + 1) + i for i in range(len(members))]
    for muni, value in zip(members, values, strict=False):
        organisation_services.population_set(
            actor=SYSTEM, municipality=muni, reference_date=date, inhabitants=value, source=source
        )
    return date


def build_budget(coop, year=2011, lines=SEED_2011, *, allocate=False, **fields):
    fields.setdefault("population_date", dt.date(year - 1, 12, 31))
    fields.setdefault("status", Budget.Status.PROPOSED)  # public (core.publication): a draft is staff-only
    budget = services.budget_create(actor=SYSTEM, cooperation=coop, year=year, title=f"Budget {year}", **fields)
    for kind, label, amount, fees in lines:
        services.budget_line_create(
            actor=SYSTEM, budget=budget, kind=kind, label=label, amount=amount, is_member_fees=fees
        )
    if allocate:
        if budget.allocation_key != Budget.AllocationKey.EQUAL:
            build_populations(coop, year - 1)
        services.fees_allocate(actor=SYSTEM, budget=budget)
    return Budget.objects.get(pk=budget.pk)
