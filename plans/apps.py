from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Operating plans and follow-up")
    #: The app's section in the cooperation's main menu: (URL name, label, position); see core/context_processors.py.
    nav_section = ("plans:index", _("Operating plan"), 20)

    def ready(self):
        from core import released, schedule, worklist
        from plans import search, selectors, tasks
        from plans.worklist import drafts_to_decide, followup_items, plans_to_approve
        from programme import hooks as programme_hooks

        programme_hooks.goal_rollup.provide(selectors.goal_rollup)
        released.register(selectors.released_plans)
        worklist.register(followup_items)
        worklist.register(plans_to_approve)
        worklist.register(drafts_to_decide)
        schedule.register(tasks.send_followup_reminders, every=tasks.REMINDER_CHECK)
        search.register_indexers()
