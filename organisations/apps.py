from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Organisation register")

    def ready(self):
        from organisations import checks, signals  # noqa: F401 - connects the receivers

        checks.register()
