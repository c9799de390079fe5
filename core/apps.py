from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        # Each app declares its audit action codes in its own `audit.py` (see core/audit.py).
        autodiscover_modules("audit")
        from core import checks, freshness

        checks.register()
        freshness.connect()  # every write bumps the content version (page cache, documents)
