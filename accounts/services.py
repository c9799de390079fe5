"""Writes of the sign-in app: sign-in events, and the roles an identity provider grants.

Sign-in acts for no signed-in user yet: the identity provider's verified answer is the authority, so
the role sync runs as `SYSTEM` and records the provider's key as the reason (StaffRole history).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts import audit
from accounts.models import IdentityProvider, RoleMapping, SignInEvent
from core import audit as core_audit
from core.errors import DomainError
from core.services import SYSTEM, audited_delete, audited_save, require_permission
from organisations.models import CooperationMember, StaffRole
from organisations.services import RoleKey, staff_roles_sync_granted_by


def sign_in_event_record(*, action: str, user=None, provider: str = "", detail: str = "") -> SignInEvent:
    if not core_audit.is_registered(action):
        raise ValueError(f"Unknown audit code {action!r}.")
    return SignInEvent.objects.create(
        action=action, user=user if getattr(user, "pk", None) else None, provider=provider[:100], detail=detail[:300]
    )


def roles_for_groups(*, provider: IdentityProvider, groups: set[str]) -> set[RoleKey]:
    """The roles `provider` grants for `groups`: each mapped role in every cooperation where the provider's
    municipality is a current member (a network lead only in the network's own cooperation)."""
    cooperation_ids = set(
        CooperationMember.objects.current_on()
        .filter(municipality=provider.municipality)
        .values_list("cooperation_id", flat=True)
    )
    wanted: set[RoleKey] = set()
    for mapping in provider.role_mappings.select_related("body"):
        if mapping.group not in groups:
            continue
        # A mapping made for one cooperation grants only there (and only while the municipality is a member).
        in_scope = {mapping.cooperation_id} & cooperation_ids if mapping.cooperation_id else cooperation_ids
        if mapping.role == StaffRole.Role.NETWORK_LEAD:
            if mapping.body and mapping.body.cooperation_id in in_scope:
                wanted.add((mapping.body.cooperation_id, mapping.role, None, mapping.body_id))
            continue
        municipality_id = provider.municipality_id if mapping.role == StaffRole.Role.REGISTRAR else None
        wanted |= {(cooperation_id, mapping.role, municipality_id, None) for cooperation_id in in_scope}
    return wanted


def _values(value) -> set[str]:
    return {str(value)} if isinstance(value, str) else {str(v) for v in value or []}


def groups_from_claims(*, provider: IdentityProvider, extra_data: dict) -> set[str]:
    """The groups the provider asserts: OpenID Connect from the ID token or (if absent there) the user
    info; SAML from the assertion's attribute named `groups_claim` (allauth keeps the attributes as they
    came: {name: [values]})."""
    if provider.is_saml:
        return _values(extra_data.get(provider.groups_claim))
    for source in ("id_token", "userinfo"):
        claims = extra_data.get(source) or {}
        if provider.groups_claim in claims:
            return _values(claims[provider.groups_claim])
    return set()


@transaction.atomic
def provider_roles_apply(*, user, provider: IdentityProvider, extra_data: dict):
    """At each sign-in through `provider`: grant the mapped roles it asserts, end those it no longer does."""
    groups = groups_from_claims(provider=provider, extra_data=extra_data)
    wanted = roles_for_groups(provider=provider, groups=groups)
    return staff_roles_sync_granted_by(actor=SYSTEM, user=user, granted_by=provider.key, wanted=wanted)


@transaction.atomic
def role_mapping_create(
    *, actor, provider: IdentityProvider, group: str, role: str, body=None, cooperation=None
) -> RoleMapping:
    """A mapping of `provider`'s `group` to `role` in `cooperation` (the secretariat's own; None: every
    cooperation of the municipality, which only a system administrator may make)."""
    mapping = RoleMapping(provider=provider, cooperation=cooperation, group=group.strip(), role=role, body=body)
    require_permission(actor, "add", mapping)
    if (
        cooperation is not None
        and not CooperationMember.objects.current_on()
        .filter(cooperation=cooperation, municipality=provider.municipality_id)
        .exists()
    ):
        raise DomainError(_("The provider's municipality is not a member of this cooperation."))
    if not mapping.group:
        raise DomainError({"group": _("Enter the group the provider asserts.")})
    if RoleMapping.objects.filter(
        provider=provider, cooperation=cooperation, group=mapping.group, role=role, body=body
    ).exists():
        raise DomainError(_("This group already grants this role."))
    return audited_save(mapping, actor=actor, action=audit.MAPPING_CREATED)


@transaction.atomic
def role_mapping_delete(*, actor, mapping: RoleMapping) -> None:
    require_permission(actor, "delete", mapping)
    audited_delete(mapping, actor=actor, action=audit.MAPPING_DELETED)
