"""Two-factor sign-in is required for the secretariat and system administrators (settings.REQUIRE_MFA)."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from organisations.models import StaffRole

#: Set in the session when the user signed in through a municipality's identity provider (whose own
#: sign-in policy, usually with two factors, applies).
PROVIDER_SESSION_KEY = "samverkan_signed_in_via_provider"
#: Pages reachable before two-factor sign-in is set up: signing in and out, setting it up, static files.
EXEMPT_PREFIXES = ("/konto/", "/static/", "/i18n/", "/healthz")


def needs_mfa(user) -> bool:
    return user.is_superuser or StaffRole.objects.filter(user=user, role=StaffRole.Role.SECRETARIAT).exists()


class RequireMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.REQUIRE_MFA
            and user is not None
            and user.is_authenticated
            and not request.path.startswith(EXEMPT_PREFIXES)
            and not request.session.get(PROVIDER_SESSION_KEY)
            and needs_mfa(user)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.get_full_path()}")
        return self.get_response(request)
