from django.contrib import admin

from core.admin import CooperationScopedAdmin
from organisations import models as m


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
    list_display = ["municipality", "reference_date", "inhabitants", "source", "source_kind", "import_batch",
                    "recorded_at"]
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
