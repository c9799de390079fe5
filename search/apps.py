from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    #: The decision register in the cooperation's main menu (the search box is in the page header).
    nav_section = ("search:decisions", _("Decisions"), 45)

    def ready(self):
        from search import registry, signals

        registry.objects_saved.provide(signals.objects_saved)
        registry.object_deleted.provide(signals.object_deleted)
