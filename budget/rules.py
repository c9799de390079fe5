"""Who may change budgets: the secretariat of the budget's cooperation. Reading is public.

Population figures live in organisations.Population (see organisations/rules.py)."""

from budget import models as m
from organisations.permissions import register_scoped_model

for model in (m.Budget, m.BudgetLine, m.FeeShare, m.OutcomeEntry, m.BudgetRevision):
    register_scoped_model(model)
