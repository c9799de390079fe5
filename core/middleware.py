from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

#: The query parameter of the language switch (a plain link, `?lang=en`), see `language_url` in core's tags.
LANGUAGE_PARAM = "lang"


def language_of(request) -> str:
    """The UI language of `request`: its language cookie, otherwise settings.LANGUAGE_CODE (sv)."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class SwedishFirstLocaleMiddleware(LocaleMiddleware):
    """Swedish first: the UI language is the one chosen with the language switch (its cookie),
    otherwise settings.LANGUAGE_CODE (sv). The browser's Accept-Language is not consulted, so an
    English-language browser still gets the Swedish site until its user switches.

    The switch is a link to the same page with `?lang=<code>`: a GET sets the cookie and redirects to the page
    without the parameter. No form, so an anonymous page needs no CSRF cookie and stays cacheable."""

    def process_request(self, request):
        wanted = request.GET.get(LANGUAGE_PARAM) if request.method in ("GET", "HEAD") else None
        if wanted is not None:
            query = request.GET.copy()
            del query[LANGUAGE_PARAM]
            target = request.path + (f"?{query.urlencode()}" if query else "")
            if not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
                target = "/"  # e.g. //other.example/?lang=en: never a redirect off the site
            response = HttpResponseRedirect(target)
            if wanted in dict(settings.LANGUAGES):
                response.set_cookie(
                    settings.LANGUAGE_COOKIE_NAME,
                    wanted,
                    max_age=settings.LANGUAGE_COOKIE_AGE,
                    path=settings.LANGUAGE_COOKIE_PATH,
                    domain=settings.LANGUAGE_COOKIE_DOMAIN,
                    secure=settings.LANGUAGE_COOKIE_SECURE,
                    httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                    samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                )
            response["Cache-Control"] = "no-store"
            return response
        translation.activate(language_of(request))
        request.LANGUAGE_CODE = translation.get_language()
