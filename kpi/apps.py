from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpiConfig(AppConfig):
    name = "kpi"
    verbose_name = _("Key figures")
    #: The app's section in the cooperation's main menu: (URL name, label, position); see core/context_processors.py.
    nav_section = ("kpi:index", _("Key figures"), 50)

    def ready(self):
        from core import worklist
        from kpi.worklist import imports_running_or_failed

        worklist.register(imports_running_or_failed)

        from core import docstore
        from kpi.reports import render_report

        docstore.register("kpi.report", render_report)

        from core import released
        from kpi.selectors import released_reports

        released.register(released_reports)
