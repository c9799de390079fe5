"""Södertörn demo data for the budget app; called by `manage.py load_sodertorn`. Idempotent.

- Population on 31 December 2000–2014 for the eight members: the one population store
  (organisations.Population), filled once by organisations.demo.load_population.
- Budget 2011 exactly as seed 001 gives it: the fees as a total (860 000 kr). The seed gives no split:
  the split per inhabitant on 31 December 2010 is only an example (`allocation_key_is_example`),
  which staff may apply; nothing is allocated by the demo.
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
        services.budget_line_create(
            actor=SYSTEM,
            budget=budget,
            kind=BudgetLine.Kind.REVENUE,
            label=label,
            amount=amounts.get(label),
            is_member_fees=is_fees,
        )
    for label in COSTS:
        services.budget_line_create(
            actor=SYSTEM, budget=budget, kind=BudgetLine.Kind.COST, label=label, amount=amounts.get(label)
        )
    return budget, True


def load(cooperation, *, log=print):
    """Build this app's part of the demo; must be idempotent."""
    organisation_demo.load_population(cooperation, log=log)
    committee = Body.objects.filter(cooperation=cooperation, kind=Body.Kind.COMMITTEE).first()

    b2011, _created = _budget(
        cooperation,
        2011,
        AMOUNTS_2011,
        title="Budget 2011",
        status=Budget.Status.PROPOSED,
        source=SEED_2011,
        allocation_key=Budget.AllocationKey.PER_INHABITANT,
        population_date=dt.date(2010, 12, 31),
        allocation_key_is_example=True,
    )
    if b2011.fee_shares.exists() and not b2011.allocation_key_is_example:
        # An earlier demo allocated the fees as if the seed said so: back to the total only.
        b2011.fee_shares.all().delete()
        Budget.objects.filter(pk=b2011.pk).update(allocation_key_is_example=True)
    log("  budget 2011 (avgifterna som summa; fördelning per invånare bara som exempel)")

    b2014, created = _budget(
        cooperation,
        2014,
        {},
        title="Budget 2014",
        status=Budget.Status.DRAFT,
        source=SEED_2014,
        note=NOTE_2014,
        allocation_key=Budget.AllocationKey.PER_INHABITANT,
        population_date=dt.date(2013, 12, 31),
        allocation_key_is_example=True,
    )
    if created:
        # Seed 003's snippet of VP 2014: "Godkänd av SSK 2014-01-31".
        services.budget_approve(actor=SYSTEM, budget=b2014, approved_by=committee, approved_on=dt.date(2014, 1, 31))
        log("  budget 2014 (belopp saknas i förlagan)")
