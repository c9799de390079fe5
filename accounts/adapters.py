"""django-allauth adapters: roles from the identity provider at every sign-in, audited sign-ins, SAML
providers held to signed assertions, and Swedish messages when a provider's answer is refused (bad
signature, tampered, unsigned, wrong audience, expired)."""

from __future__ import annotations

import jwt  # PyJWT, installed with allauth's socialaccount extra
from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.utils.translation import gettext as _

from accounts import audit, services
from accounts.middleware import PROVIDER_SESSION_KEY
from accounts.models import IdentityProvider


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """No self-service local accounts: local accounts are made by the secretariat."""
        return False

    def post_login(self, request, user, *, signal_kwargs=None, **kwargs):
        sociallogin = (signal_kwargs or {}).get("sociallogin")
        if sociallogin is not None:
            app = sociallogin.account.get_provider().app
            provider = IdentityProvider.objects.filter(social_app=app).select_related("municipality").first()
            granted, revoked = [], []
            if provider is not None:
                granted, revoked = services.provider_roles_apply(
                    user=user, provider=provider, extra_data=sociallogin.account.extra_data
                )
            request.session[PROVIDER_SESSION_KEY] = app.provider_id
            services.sign_in_event_record(
                action=audit.SIGNED_IN,
                user=user,
                provider=app.provider_id,
                detail=_("roles granted: %(granted)d, ended: %(revoked)d")
                % {"granted": len(granted), "revoked": len(revoked)},
            )
        return super().post_login(request, user, signal_kwargs=signal_kwargs, **kwargs)


#: What every SAML provider must satisfy, whatever its settings say (python3-saml's names, allauth's keys).
SAML_REQUIRED = {
    "strict": True,  # destination, audience, recipient and validity times are checked
    "want_assertion_signed": True,  # an unsigned assertion is refused
    "reject_idp_initiated_sso": True,  # only answers to a sign-in this site asked for
    "reject_deprecated_algorithm": True,  # no SHA-1 signatures
}


def hardened(app):
    """A SAML app with SAML_REQUIRED forced into its (in-memory) settings; other apps unchanged."""
    if app.provider == "saml":
        app.settings = {**app.settings, "advanced": {**app.settings.get("advanced", {}), **SAML_REQUIRED}}
    return app


def saml_refusal_message(reason: str) -> str | None:
    """python3-saml's reason for refusing a response, as a Swedish message (None: not a known kind)."""
    reason = reason.lower()
    if "not signed" in reason or "no signature" in reason:
        return _("The sign-in from your municipality was not signed and was refused.")
    if "signature" in reason or "digest" in reason or "reference validation" in reason:
        return _("The sign-in from your municipality could not be verified (invalid signature) and was refused.")
    if "expired" in reason or "notonorafter" in reason or "subjectconfirmation" in reason:
        return _("The sign-in from your municipality has expired. Please sign in again.")
    if "audience" in reason or "destination" in reason or "recipient" in reason:
        return _("The sign-in from your municipality was issued for another service and was refused.")
    return None


def refusal_message(exception, saml_reason: str = "") -> str:
    """A clear Swedish message for why the provider's answer was refused."""
    if saml_reason and (message := saml_refusal_message(saml_reason)):
        return message
    cause = getattr(exception, "__cause__", None)
    if isinstance(cause, jwt.ExpiredSignatureError):
        return _("The sign-in from your municipality has expired. Please sign in again.")
    if isinstance(cause, jwt.InvalidAudienceError):
        return _("The sign-in from your municipality was issued for another service and was refused.")
    if isinstance(cause, (jwt.InvalidSignatureError, jwt.DecodeError)):
        return _("The sign-in from your municipality could not be verified (invalid signature) and was refused.")
    return _("The sign-in through your municipality's account failed. Please try again or contact the secretariat.")


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        """A person signing in through their municipality's provider gets an account on first sign-in."""
        return True

    def list_apps(self, request, provider=None, client_id=None):
        return [hardened(app) for app in super().list_apps(request, provider=provider, client_id=client_id)]

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):
        saml_reason = (extra_context or {}).get("saml_last_error_reason") or ""
        message = refusal_message(exception, saml_reason)
        if extra_context is not None:
            extra_context["refusal_message"] = message
        detail = f"{error}: {exception}" if exception else str(error or "")
        services.sign_in_event_record(
            action=audit.SIGN_IN_FAILED,
            provider=getattr(getattr(provider, "app", None), "provider_id", "") or "",
            detail=f"{detail}: {saml_reason}" if saml_reason else detail,
        )
