"""Identity providers of the member municipalities and how their groups map to roles.

A provider is an allauth `SocialApp`: provider "openid_connect" (its client id, secret and server URL) or
"saml" (the IdP's entity id, sign-in URL and signing certificate); `IdentityProvider` ties it to the
municipality whose staff sign in through it. `RoleMapping` says which group (a value of the provider's
groups claim or SAML attribute) grants which role in the
cooperations where that municipality is a member. `SignInEvent` is the audit log of sign-ins.
"""

from urllib.parse import urlsplit

from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import audit
from organisations.models import Body, Cooperation, Municipality, StaffRole


class IdentityProvider(models.Model):
    social_app = models.OneToOneField(
        SocialApp,
        verbose_name=_("application (OpenID Connect or SAML)"),
        on_delete=models.CASCADE,
        related_name="identity_provider",
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="identity_providers"
    )
    groups_claim = models.CharField(
        _("groups claim"),
        max_length=200,
        default="groups",
        help_text=_(
            "The claim in the ID token or user info (OpenID Connect), or the name of the attribute (SAML), "
            "that lists the user's groups."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")
        ordering = ["municipality__name"]

    def __str__(self):
        return f"{self.municipality} ({self.social_app.provider_id})"

    @property
    def key(self) -> str:
        """What StaffRole.granted_by records for roles this provider grants."""
        return self.social_app.provider_id

    @property
    def is_saml(self) -> bool:
        return self.social_app.provider == "saml"

    @property
    def kind(self) -> str:
        return "SAML 2.0" if self.is_saml else "OpenID Connect"

    @property
    def login_url(self) -> str:
        """Where the sign-in page's button for this provider posts (allauth's login view of its kind)."""
        if self.is_saml:
            return reverse("saml_login", kwargs={"organization_slug": self.social_app.client_id})
        return reverse("openid_connect_login", args=[self.social_app.provider_id])

    @property
    def sign_in_origin(self) -> str | None:
        """The origin the sign-in is sent to (the OIDC issuer's host, as with Entra ID; the SAML sign-in URL's)."""
        settings_ = self.social_app.settings or {}
        url = (settings_.get("idp") or {}).get("sso_url", "") if self.is_saml else settings_.get("server_url", "")
        parts = urlsplit(url or "")
        return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else None


class RoleMapping(models.Model):
    #: The roles a provider may grant (the committee and management groups are appointed, not synced).
    ROLES = [
        (StaffRole.Role.SECRETARIAT, StaffRole.Role.SECRETARIAT.label),
        (StaffRole.Role.NETWORK_LEAD, StaffRole.Role.NETWORK_LEAD.label),
        (StaffRole.Role.NETWORK_MEMBER, StaffRole.Role.NETWORK_MEMBER.label),
        (StaffRole.Role.REGISTRAR, StaffRole.Role.REGISTRAR.label),
        (StaffRole.Role.COMMITTEE, StaffRole.Role.COMMITTEE.label),
    ]

    provider = models.ForeignKey(
        IdentityProvider, verbose_name=_("identity provider"), on_delete=models.CASCADE, related_name="role_mappings"
    )
    cooperation = models.ForeignKey(
        Cooperation,
        verbose_name=_("cooperation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_mappings",
        help_text=_(
            "The cooperation the role is granted in (empty: every cooperation the municipality is a member "
            "of; set by a system administrator)."
        ),
    )
    group = models.CharField(_("group"), max_length=200, help_text=_("A value of the provider's groups claim."))
    role = models.CharField(_("role"), max_length=30, choices=ROLES)
    body = models.ForeignKey(
        Body,
        verbose_name=_("network (network lead or member)"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    history = HistoricalRecords()

    #: The secretariat of this cooperation edits the mapping (core.access / organisations.access).
    cooperation_path = "cooperation"

    class Meta:
        verbose_name = _("role mapping")
        verbose_name_plural = _("role mappings")
        ordering = ["provider", "group", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "cooperation", "group", "role", "body"],
                name="unique_role_mapping",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return f"{self.group} → {self.get_role_display()}"

    def clean(self):
        if self.role == StaffRole.Role.NETWORK_LEAD and not self.body_id:
            raise ValidationError({"body": _("A network lead must be tied to a network.")})
        if self.role == StaffRole.Role.NETWORK_MEMBER and not self.body_id:
            raise ValidationError({"body": _("A network member must be tied to a network.")})
        if self.role not in StaffRole.NETWORK_ROLES and self.body_id:
            raise ValidationError({"body": _("Only a network member or network lead is tied to a network.")})
        if self.body_id and self.cooperation_id and self.body.cooperation_id != self.cooperation_id:
            raise ValidationError({"body": _("The network belongs to another cooperation.")})


class SignInEvent(models.Model):
    """One sign-in or refused sign-in: the audit log of sign-in (visible in the admin)."""

    at = models.DateTimeField(_("time"), auto_now_add=True)
    action = models.CharField(_("event"), max_length=100)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.SET_NULL, null=True, blank=True
    )
    provider = models.CharField(_("identity provider"), max_length=100, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("sign-in event")
        verbose_name_plural = _("sign-in events")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.label} {self.user or ''}"

    @property
    def label(self) -> str:
        return audit.label(self.action)


class Invitation(models.Model):
    """An invitation by e-mail to a role in a cooperation, made by its secretariat (accounts.services.invite).

    The role is granted only when the person accepts through the link (signed in with their municipality's
    provider or an existing account, or with a new local password); the link works once, until `expires_at`,
    and not after it was withdrawn. Only a hash of the link's secret is stored."""

    class Role(models.TextChoices):
        NETWORK_MEMBER = StaffRole.Role.NETWORK_MEMBER.value, StaffRole.Role.NETWORK_MEMBER.label
        NETWORK_LEAD = StaffRole.Role.NETWORK_LEAD.value, StaffRole.Role.NETWORK_LEAD.label
        REGISTRAR = StaffRole.Role.REGISTRAR.value, StaffRole.Role.REGISTRAR.label
        SECRETARIAT = StaffRole.Role.SECRETARIAT.value, StaffRole.Role.SECRETARIAT.label

    #: The roles that are tied to a network, and to a member municipality.
    NETWORK_ROLES = (Role.NETWORK_MEMBER, Role.NETWORK_LEAD)
    MUNICIPALITY_ROLES = (Role.REGISTRAR,)

    cooperation = models.ForeignKey(
        Cooperation, verbose_name=_("cooperation"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality (registrar)"), on_delete=models.CASCADE, null=True, blank=True
    )
    network = models.ForeignKey(
        Body, verbose_name=_("network"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["token_hash"])
    cooperation_path = "cooperation"

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.email} – {self.get_role_display()} – {self.cooperation}"

    def clean(self):
        if self.role in self.NETWORK_ROLES:
            if not self.network_id:
                raise ValidationError({"network": _("Choose the network for this role.")})
            if self.network.cooperation_id != self.cooperation_id or self.network.kind != Body.Kind.NETWORK:
                raise ValidationError({"network": _("The network belongs to another cooperation.")})
        elif self.network_id:
            raise ValidationError({"network": _("Only a network member or network lead is tied to a network.")})
        if self.role in self.MUNICIPALITY_ROLES:
            if not self.municipality_id:
                raise ValidationError({"municipality": _("A registrar must be tied to a municipality.")})
        elif self.municipality_id:
            raise ValidationError({"municipality": _("Only a registrar is tied to a municipality.")})

    @property
    def status(self) -> str:
        """ "accepted", "withdrawn", "expired" or "pending"."""
        if self.accepted_at:
            return "accepted"
        if self.withdrawn_at:
            return "withdrawn"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"

    @property
    def status_label(self) -> str:
        return {
            "accepted": _("accepted"),
            "withdrawn": _("withdrawn"),
            "expired": _("expired"),
            "pending": _("pending"),
        }[self.status]

    @property
    def role_label(self) -> str:
        place = self.network or self.municipality
        return f"{self.get_role_display()} ({place.name})" if place else self.get_role_display()
