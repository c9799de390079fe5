"""Who may change budgets: the secretariat of the budget's cooperation. Reading is public.

Population figures are national data shared by every cooperation: any secretariat may enter them."""

import rules

from budget import models as m
from organisations.permissions import is_superuser, register_scoped_model, role_in_object_cooperation

for model in (m.Budget, m.BudgetLine, m.FeeShare, m.OutcomeEntry, m.BudgetRevision):
    register_scoped_model(model)

_any_secretariat = role_in_object_cooperation("secretariat")


@rules.predicate
def is_any_secretariat(user, obj=None):
    return _any_secretariat(user, None)


for action, pred in (
    ("view", rules.is_staff),
    ("add", is_superuser | is_any_secretariat),
    ("change", is_superuser | is_any_secretariat),
    ("delete", is_superuser),
):
    name = f"budget.{action}_populationfigure"
    if rules.perm_exists(name):
        rules.remove_perm(name)
    rules.add_perm(name, pred)
