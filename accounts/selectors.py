"""Reads of the sign-in app."""

from django.db.models import Prefetch, Q

from accounts.models import IdentityProvider, RoleMapping, SignInEvent
from organisations.models import CooperationMember, StaffRole


def sign_in_choices() -> list[IdentityProvider]:
    """The identity providers offered on the sign-in page, by municipality (one query)."""
    return list(
        IdentityProvider.objects.filter(social_app__provider__in=["openid_connect", "saml"])
        .select_related("municipality", "social_app")
        .order_by("municipality__name")
    )


def recent_sign_in_events(limit: int = 100):
    return SignInEvent.objects.select_related("user")[:limit]


def providers_of(cooperation) -> list[IdentityProvider]:
    """The identity providers of the cooperation's current member municipalities, each with the role
    mappings that grant in this cooperation (its own and those for every cooperation)."""
    members = CooperationMember.objects.current_on().filter(cooperation=cooperation).values("municipality")
    mappings = RoleMapping.objects.filter(Q(cooperation=cooperation) | Q(cooperation__isnull=True)).select_related(
        "body", "cooperation"
    )
    return list(
        IdentityProvider.objects.filter(municipality__in=members)
        .select_related("municipality", "social_app")
        .prefetch_related(Prefetch("role_mappings", queryset=mappings))
        .order_by("municipality__name")
    )


def sign_in_events_of(cooperation, providers, limit: int = 100):
    """Sign-ins through the members' providers and sign-ins of people with a role in the cooperation."""
    keys = [p.key for p in providers]
    staff = StaffRole.objects.filter(cooperation=cooperation).values("user")
    return SignInEvent.objects.filter(Q(provider__in=keys) | Q(user__in=staff)).select_related("user")[:limit]


def provider_role_changes_of(cooperation, limit: int = 100):
    """Roles granted and ended by identity providers in the cooperation (StaffRole's history), newest first."""
    return (
        StaffRole.history.filter(cooperation=cooperation)
        .exclude(granted_by="")
        .select_related("user", "body", "municipality")
        .order_by("-history_date", "-history_id")[:limit]
    )
