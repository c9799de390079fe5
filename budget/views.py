from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from budget import documents, selectors, services
from budget.models import Budget
from core.charts import bar_line_chart
from core.documents import docx_response, file_response, pdf_response
from core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from core.formatting import kronor
from core.params import int_or_404
from organisations.decorators import with_cooperation


@with_cooperation
def index(request, cooperation):
    """All the cooperation's budgets, and a comparison of them across years."""
    return render(request, "budget/index.html", selectors.budget_comparison(cooperation, request.user))


def _budget_or_404(cooperation, year, user):
    budget = selectors.budget_for_year(cooperation, year, user)
    if budget is None:
        raise Http404
    return budget


@with_cooperation
def detail(request, cooperation, year):
    from django.utils.translation import gettext as _

    budget = _budget_or_404(cooperation, year, request.user)
    outcome = selectors.outcome_table(budget)
    chart = bar_line_chart(
        [{"label": p["label"], "bar": p["outcome"], "line": p["budget"]} for p in outcome.cumulative_chart],
        chart_id="outcome-chart",
        title=_("Costs %(year)s: cumulative outcome against budget") % {"year": budget.year},
        description=_(
            "Bars show the cumulative cost outcome per period; squares on a dashed line show the budget "
            "spread evenly over the year. The same figures are in the table below."
        ),
        bar_label=_("Cumulative outcome"),
        line_label=_("Cumulative budget (pro rata), dashed line"),
        fmt=kronor,
    )
    other_years = list(
        Budget.objects.visible_to(request.user)
        .filter(cooperation=cooperation)
        .order_by("year")
        .values_list("year", flat=True)
    )
    return render(
        request,
        "budget/detail.html",
        {
            "budget": budget,
            "summary": selectors.budget_summary(budget),
            "fees": selectors.fee_table(budget),
            "example_split": (
                services.fees_preview(budget)
                if budget.allocation_key_is_example and not budget.fee_shares.all()
                else None
            ),
            "outcome": outcome,
            "chart": chart,
            "other_years": other_years,
            "can_edit": request.user.has_perm("budget.change_budget", budget),
        },
    )


@login_required
@require_POST
@with_cooperation
def apply_example_split(request, cooperation, year):
    """Staff apply the example split per inhabitant: the fees are allocated by it from now on."""
    budget = _budget_or_404(cooperation, year, request.user)
    if not request.user.has_perm("budget.change_budget", budget):
        raise Http404
    services.fees_apply_example(actor=request.user, budget=budget)
    return redirect("budget:detail", cooperation.slug, year)


def _export(cooperation, year, kind, user):
    budget = _budget_or_404(cooperation, year, user)
    stem = f"budget-{cooperation.slug}-{year}"
    if kind == "xlsx":
        return file_response(documents.budget_xlsx(budget), f"{stem}.xlsx", XLSX_CONTENT_TYPE)
    if kind == "csv":
        return file_response(documents.budget_csv(budget), f"{stem}.csv", CSV_CONTENT_TYPE)
    if kind == "fees_csv":
        return file_response(documents.fees_csv(budget), f"avgifter-{cooperation.slug}-{year}.csv", CSV_CONTENT_TYPE)
    if kind == "pdf":
        return pdf_response(documents.budget_document(budget), f"{stem}.pdf", inline=True)
    if kind == "docx":
        return docx_response(documents.budget_document(budget), f"{stem}.docx")
    raise Http404


@with_cooperation
def export(request, cooperation, year, kind) -> HttpResponse:
    return _export(cooperation, year, kind, request.user)


@login_required
@with_cooperation
def outcome_edit(request, cooperation, year):
    """Staff page: the secretariat enters the outcome per line and period in one grid. All or nothing."""
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.utils.translation import gettext as _

    from budget import services
    from core.access import require
    from core.errors import DomainError

    budget = _budget_or_404(cooperation, year, request.user)
    require(request.user, "change", budget)
    outcome = selectors.outcome_table(budget)
    periods = list(range(1, budget.periods + 1))
    errors: dict[str, list[str]] = {}
    values: dict[str, str] = {}
    for row in outcome.rows:
        for p, amount in zip(periods, row.per_period, strict=True):
            values[f"o-{row.line.pk}-{p}"] = "" if amount is None else str(amount)
    status = 200
    if request.method == "POST":
        submitted = {name: request.POST.get(name, "").strip() for name in values}
        changed = {
            (row.line.pk, p): submitted[f"o-{row.line.pk}-{p}"]
            for row in outcome.rows
            for p in periods
            if submitted[f"o-{row.line.pk}-{p}"] != values[f"o-{row.line.pk}-{p}"]
        }
        try:
            services.outcome_grid_save(actor=request.user, budget=budget, amounts=changed)
        except DomainError as exc:
            errors = {f"o-{line_id}-{p}": msgs for (line_id, p), msgs in exc.message_dict.items()}
            values = submitted
            status = 400
        else:
            messages.success(request, _("The outcome was saved."))
            return redirect("budget:detail", cooperation.slug, budget.year)
    grid = [
        {
            "line": row.line,
            "cells": [
                {
                    "name": f"o-{row.line.pk}-{p}",
                    "label": label,
                    "value": values[f"o-{row.line.pk}-{p}"],
                    "errors": errors.get(f"o-{row.line.pk}-{p}", []),
                }
                for p, label in zip(periods, outcome.period_labels, strict=False)
            ],
        }
        for row in outcome.rows
    ]
    return render(
        request,
        "budget/outcome_edit.html",
        {
            "budget": budget,
            "grid": grid,
            "period_labels": outcome.period_labels[: len(periods)],
            "has_errors": bool(errors),
        },
        status=status,
    )


# ---- the secretariat's budget page: lines, fee split, approval ---------------------------------------------

BUDGET_OPS = {"create", "add_line", "change_line", "delete_line", "settings", "allocate", "approve"}


def _date_or_none(text):
    import datetime as dt

    from django.core.exceptions import ValidationError

    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(gettext("Give the date as YYYY-MM-DD.")) from None


def _budget_op(request, cooperation, year, budget, op):
    from budget import services
    from budget.models import BudgetLine
    from organisations.models import Body

    data = request.POST
    user = request.user
    if op == "create":
        return services.budget_create(actor=user, cooperation=cooperation, year=year, title=data.get("title", ""))
    if budget is None:
        raise Http404
    if op == "add_line":
        return services.budget_line_create(
            actor=user,
            budget=budget,
            kind=data.get("kind", ""),
            label=data.get("label", "").strip(),
            amount=data.get("amount", ""),
            is_member_fees=bool(data.get("is_member_fees")),
        )
    if op in ("change_line", "delete_line"):
        line = get_object_or_404(BudgetLine, budget=budget, pk=int_or_404(data.get("line")))
        if op == "delete_line":
            return services.budget_line_delete(actor=user, line=line)
        return services.budget_line_update(
            actor=user,
            line=line,
            label=data.get("label", "").strip(),
            amount=data.get("amount", ""),
            is_member_fees=bool(data.get("is_member_fees")),
        )
    if op == "settings":
        base = data.get("base_fee", "").strip()
        return services.budget_settings_save(
            actor=user,
            budget=budget,
            allocation_key=data.get("allocation_key", ""),
            population_date=_date_or_none(data.get("population_date")),
            base_fee=services.clean_amount(base, field="base_fee") if base else None,
        )
    if op == "allocate":
        overrides = {}
        for m in services._members_for(budget):
            typed = data.get(f"population_{m.pk}", "").strip()
            if typed:
                overrides[m.pk] = (services.clean_amount(typed, field="overrides"), data.get(f"reason_{m.pk}", ""))
        return services.fees_allocate(actor=user, budget=budget, overrides=overrides)
    body = None
    if data.get("approved_by"):
        body = get_object_or_404(Body, cooperation=cooperation, pk=int_or_404(data.get("approved_by")))
    return services.budget_approve(
        actor=user, budget=budget, approved_on=_date_or_none(data.get("approved_on")), approved_by=body
    )


BUDGET_MESSAGES = {
    "create": gettext_lazy("The budget was created."),
    "add_line": gettext_lazy("The line was added."),
    "change_line": gettext_lazy("The line was saved."),
    "delete_line": gettext_lazy("The line was removed."),
    "settings": gettext_lazy("The fee split settings were saved."),
    "allocate": gettext_lazy("The fees were split between the members."),
    "approve": gettext_lazy("The budget was approved."),
}


@login_required
@with_cooperation
def budget_edit(request, cooperation, year):
    from django.contrib import messages
    from django.core.exceptions import ValidationError
    from django.shortcuts import redirect

    from budget import services
    from budget.models import Budget, BudgetLine
    from core.access import can
    from organisations import selectors as organisation_selectors
    from organisations.models import Body

    if not 1900 <= year <= 2200 or not can(request.user, "add", Budget(cooperation=cooperation, year=year)):
        raise Http404
    budget = selectors.budget_for_year(cooperation, year, user=request.user)
    errors = []
    if request.method == "POST":
        op = request.POST.get("op", "")
        if op not in BUDGET_OPS:
            raise Http404
        try:
            _budget_op(request, cooperation, year, budget, op)
        except ValidationError as exc:
            errors = list(exc.messages)
        else:
            messages.success(request, BUDGET_MESSAGES[op])
            return redirect("budget:edit", cooperation.slug, year)
    context = {
        "year": year,
        "budget": budget,
        "errors": errors,
        "kinds": BudgetLine.Kind.choices,
        "keys": Budget.AllocationKey.choices,
    }
    if budget is not None:
        members = services._members_for(budget)
        figures = (
            organisation_selectors.population_on(members, budget.population_date) if budget.population_date else {}
        )
        shares = {s.municipality_id: s for s in budget.fee_shares.all()}
        context.update(
            {
                "lines": list(budget.lines.order_by("kind", "position", "pk")),
                "members": [
                    {"municipality": m, "figure": figures.get(m.pk), "share": shares.get(m.pk)} for m in members
                ],
                "fee_total": services.fee_total(budget),
                "allocated_total": sum(s.fee for s in shares.values()) if shares else None,
                "bodies": Body.objects.filter(cooperation=cooperation).order_by("name"),
            }
        )
    return render(request, "budget/edit.html", context)
