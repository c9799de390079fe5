from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("Development programme")
    #: The app's section in the cooperation's main menu: (URL name, label, position); see core/context_processors.py.
    nav_section = ("programme:index", _("Programme"), 10)

    def ready(self):
        from core import worklist
        from organisations import hooks as organisations_hooks
        from programme import search, selectors
        from programme.worklist import adoptions_awaiting_decision

        organisations_hooks.principles.provide(selectors.principles_for)
        worklist.register(adoptions_awaiting_decision)
        search.register_indexers()
