from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, reverse


def app_sections() -> list[tuple[str, str]]:
    """(URL name, label) of the apps' sections in the main menu, in order. Each app names its section in
    its AppConfig: `nav_section = ("programme:index", _("Programme"), 10)`, so core knows no app."""
    sections = [config.nav_section for config in apps.get_app_configs() if getattr(config, "nav_section", None)]
    return [(name, label) for name, label, _order in sorted(sections, key=lambda section: section[2])]


def site(request):
    """The cooperation of the current URL (views set request.cooperation) and its menu.
    An app whose index URL is not defined is left out."""
    cooperation = getattr(request, "cooperation", None)
    nav = []
    if cooperation is not None:
        for name, label in app_sections():
            try:
                nav.append({"url": reverse(name, args=[cooperation.slug]), "label": label})
            except NoReverseMatch:
                continue
    return {"cooperation": cooperation, "cooperation_nav": nav, "PRODUCTION": settings.PRODUCTION}
