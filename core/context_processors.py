from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

#: The apps' sections in the main menu, in order. An app whose index URL is not defined yet is left out.
APP_SECTIONS = [
    ("programme:index", _("Programme")),
    ("plans:index", _("Operating plan")),
    ("meetings:calendar", _("Calendar")),
    ("budget:index", _("Budget")),
    ("kpi:index", _("Key figures")),
]


def site(request):
    """The cooperation of the current URL (views set request.cooperation) and its menu."""
    cooperation = getattr(request, "cooperation", None)
    nav = []
    if cooperation is not None:
        for name, label in APP_SECTIONS:
            try:
                nav.append({"url": reverse(name, args=[cooperation.slug]), "label": label})
            except NoReverseMatch:
                continue
    return {"cooperation": cooperation, "cooperation_nav": nav, "PRODUCTION": settings.PRODUCTION}
