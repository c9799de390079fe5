import secrets

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.models import ApiToken

admin.site.site_header = _("Samverkan – administration")
admin.site.site_title = _("Samverkan")
admin.site.index_title = _("Administration")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "created", "last_used"]
    readonly_fields = ["created", "last_used"]
    search_fields = ["name", "user__username"]

    def save_model(self, request, obj, form, change):
        if not change:
            key = secrets.token_urlsafe(32)
            obj.key_hash = ApiToken.hash(key)
            self.message_user(request, _("The token's key (shown only now): %(key)s") % {"key": key})
        super().save_model(request, obj, form, change)
