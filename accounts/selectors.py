"""Reads of the sign-in app."""

from accounts.models import IdentityProvider, SignInEvent


def sign_in_choices() -> list[IdentityProvider]:
    """The identity providers offered on the sign-in page, by municipality (one query)."""
    return list(
        IdentityProvider.objects.filter(social_app__provider__in=["openid_connect", "saml"])
        .select_related("municipality", "social_app")
        .order_by("municipality__name")
    )


def recent_sign_in_events(limit: int = 100):
    return SignInEvent.objects.select_related("user")[:limit]
