from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from budget import documents, selectors, services
from core.charts import bar_line_chart
from core.documents import docx_response, file_response, pdf_response
from core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from core.formatting import kronor
from organisations.decorators import with_cooperation


@with_cooperation
def index(request, cooperation):
    """All the cooperation's budgets, and a comparison of them across years."""
    return render(request, "budget/index.html", selectors.budget_comparison(cooperation))


def _budget_or_404(cooperation, year):
    budget = selectors.budget_for_year(cooperation, year)
    if budget is None:
        raise Http404
    return budget


@with_cooperation
def detail(request, cooperation, year):
    from django.utils.translation import gettext as _

    budget = _budget_or_404(cooperation, year)
    outcome = selectors.outcome_table(budget)
    chart = bar_line_chart(
        [{"label": p["label"], "bar": p["outcome"], "line": p["budget"]} for p in outcome.cumulative_chart],
        chart_id="outcome-chart",
        title=_("Costs %(year)s: cumulative outcome against budget") % {"year": budget.year},
        description=_("Bars show the cumulative cost outcome per period; squares on a dashed line show the budget "
                      "spread evenly over the year. The same figures are in the table below."),
        bar_label=_("Cumulative outcome"), line_label=_("Cumulative budget (pro rata), dashed line"), fmt=kronor,
    )
    other_years = [y for y in budget.cooperation.budgets.order_by("year").values_list("year", flat=True)]
    return render(request, "budget/detail.html", {
        "budget": budget,
        "summary": selectors.budget_summary(budget),
        "fees": selectors.fee_table(budget),
        "example_split": (services.fees_preview(budget)
                          if budget.allocation_key_is_example and not budget.fee_shares.all() else None),
        "outcome": outcome,
        "chart": chart,
        "other_years": other_years,
        "can_edit": request.user.has_perm("budget.change_budget", budget),
    })


@login_required
@require_POST
@with_cooperation
def apply_example_split(request, cooperation, year):
    """Staff apply the example split per inhabitant: the fees are allocated by it from now on."""
    budget = _budget_or_404(cooperation, year)
    if not request.user.has_perm("budget.change_budget", budget):
        raise Http404
    services.fees_apply_example(actor=request.user, budget=budget)
    return redirect("budget:detail", cooperation.slug, year)


def _export(cooperation, year, kind):
    budget = _budget_or_404(cooperation, year)
    stem = f"budget-{cooperation.slug}-{year}"
    if kind == "xlsx":
        return file_response(documents.budget_xlsx(budget), f"{stem}.xlsx", XLSX_CONTENT_TYPE)
    if kind == "csv":
        return file_response(documents.budget_csv(budget), f"{stem}.csv", CSV_CONTENT_TYPE)
    if kind == "fees_csv":
        return file_response(documents.fees_csv(budget), f"avgifter-{cooperation.slug}-{year}.csv",
                             CSV_CONTENT_TYPE)
    if kind == "pdf":
        return pdf_response(documents.budget_document(budget), f"{stem}.pdf", inline=True)
    if kind == "docx":
        return docx_response(documents.budget_document(budget), f"{stem}.docx")
    raise Http404


@with_cooperation
def export(request, cooperation, year, kind) -> HttpResponse:
    return _export(cooperation, year, kind)


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

    budget = _budget_or_404(cooperation, year)
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
            for row in outcome.rows for p in periods
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
        {"line": row.line, "cells": [
            {"name": f"o-{row.line.pk}-{p}", "label": label, "value": values[f"o-{row.line.pk}-{p}"],
             "errors": errors.get(f"o-{row.line.pk}-{p}", [])}
            for p, label in zip(periods, outcome.period_labels, strict=False)
        ]}
        for row in outcome.rows
    ]
    return render(request, "budget/outcome_edit.html", {
        "budget": budget, "grid": grid, "period_labels": outcome.period_labels[:len(periods)],
        "has_errors": bool(errors),
    }, status=status)
