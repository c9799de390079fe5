"""Södertörn demo data for the budget app; called by `manage.py load_sodertorn`. Idempotent.

- Population on 31 December 2000–2014 for the eight members: the one population store
  (organisations.Population), filled once by organisations.demo.load_population.
- Budget 2011 exactly as seed 001 gives it, fees split per inhabitant on 31 December 2010.
- Budget 2014 with the categories of seed 000, whose amounts the seed does not give: left unset.
"""

import datetime as dt

from budget import services
from budget.models import Budget, BudgetLine
from core.services import SYSTEM
from organisations import demo as organisation_demo
from organisations.models import Body

SEED_2011 = "Verksamhetsplan 2011, Budget 2011 (Södertörnskommunernas samarbetskommitté), avsnitt 8"
SEED_2014 = "Verksamhetsplan 2014, Budget 2014, godkänd av Södertörnskommunernas samarbetskommitté, avsnitt 8"
NOTE_2014 = (
    "Förlagan (verksamhetsplan 2014) anger budgetens poster men inte beloppen. Beloppen är därför inte "
    "ifyllda här, och avgifterna kan inte fördelas förrän de är kända."
)

REVENUE = [("Avgifter från kommunerna", True)]
COSTS = [
    "Personal",
    "Ersättning till Huddinge kommun för kontorsservice, arbetsrum mm",
    "Utredningar, konsultstöd mm",
]
AMOUNTS_2011 = {
    "Avgifter från kommunerna": 860_000,
    "Personal": 580_000,
    "Ersättning till Huddinge kommun för kontorsservice, arbetsrum mm": 50_000,
    "Utredningar, konsultstöd mm": 230_000,
}


def _budget(cooperation, year, amounts, **fields):
    budget = Budget.objects.filter(cooperation=cooperation, year=year).first()
    if budget is not None:
        return budget, False
    budget = services.budget_create(actor=SYSTEM, cooperation=cooperation, year=year, **fields)
    for label, is_fees in REVENUE:
        services.budget_line_create(actor=SYSTEM, budget=budget, kind=BudgetLine.Kind.REVENUE, label=label,
                                    amount=amounts.get(label), is_member_fees=is_fees)
    for label in COSTS:
        services.budget_line_create(actor=SYSTEM, budget=budget, kind=BudgetLine.Kind.COST, label=label,
                                    amount=amounts.get(label))
    return budget, True


def load(cooperation, *, log=print):
    """Build this app's part of the demo; must be idempotent."""
    organisation_demo.load_population(cooperation, log=log)
    committee = Body.objects.filter(cooperation=cooperation, kind=Body.Kind.COMMITTEE).first()

    b2011, created = _budget(
        cooperation, 2011, AMOUNTS_2011, title="Budget 2011", status=Budget.Status.PROPOSED, source=SEED_2011,
        allocation_key=Budget.AllocationKey.PER_INHABITANT, population_date=dt.date(2010, 12, 31),
    )
    if created:
        services.fees_allocate(actor=SYSTEM, budget=b2011)
        log("  budget 2011 med avgiftsfördelning")

    b2014, created = _budget(
        cooperation, 2014, {}, title="Budget 2014", status=Budget.Status.DRAFT, source=SEED_2014, note=NOTE_2014,
        allocation_key=Budget.AllocationKey.PER_INHABITANT, population_date=dt.date(2013, 12, 31),
    )
    if created:
        services.budget_approve(actor=SYSTEM, budget=b2014, approved_by=committee)
        log("  budget 2014 (belopp saknas i förlagan)")
