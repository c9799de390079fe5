from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News and publications")
    #: The app's section in the cooperation's main menu: (URL name, label, position); see core/context_processors.py.
    nav_section = ("news:index", _("News"), 60)

    def ready(self):
        from core import schedule
        from news import search, selectors, tasks
        from organisations import hooks as organisation_hooks

        organisation_hooks.latest_news.provide(selectors.latest_news)
        schedule.register(tasks.release_scheduled, every=tasks.RELEASE_CHECK)
        search.register_indexers()
