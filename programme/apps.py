from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("Development programme")
    #: The app's section in the cooperation's main menu: (URL name, label, position); see core/context_processors.py.
    nav_section = ("programme:index", _("Programme"), 10)

    def ready(self):
        from core import released, schedule, worklist
        from organisations import hooks as organisations_hooks
        from programme import search, selectors, tasks
        from programme.worklist import adoptions_awaiting_decision, programmes_past_term

        organisations_hooks.principles.provide(selectors.principles_for)
        worklist.register(adoptions_awaiting_decision)
        released.register(selectors.released_programmes)
        worklist.register(programmes_past_term)
        schedule.register(tasks.send_adoption_reminders, every=tasks.REMINDER_CHECK)
        search.register_indexers()
