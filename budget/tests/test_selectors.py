"""Reads: the outcome table (monthly), the summary contract the plans app relies on, the comparison."""

from decimal import Decimal

import pytest

from budget import selectors, services
from budget.models import Budget, BudgetLine
from budget.tests.builders import build_budget
from core.services import SYSTEM

pytestmark = pytest.mark.django_db


def test_monthly_outcome_variance_and_forecast(coop):
    budget = build_budget(coop, period_kind=Budget.PeriodKind.MONTH)
    staff = budget.lines.get(label="Personal")
    for month in range(1, 4):
        services.outcome_set(actor=SYSTEM, line=staff, period=month, amount=50_000)
    table = selectors.outcome_table(selectors.budget_for_year(coop, 2011))
    assert table.period_labels[0] == "jan" and table.periods_reported == 3
    row = next(r for r in table.rows if r.line.label == "Personal")
    assert row.cumulative == 150_000
    assert row.budget_to_date == 145_000  # 580000 × 3/12
    assert row.variance == 5_000 and row.variance_percent == Decimal("3.4")
    assert row.forecast == 600_000 and row.forecast_variance == 20_000
    costs = table.totals[BudgetLine.Kind.COST]
    assert costs["cumulative"] == 150_000 and costs["budget_to_date"] == 215_000
    assert [p["outcome"] for p in table.cumulative_chart] == [50_000, 100_000, 150_000]
    assert [p["budget"] for p in table.cumulative_chart] == [71_667, 143_333, 215_000]


def test_summary_contract(coop):
    budget = build_budget(coop, allocation_key=Budget.AllocationKey.EQUAL, allocate=True)
    summary = selectors.budget_summary(selectors.budget_for_year(coop, 2011))
    assert summary["revenue"] == [("Avgifter från kommunerna", 860_000)]
    assert summary["costs"][0] == ("Personal", 580_000)
    assert summary["revenue_total"] == summary["cost_total"] == 860_000 and summary["balanced"] is True
    name, population, share, fee = summary["fees"][0]
    assert population is None and isinstance(share, Decimal) and isinstance(fee, int)
    assert sum(f[3] for f in summary["fees"]) == 860_000
    assert selectors.budget_for_year(coop, 1990) is None
    assert budget.pk


def test_summary_with_unset_amounts(coop):
    build_budget(coop, lines=[(BudgetLine.Kind.REVENUE, "Avgifter", None, True), (BudgetLine.Kind.COST, "P", 5, False)])
    summary = selectors.budget_summary(selectors.budget_for_year(coop, 2011))
    assert summary["revenue_total"] is None and summary["cost_total"] == 5 and summary["balanced"] is None


def test_comparison_marks_lines_missing_in_a_year(coop):
    build_budget(coop)
    build_budget(
        coop,
        year=2012,
        lines=[(BudgetLine.Kind.COST, "Personal", 600_000, False), (BudgetLine.Kind.COST, "Resor", 7_000, False)],
    )
    data = selectors.budget_comparison(coop)
    assert data["years"] == [2011, 2012]
    costs = dict(data["cost_rows"])
    assert costs["Personal"] == [580_000, 600_000]
    assert costs["Resor"] == ["absent", 7_000]
    assert data["cost_totals"] == [860_000, 607_000]
