"""Reads of the budget app, each with a fixed number of queries whatever the amount of data."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch
from django.utils.dates import MONTHS_3

from budget.models import Budget, BudgetLine, FeeShare, OutcomeEntry
from core.formatting import to_kronor


def period_labels(periods: int) -> list[str]:
    """'jan', 'feb', … for months and 'jan–apr', 'maj–aug', 'sep–dec' for tertials, in the active
    language (Django's abbreviated month names: 'may', 'oct' in English)."""
    short = [str(MONTHS_3[number]) for number in range(1, 13)]
    if periods == 12:
        return short
    return [f"{short[first]}–{short[first + 3]}" for first in (0, 4, 8)]


def _budget_qs(user=None):
    """Budgets `user` may see (core.publication): approved ones, and drafts for the cooperation's staff."""
    return (
        Budget.objects.visible_to(user)
        .select_related("cooperation", "approved_by")
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=BudgetLine.objects.order_by("kind", "position", "pk").prefetch_related(
                    Prefetch("outcomes", queryset=OutcomeEntry.objects.order_by("period"))
                ),
            ),
            Prefetch(
                "fee_shares", queryset=FeeShare.objects.select_related("municipality").order_by("municipality__name")
            ),
            "revisions",
        )
    )


def budget_for_year(cooperation, year: int, user=None) -> Budget | None:
    """The cooperation's budget for `year` with lines, outcome, fee shares and revisions loaded, if `user`
    (None: anonymous) may see it."""
    return _budget_qs(user).filter(cooperation=cooperation, year=year).first()


def budgets_queryset(cooperation, user=None):
    """A cooperation's budgets `user` may see by year, with everything the pages and the API show prefetched."""
    return _budget_qs(user).filter(cooperation=cooperation).order_by("year")


def budgets_for(cooperation, user=None):
    return list(budgets_queryset(cooperation, user))


def _lines(budget, kind):
    return [ln for ln in budget.lines.all() if ln.kind == kind]


def _total(lines) -> int | None:
    amounts = [ln.amount for ln in lines]
    if not amounts or any(a is None for a in amounts):
        return None
    return sum(amounts)


def budget_summary(budget: Budget) -> dict:
    """The budget as the operating plan shows it (Intäkter, Kostnader, Summa) plus the fee table."""
    revenue = _lines(budget, BudgetLine.Kind.REVENUE)
    costs = _lines(budget, BudgetLine.Kind.COST)
    revenue_total, cost_total = _total(revenue), _total(costs)
    balanced = None if revenue_total is None or cost_total is None else revenue_total == cost_total
    return {
        "revenue": [(ln.label, ln.amount) for ln in revenue],
        "costs": [(ln.label, ln.amount) for ln in costs],
        "revenue_total": revenue_total,
        "cost_total": cost_total,
        "balanced": balanced,
        "fees": [(s.municipality.name, s.population, s.share_percent, s.fee) for s in budget.fee_shares.all()],
    }


def fee_table(budget: Budget) -> dict:
    shares = list(budget.fee_shares.all())
    fee_lines = [ln for ln in budget.lines.all() if ln.is_member_fees]
    fee_total = _total(fee_lines)
    sources = sorted(
        {(s.population_date, s.population_source) for s in shares if s.population_source},
        key=lambda x: (x[0] is None, x[0]),
    )
    populations = [s.population for s in shares if s.population is not None]
    return {
        "shares": shares,
        "fee_total": fee_total,
        "allocated_total": sum(s.fee for s in shares) if shares else None,
        "population_total": sum(populations) if populations and len(populations) == len(shares) else None,
        "sources": sources,
        "allocated_at": max((s.allocated_at for s in shares), default=None),
        "has_fee_line": bool(fee_lines),
    }


def _pct(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class OutcomeRow:
    line: BudgetLine
    per_period: list[int | None]
    cumulative: int
    budget_to_date: int | None
    variance: int | None
    variance_percent: Decimal | None
    forecast: int | None
    forecast_variance: int | None


@dataclass
class OutcomeTable:
    period_labels: list[str]
    periods_reported: int
    rows: list[OutcomeRow] = field(default_factory=list)
    totals: dict = field(default_factory=dict)
    cumulative_chart: list[dict] = field(default_factory=list)

    @property
    def has_outcome(self) -> bool:
        return self.periods_reported > 0


def outcome_table(budget: Budget) -> OutcomeTable:
    """Outcome per line and period, cumulative outcome, variance against the pro-rata budget (kr, %)
    and a full-year forecast (the outcome so far extrapolated linearly to all periods)."""
    n = budget.periods
    labels = period_labels(n)
    lines = list(budget.lines.all())
    reported = max((o.period for ln in lines for o in ln.outcomes.all()), default=0)
    table = OutcomeTable(period_labels=labels, periods_reported=reported)
    for ln in lines:
        by_period = {o.period: o.amount for o in ln.outcomes.all()}
        per_period = [by_period.get(p) for p in range(1, n + 1)]
        cumulative = sum(v for v in per_period[:reported] if v is not None)
        if ln.amount is not None and reported:
            to_date = int(to_kronor(Decimal(ln.amount) * reported / n))
            forecast = int(to_kronor(Decimal(cumulative) * n / reported))
            row = OutcomeRow(
                ln,
                per_period,
                cumulative,
                to_date,
                cumulative - to_date,
                _pct(cumulative - to_date, to_date),
                forecast,
                forecast - ln.amount,
            )
        else:
            row = OutcomeRow(ln, per_period, cumulative, None, None, None, None, None)
        table.rows.append(row)
    for kind in (BudgetLine.Kind.REVENUE, BudgetLine.Kind.COST):
        rows = [r for r in table.rows if r.line.kind == kind]
        budget_total = _total([r.line for r in rows])
        cumulative = sum(r.cumulative for r in rows)
        entry = {
            "budget": budget_total,
            "cumulative": cumulative,
            "per_period": [sum(r.per_period[p] or 0 for r in rows) for p in range(n)],
        }
        if budget_total is not None and reported:
            to_date = int(to_kronor(Decimal(budget_total) * reported / n))
            forecast = int(to_kronor(Decimal(cumulative) * n / reported))
            entry.update(
                budget_to_date=to_date,
                variance=cumulative - to_date,
                variance_percent=_pct(cumulative - to_date, to_date),
                forecast=forecast,
                forecast_variance=forecast - budget_total,
            )
        table.totals[kind] = entry
    costs = table.totals[BudgetLine.Kind.COST]
    running = 0
    for p in range(reported):
        running += costs["per_period"][p]
        planned = int(to_kronor(Decimal(costs["budget"]) * (p + 1) / n)) if costs["budget"] is not None else None
        table.cumulative_chart.append({"label": labels[p], "outcome": running, "budget": planned})
    return table


def budget_comparison(cooperation, user=None) -> dict:
    """Budgets across years: one row per category (label), one column per year."""
    budgets = budgets_for(cooperation, user)
    years = [b.year for b in budgets]
    rows: dict[tuple[str, str], dict[int, int | None]] = {}
    for b in budgets:
        for ln in b.lines.all():
            rows.setdefault((ln.kind, ln.label), {})[b.year] = ln.amount
    ordered = list(rows.items())
    summaries = {b.year: budget_summary(b) for b in budgets}
    return {
        "budgets": budgets,
        "years": years,
        "revenue_rows": [
            (label, [vals.get(y, "absent") for y in years])
            for (kind, label), vals in ordered
            if kind == BudgetLine.Kind.REVENUE
        ],
        "cost_rows": [
            (label, [vals.get(y, "absent") for y in years])
            for (kind, label), vals in ordered
            if kind == BudgetLine.Kind.COST
        ],
        "revenue_totals": [summaries[y]["revenue_total"] for y in years],
        "cost_totals": [summaries[y]["cost_total"] for y in years],
    }
