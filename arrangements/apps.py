from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArrangementsConfig(AppConfig):
    name = "arrangements"
    verbose_name = _("Joint arrangements")
    nav_section = ("arrangements:overview", _("Joint arrangements"), 47)

    def ready(self):
        from arrangements import deadlines, selectors
        from arrangements.worklist import arrangement_deadlines
        from core import deadlines as core_deadlines
        from core import worklist
        from organisations import hooks as organisations_hooks
        from programme import targets
        from programme.models import AdoptionRound

        worklist.register(arrangement_deadlines)
        core_deadlines.register(deadlines.deadlines_between)
        organisations_hooks.municipality_arrangements.provide(selectors.municipality_participation)
        targets.register(
            AdoptionRound.Kind.AGREEMENT,
            targets.Target(round_url=selectors.agreement_round_url, record_url=selectors.agreement_record_url),
        )
