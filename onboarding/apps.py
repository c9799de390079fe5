from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    """The start page of the installation and the onboarding of a new cooperation: a system administrator
    creates it and names its secretariat; the secretariat picks its members from the national list, names its
    bodies, sets its meeting rules and chooses its Kolada group."""

    name = "onboarding"
    verbose_name = _("Onboarding")

    def ready(self):
        from core import worklist
        from onboarding.worklist import setup_items

        worklist.register(setup_items)
