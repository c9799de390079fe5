from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Organisation register")

    def ready(self):
        from organisations import checks, signals  # noqa: F401 - connects the receivers

        checks.register()

        from core import freshness, publication
        from organisations.access import staff_cooperation_ids
        from organisations.models import Cooperation

        publication.staff_cooperations.provide(staff_cooperation_ids)
        freshness.cooperation_id_for_slug.provide(
            lambda slug: Cooperation.objects.filter(slug=slug).values_list("pk", flat=True).first())
