"""Audit action codes of sign-in (see core/audit.py); labels from this app's catalogue."""

from django.utils.translation import gettext_lazy as _

from core.audit import register

SIGNED_IN = register("samverkan.accounts.sign_in.succeeded", _("Signed in"))
SIGN_IN_FAILED = register("samverkan.accounts.sign_in.failed", _("Sign-in refused"))
PROVIDER_CREATED = register("samverkan.accounts.identity_provider.created", _("Identity provider added"))
MAPPING_CREATED = register("samverkan.accounts.role_mapping.created", _("Role mapping added"))
MAPPING_DELETED = register("samverkan.accounts.role_mapping.deleted", _("Role mapping removed"))
INVITATION_SENT = register("samverkan.accounts.invitation.sent", _("Invitation sent"))
INVITATION_ACCEPTED = register("samverkan.accounts.invitation.accepted", _("Invitation accepted"))
INVITATION_WITHDRAWN = register("samverkan.accounts.invitation.withdrawn", _("Invitation withdrawn"))
LOCAL_ACCOUNT_CREATED = register("samverkan.accounts.local_account.created", _("Local account created"))
