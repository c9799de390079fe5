"""Two-factor sign-in is required for the secretariat and system administrators (settings.REQUIRE_MFA), and a
sign-in through a municipality's identity provider lasts at most settings.PROVIDER_SESSION_MAX_AGE."""

import time

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from organisations.access import staff_roles
from organisations.models import StaffRole

#: Set in the session when the user signed in through a municipality's identity provider (whose own
#: sign-in policy, usually with two factors, applies): the provider's key.
PROVIDER_SESSION_KEY = "samverkan_signed_in_via_provider"
#: When (seconds since the epoch) the provider sign-in happened.
PROVIDER_SIGNED_IN_AT = "samverkan_provider_signed_in_at"
#: Pages reachable before two-factor sign-in is set up: setting it up, signing in and out, the password
#: confirmation allauth may ask for, static files and the language switch.
EXEMPT_PREFIXES = (
    "/konto/tvastegsverifiering/",
    "/konto/logga-in/",
    "/konto/logga-ut/",
    "/konto/bekrafta/",
    "/static/",
    "/i18n/",
    "/healthz",
    "/favicon.ico",
)
#: The kinds of authenticator that count as a second factor (recovery codes alone do not).
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def needs_mfa(user) -> bool:
    """Secretariat of any cooperation, or a system administrator (superuser)."""
    return user.is_superuser or any(r.role == StaffRole.Role.SECRETARIAT for r in staff_roles(user))


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).exists()


class RequireMFAMiddleware:
    """A local-account user who must have two-factor sign-in and has none is sent to set it up, before
    anything else."""

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
            and not has_second_factor(user)
        ):
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.get_full_path()}")
        return self.get_response(request)


class ProviderSessionAgeMiddleware:
    """A provider sign-in older than PROVIDER_SESSION_MAX_AGE is ended: the person signs in again through
    the provider, which asserts the groups anew (roles granted and ended at that sign-in)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and request.session.get(PROVIDER_SESSION_KEY):
            started = request.session.get(PROVIDER_SIGNED_IN_AT) or 0
            if time.time() - started > settings.PROVIDER_SESSION_MAX_AGE:
                logout(request)
                messages.info(
                    request, _("Your sign-in has expired. Please sign in again with your municipality account.")
                )
                return redirect(f"{reverse('login')}?next={request.get_full_path()}")
        return self.get_response(request)
