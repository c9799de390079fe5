from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import IdentityProvider, Invitation, RoleMapping, SignInEvent
from organisations.admin import CooperationScopedAdmin, ScopedTabularInline


class RoleMappingInline(ScopedTabularInline):
    model = RoleMapping
    extra = 1


@admin.register(IdentityProvider)
class IdentityProviderAdmin(SimpleHistoryAdmin):
    list_display = ["municipality", "social_app", "groups_claim"]
    inlines = [RoleMappingInline]


@admin.register(SignInEvent)
class SignInEventAdmin(admin.ModelAdmin):
    list_display = ["at", "label", "user", "provider", "detail"]
    list_filter = ["action", "provider"]
    readonly_fields = ["at", "action", "user", "provider", "detail"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(CooperationScopedAdmin):
    """Read only: invitations are sent (with their e-mail) on the secretariat's page /<slug>/inbjudningar/."""

    list_display = ["email", "cooperation", "role", "created_at", "expires_at", "accepted_at", "withdrawn_at"]
    list_filter = ["cooperation", "role"]
    readonly_fields = [
        "cooperation",
        "email",
        "role",
        "municipality",
        "network",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
        "withdrawn_at",
    ]
    exclude = ["token_hash"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
