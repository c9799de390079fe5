from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "budget"
    verbose_name = _("Budget and fees")
    #: The app's section in the cooperation's main menu: (URL name, label, position); see core/context_processors.py.
    nav_section = ("budget:index", _("Budget"), 40)

    def ready(self):
        from budget.worklist import budgets_to_approve
        from core import worklist

        worklist.register(budgets_to_approve)
