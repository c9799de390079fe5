from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class SwedishFirstLocaleMiddleware(LocaleMiddleware):
    """Swedish first: the UI language is the one chosen with the language switch (its cookie),
    otherwise settings.LANGUAGE_CODE (sv). The browser's Accept-Language is not consulted, so an
    English-language browser still gets the Swedish site until its user switches."""

    def process_request(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()
