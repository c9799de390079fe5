from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings and calendar")
    #: The app's section in the cooperation's main menu: (URL name, label, position); see core/context_processors.py.
    nav_section = ("meetings:calendar", _("Calendar"), 30)

    def ready(self):
        from meetings import search

        search.register_indexers()
