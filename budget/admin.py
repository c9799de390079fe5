"""Staff editing of budgets: the secretariat edits lines and outcome here (or through the API).

Saves go through model validation, so an approved budget's lines are refused here too: an
approved budget changes only through `services.budget_revise` (the API's revision endpoint)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from budget import models as m
from budget import services
from organisations.admin import CooperationScopedAdmin, ScopedTabularInline


class BudgetLineInline(ScopedTabularInline):
    model = m.BudgetLine
    extra = 0
    fields = ["kind", "label", "amount", "is_member_fees", "note", "position"]


class FeeShareInline(ScopedTabularInline):
    model = m.FeeShare
    extra = 0
    can_delete = False
    fields = ["municipality", "population", "population_date", "population_source", "share_percent", "fee"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class OutcomeInline(ScopedTabularInline):
    model = m.OutcomeEntry
    extra = 0
    fields = ["period", "amount", "note"]


@admin.action(description=_("Allocate the fees by the budget's key"))
def allocate_fees(modeladmin, request, queryset):
    for budget in queryset:
        if not request.user.has_perm("budget.change_budget", budget):
            continue
        try:
            services.fees_allocate(actor=request.user, budget=budget)
        except ValidationError as exc:
            modeladmin.message_user(request, f"{budget}: {'; '.join(exc.messages)}", messages.ERROR)
        else:
            modeladmin.message_user(request, _("Fees allocated for %(b)s.") % {"b": budget})


@admin.register(m.Budget)
class BudgetAdmin(CooperationScopedAdmin):
    list_display = ["year", "cooperation", "status", "approved_on", "allocation_key", "revision"]
    list_filter = ["cooperation", "status"]
    inlines = [BudgetLineInline, FeeShareInline]
    readonly_fields = ["revision"]
    actions = [allocate_fees]
    autocomplete_fields = ["approved_by"]


@admin.register(m.BudgetLine)
class BudgetLineAdmin(CooperationScopedAdmin):
    list_display = ["label", "kind", "amount", "budget"]
    list_filter = ["budget__cooperation", "budget__year", "kind"]
    search_fields = ["label"]
    inlines = [OutcomeInline]


@admin.register(m.BudgetRevision)
class BudgetRevisionAdmin(CooperationScopedAdmin):
    list_display = ["budget", "number", "decided_on", "reason", "created_by", "created_at"]
    readonly_fields = ["budget", "number", "before", "after", "created_by", "created_at"]
