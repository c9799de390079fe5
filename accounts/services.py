"""Writes of the sign-in app: sign-in events, the roles an identity provider grants, and invitations.

Sign-in acts for no signed-in user yet: the identity provider's verified answer is the authority, so
the role sync runs as `SYSTEM` and records the provider's key as the reason (StaffRole history).
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from accounts.models import IdentityProvider, Invitation, RoleMapping, SignInEvent
from core import audit as core_audit
from core.errors import DomainError
from core.services import SYSTEM, audited_delete, audited_save, require_permission
from organisations import services as org_services
from organisations.access import may_act_for
from organisations.models import CooperationMember, Membership, Municipality, StaffRole
from organisations.services import RoleKey, staff_roles_sync_granted_by


def sign_in_event_record(*, action: str, user=None, provider: str = "", detail: str = "") -> SignInEvent:
    if not core_audit.is_registered(action):
        raise ValueError(f"Unknown audit code {action!r}.")
    return SignInEvent.objects.create(
        action=action, user=user if getattr(user, "pk", None) else None, provider=provider[:100], detail=detail[:300]
    )


def roles_for_groups(*, provider: IdentityProvider, groups: set[str]) -> set[RoleKey]:
    """The roles `provider` grants for `groups`: each mapped role in every cooperation where the provider's
    municipality is a current member (a network lead or member only in the network's own cooperation)."""
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
        if mapping.role in StaffRole.NETWORK_ROLES:
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


# Invitations ---------------------------------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation whose link carries `token` (any state), or None."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("cooperation", "network", "municipality", "invited_by")
        .filter(token_hash=_token_hash(token))
        .first()
    )


def _invitation_mail(invitation: Invitation, link: str) -> None:
    context = {
        "cooperation": invitation.cooperation.name,
        "role": invitation.role_label,
        "link": link,
        "until": timezone.localtime(invitation.expires_at).strftime("%Y-%m-%d %H:%M"),
    }
    subject = _("Invitation to %(cooperation)s") % context
    body = "\n\n".join(
        [
            _("You are invited to the role %(role)s in %(cooperation)s.") % context,
            _("Accept the invitation here (sign in with your municipality account, or choose a password):")
            + "\n"
            + link,
            _("The link works once, until %(until)s. If you did not expect this invitation, ignore this message.")
            % context,
        ]
    )
    try:
        send_mail(subject, body, None, [invitation.email])
    except (OSError, smtplib.SMTPException):  # nothing is saved: the caller's transaction is rolled back
        raise DomainError(_("The invitation could not be sent by e-mail. Try again later.")) from None


@transaction.atomic
def invite(actor, *, cooperation, email, role, organisation=None, network=None, base_url: str = "") -> Invitation:
    """Invite the person at `email` to `role` (Invitation.Role: network member, network lead, registrar,
    secretariat) in `cooperation`; `organisation` is the member municipality a registrar acts for, `network`
    the network of a network member or lead. Only the cooperation's secretariat (or a system administrator)
    may. Sends the link by e-mail (to `base_url`, default settings.SITE_URL) and returns the invitation, with
    the link's secret in `invitation.token` and the whole link in `invitation.link` (not stored)."""
    email = (email or "").strip().lower()
    invitation = Invitation(cooperation=cooperation, email=email, role=role, network=network, invited_by=None)
    if organisation is not None:
        if not isinstance(organisation, Municipality):
            raise DomainError({"municipality": _("A registrar acts for a member municipality.")})
        invitation.municipality = organisation
    require_permission(actor, "add", invitation)
    invitation.invited_by = actor if getattr(actor, "is_authenticated", False) else None
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError({"email": _("Enter a valid e-mail address.")}) from None
    if role not in Invitation.Role.values:
        raise DomainError({"role": _("Choose one of the roles.")})
    if (
        invitation.municipality_id
        and not CooperationMember.objects.current_on()
        .filter(cooperation=cooperation, municipality=invitation.municipality_id)
        .exists()
    ):
        raise DomainError({"municipality": _("The municipality is not a member of this cooperation.")})
    pending = Invitation.objects.filter(
        cooperation=cooperation,
        email=email,
        role=role,
        network=network,
        municipality=invitation.municipality,
        accepted_at__isnull=True,
        withdrawn_at__isnull=True,
        expires_at__gt=timezone.now(),
    )
    if pending.exists():
        raise DomainError(_("This person already has a pending invitation to this role."))
    token = secrets.token_urlsafe(32)
    invitation.token_hash = _token_hash(token)
    invitation.expires_at = timezone.now() + datetime.timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
    audited_save(invitation, actor=actor, action=audit.INVITATION_SENT, reason=email)
    invitation.token = token
    invitation.link = f"{(base_url or settings.SITE_URL).rstrip('/')}{reverse('invitation', args=[token])}"
    _invitation_mail(invitation, invitation.link)
    return invitation


def invitation_refusal(invitation: Invitation | None) -> str:
    """Why the invitation cannot be accepted ("" when it can), in the user's language."""
    if invitation is None:
        return _("The invitation link is not valid. Check that you copied the whole link.")
    return {
        "accepted": _("The invitation has already been used. Sign in as usual."),
        "withdrawn": _("The invitation has been withdrawn. Contact the secretariat if you should have access."),
        "expired": _("The invitation has expired. Ask the secretariat for a new one."),
        "pending": "",
    }[invitation.status]


def _grant(invitation: Invitation, user) -> None:
    """The invited role for `user`, granted on behalf of the inviting secretariat (who must still be one).
    A network member is also registered as a person with a membership of the network."""
    actor = invitation.invited_by
    if actor is None or not may_act_for(actor, invitation.cooperation, StaffRole.Role.SECRETARIAT):
        raise DomainError(
            _(
                "The invitation is no longer valid: the person who sent it can no longer grant roles. "
                "Ask the secretariat for a new one."
            )
        )
    coop = invitation.cooperation
    if invitation.role == Invitation.Role.NETWORK_MEMBER:
        person = getattr(user, "person", None)
        if person is None:
            name = user.get_full_name() or user.email or user.get_username()
            person = org_services.person_create(
                actor=actor, cooperation=coop, name=name, email=user.email or "", user=user
            )
        elif person.cooperation_id != coop.pk:
            raise DomainError(_("Your account is already registered as a person in another cooperation."))
        if not Membership.objects.current_on().filter(person=person, body=invitation.network).exists():
            org_services.membership_create(
                actor=actor,
                person=person,
                body=invitation.network,
                role=Membership.Role.MEMBER,
                start=timezone.localdate(),
            )
        # ... and the role, which lets them read what the cooperation's staff read (they change nothing).
    held = StaffRole.objects.filter(
        user=user, cooperation=coop, role=invitation.role, municipality=invitation.municipality, body=invitation.network
    )
    if not held.exists():
        org_services.staff_role_grant(
            actor=actor,
            user=user,
            cooperation=coop,
            role=invitation.role,
            municipality=invitation.municipality,
            body=invitation.network,
        )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Invitation:
    """`user` accepts: the role is granted now, and the invitation is used up."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("cooperation", "network", "municipality", "invited_by")
        .get(pk=invitation.pk)
    )
    if refusal := invitation_refusal(invitation):
        raise DomainError(refusal)
    if user is None or not user.is_authenticated or not user.is_active:
        raise DomainError(_("Sign in or choose a password to accept the invitation."))
    _grant(invitation, user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    return audited_save(invitation, actor=user, action=audit.INVITATION_ACCEPTED, reason=user.get_username())


@transaction.atomic
def invitation_accept_with_password(*, invitation: Invitation, first_name: str, last_name: str, password: str):
    """A new local account for the invited address (username = the e-mail address), which accepts at once."""
    if refusal := invitation_refusal(invitation):
        raise DomainError(refusal)
    User = get_user_model()
    if User.objects.filter(username__iexact=invitation.email).exists():
        raise DomainError(_("An account with this e-mail address already exists. Sign in with it to accept."))
    user = User(
        username=invitation.email,
        email=invitation.email,
        first_name=first_name.strip()[:150],
        last_name=last_name.strip()[:150],
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError({"password1": exc.messages}) from None
    user.set_password(password)
    user.save()
    sign_in_event_record(action=audit.LOCAL_ACCOUNT_CREATED, user=user, detail=invitation.email)
    invitation_accept(invitation=invitation, user=user)
    return user


@transaction.atomic
def invitation_withdraw(*, actor, invitation: Invitation) -> Invitation:
    require_permission(actor, "change", invitation)
    if invitation.status != "pending":
        raise DomainError(_("Only a pending invitation can be withdrawn."))
    invitation.withdrawn_at = timezone.now()
    return audited_save(invitation, actor=actor, action=audit.INVITATION_WITHDRAWN)
