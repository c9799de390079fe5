from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Organisation register")

    def ready(self):
        from organisations import checks, signals  # noqa: F401 - connects the receivers

        checks.register()

        from core import publication
        from organisations.access import staff_cooperation_ids

        publication.staff_cooperations.provide(staff_cooperation_ids)
