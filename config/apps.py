from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The top layer as an app: it composes the others (URLs, API, the Södertörn demo loader
    `manage.py load_sodertorn`)."""

    name = "config"
    verbose_name = _("Samverkan")
