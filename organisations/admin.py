from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from core.admin import OptimisticLockAdmin
from organisations import models as m
from organisations.access import cooperation_of, roles_of
from organisations.models import Cooperation


class CooperationScopedAdmin(OptimisticLockAdmin, SimpleHistoryAdmin):
    """Admin for cooperation-scoped models: object permissions come from the rules registry
    (organisations/permissions.py), the list shows only objects of cooperations where the user holds a role,
    and the audit history (django-simple-history) is one click away, its change reasons shown as the
    labels of their audit action codes (core/audit.py). Change forms use the optimistic lock
    (core.admin.OptimisticLockAdmin): a save from a stale version is refused."""

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
                raise PermissionDenied
        super().save_model(request, obj, form, change)


class CooperationMemberInline(admin.TabularInline):
    model = m.CooperationMember
    extra = 0
    autocomplete_fields = ["municipality"]


class OwnershipInline(admin.TabularInline):
    model = m.Ownership
    fk_name = "organisation"
    extra = 0
    autocomplete_fields = ["owner_municipality", "owner_organisation"]


class SteeringInline(admin.StackedInline):
    model = m.OwnerSteeringRecord
    extra = 0


class MembershipInline(admin.TabularInline):
    model = m.Membership
    extra = 0
    autocomplete_fields = ["person", "municipality"]


@admin.register(m.Municipality)
class MunicipalityAdmin(CooperationScopedAdmin):
    list_display = ["name", "code", "county"]
    search_fields = ["name", "code"]
    list_filter = ["county"]


@admin.register(m.Population)
class PopulationAdmin(CooperationScopedAdmin):
    list_display = [
        "municipality",
        "reference_date",
        "inhabitants",
        "source",
        "source_kind",
        "import_batch",
        "recorded_at",
    ]
    list_filter = ["source_kind", "year", "municipality"]
    search_fields = ["municipality__name", "municipality__code", "source"]


@admin.register(m.Cooperation)
class CooperationAdmin(CooperationScopedAdmin):
    list_display = ["name", "slug", "agreement_date", "host_municipality", "is_default"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CooperationMemberInline]


@admin.register(m.Body)
class BodyAdmin(CooperationScopedAdmin):
    list_display = ["name", "kind", "field", "cooperation", "min_meetings_per_year", "host_municipality"]
    list_filter = ["cooperation", "kind", "field"]
    search_fields = ["name", "purpose"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]
    autocomplete_fields = ["host_municipality", "parent"]


@admin.register(m.Person)
class PersonAdmin(CooperationScopedAdmin):
    list_display = ["name", "title", "employer_municipality", "cooperation", "is_demo"]
    list_filter = ["cooperation", "is_demo", "employer_municipality"]
    search_fields = ["name", "title", "email"]
    autocomplete_fields = ["employer_municipality", "employer_organisation", "user"]


@admin.register(m.Membership)
class MembershipAdmin(CooperationScopedAdmin):
    list_display = ["person", "body", "role", "municipality", "start", "end"]
    list_filter = ["body__cooperation", "role", "municipality"]
    search_fields = ["person__name", "body__name"]
    autocomplete_fields = ["person", "body", "municipality"]


@admin.register(m.Organisation)
class OrganisationAdmin(CooperationScopedAdmin):
    list_display = ["name", "kind", "founded_year", "host_municipality", "cooperation"]
    list_filter = ["cooperation", "kind"]
    search_fields = ["name", "short_name", "purpose"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OwnershipInline, SteeringInline]
    autocomplete_fields = ["host_municipality"]


@admin.register(m.Ownership)
class OwnershipAdmin(CooperationScopedAdmin):
    list_display = ["organisation", "owner_municipality", "owner_organisation", "share_percent"]
    list_filter = ["organisation__cooperation"]
    search_fields = ["organisation__name", "owner_municipality__name", "owner_organisation__name"]


@admin.register(m.OwnerSteeringRecord)
class OwnerSteeringRecordAdmin(CooperationScopedAdmin):
    list_display = ["organisation", "kind", "date", "title"]
    list_filter = ["kind", "organisation__cooperation"]
    search_fields = ["title", "text", "organisation__name"]
    date_hierarchy = "date"


@admin.register(m.StaffRole)
class StaffRoleAdmin(CooperationScopedAdmin):
    list_display = ["user", "role", "cooperation", "municipality", "body"]
    list_filter = ["cooperation", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user", "municipality", "body"]
