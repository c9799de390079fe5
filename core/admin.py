from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.access import cooperation_of, roles_of
from core.models import ApiToken

admin.site.site_header = _("Samverkan – administration")
admin.site.site_title = _("Samverkan")
admin.site.index_title = _("Administration")


class CooperationScopedAdmin(SimpleHistoryAdmin):
    """Admin for cooperation-scoped models: object permissions come from the rules registry
    (core/permissions.py), the list shows only objects of cooperations where the user holds a role,
    and the audit history (django-simple-history) is one click away, its change reasons shown as the
    labels of their audit action codes."""

    object_history_list_template = "core/admin/object_history_list.html"

    def _scope_path(self):
        return getattr(self.model, "cooperation_path", None)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        path = self._scope_path()
        if request.user.is_superuser or not path:
            return qs
        coop_ids = request.user.staff_roles.values_list("cooperation_id", flat=True)
        return qs.filter(**{f"{path}__in": coop_ids})

    def has_view_permission(self, request, obj=None):
        if not request.user.has_perm(f"{self.opts.app_label}.view_{self.opts.model_name}", obj):
            return False
        if obj is None or request.user.is_superuser or not self._scope_path():
            return True
        # Staff see only the objects (and their history) of cooperations where they hold a role.
        return bool(roles_of(request.user, cooperation_of(obj)))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """Non-superusers choose only among the cooperations where they may add objects of this model."""
        from organisations.models import Cooperation

        if db_field.related_model is Cooperation and not request.user.is_superuser:
            perm = f"{self.opts.app_label}.add_{self.opts.model_name}"
            ids = []
            for coop in Cooperation.objects.filter(staff_roles__user=request.user).distinct():
                try:
                    allowed = request.user.has_perm(perm, self.model(**{db_field.name: coop}))
                except Exception:  # noqa: BLE001 - a rule that needs more of the object: not offered
                    allowed = False
                if allowed:
                    ids.append(coop.pk)
            kwargs["queryset"] = Cooperation.objects.filter(pk__in=ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm(f"{self.opts.app_label}.add_{self.opts.model_name}", None)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(f"{self.opts.app_label}.change_{self.opts.model_name}", obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm(f"{self.opts.app_label}.delete_{self.opts.model_name}", obj)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser and self._scope_path() and cooperation_of(obj) is not None:
            if not request.user.has_perm(f"{self.opts.app_label}.change_{self.opts.model_name}", obj):
                from django.core.exceptions import PermissionDenied

                raise PermissionDenied
        super().save_model(request, obj, form, change)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "created", "last_used"]
    readonly_fields = ["created", "last_used"]
    search_fields = ["name", "user__username"]

    def save_model(self, request, obj, form, change):
        if not change:
            import secrets

            key = secrets.token_urlsafe(32)
            obj.key_hash = ApiToken.hash(key)
            self.message_user(request, _("The token's key (shown only now): %(key)s") % {"key": key})
        super().save_model(request, obj, form, change)
