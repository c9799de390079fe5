"""Budget API: budgets with lines, fee table and outcome (read, public); lines and outcome
(write, the secretariat of the budget's cooperation, with a bearer token or a session)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from budget import selectors, services
from budget.models import Budget, BudgetLine
from core.api import ErrorOut, Pagination, write_auth
from organisations.models import Cooperation

router = Router(tags=["budget"])


class OutcomeOut(Schema):
    period: int
    amount: int


class LineOut(Schema):
    id: int
    kind: str
    label: str
    amount: int | None
    is_member_fees: bool
    note: str
    outcome: list[OutcomeOut]

    @staticmethod
    def resolve_outcome(obj):
        return [{"period": o.period, "amount": o.amount} for o in obj.outcomes.all()]


class FeeOut(Schema):
    municipality_code: str
    municipality: str
    population: int | None
    population_date: dt.date | None
    population_source: str
    share_percent: Decimal
    fee: int


class BudgetOut(Schema):
    year: int
    cooperation: str
    title: str
    status: str
    approved_on: dt.date | None
    approved_by: str | None
    period_kind: str
    allocation_key: str
    base_fee: int | None
    population_date: dt.date | None
    revision: int
    revenue_total: int | None
    cost_total: int | None
    balanced: bool | None
    lines: list[LineOut]
    fees: list[FeeOut]

    @staticmethod
    def resolve_cooperation(obj):
        return obj.cooperation.slug

    @staticmethod
    def resolve_approved_by(obj):
        return obj.approved_by.name if obj.approved_by_id else None

    @staticmethod
    def resolve_revenue_total(obj):
        return selectors.budget_summary(obj)["revenue_total"]

    @staticmethod
    def resolve_cost_total(obj):
        return selectors.budget_summary(obj)["cost_total"]

    @staticmethod
    def resolve_balanced(obj):
        return selectors.budget_summary(obj)["balanced"]

    @staticmethod
    def resolve_lines(obj):
        return list(obj.lines.all())

    @staticmethod
    def resolve_fees(obj):
        return [
            {
                "municipality_code": s.municipality.code,
                "municipality": s.municipality.name,
                "population": s.population,
                "population_date": s.population_date,
                "population_source": s.population_source,
                "share_percent": s.share_percent,
                "fee": s.fee,
            }
            for s in obj.fee_shares.all()
        ]


class OutcomeRowOut(Schema):
    line_id: int
    label: str
    kind: str
    budget: int | None
    per_period: list[int | None]
    cumulative: int
    budget_to_date: int | None
    variance: int | None
    variance_percent: Decimal | None
    forecast: int | None


class OutcomeTableOut(Schema):
    period_kind: str
    periods_reported: int
    rows: list[OutcomeRowOut]


class LineIn(Schema):
    kind: BudgetLine.Kind
    label: str
    amount: int | float | str | None = None
    note: str = ""
    is_member_fees: bool = False


class LinePatch(Schema):
    label: str | None = None
    amount: int | float | str | None = None
    note: str | None = None


class OutcomeIn(Schema):
    amount: int | float | str | None
    note: str = ""


class RevisionIn(Schema):
    reason: str
    decided_on: dt.date | None = None
    amounts: dict[int, int | float | str | None]


class RevisionOut(Schema):
    number: int
    reason: str
    decided_on: dt.date | None


def _budget(request, slug: str, year: int) -> Budget:
    cooperation = get_object_or_404(Cooperation, slug=slug)
    budget = selectors.budget_for_year(cooperation, year, request.user)
    if budget is None:
        raise Http404
    return budget


@router.get("/cooperations/{slug}/budgets", response=list[BudgetOut], summary="Budgetar")
@paginate(Pagination)
def list_budgets(request, slug: str):
    cooperation = get_object_or_404(Cooperation, slug=slug)
    return selectors.budgets_queryset(cooperation, request.user)


@router.get("/cooperations/{slug}/budgets/{year}", response={200: BudgetOut, 404: ErrorOut}, summary="En budget")
def get_budget(request, slug: str, year: int):
    return _budget(request, slug, year)


@router.get(
    "/cooperations/{slug}/budgets/{year}/outcome",
    response={200: OutcomeTableOut, 404: ErrorOut},
    summary="Utfall och avvikelse",
)
def get_outcome(request, slug: str, year: int):
    budget = _budget(request, slug, year)
    table = selectors.outcome_table(budget)
    return {
        "period_kind": budget.period_kind,
        "periods_reported": table.periods_reported,
        "rows": [
            {
                "line_id": r.line.pk,
                "label": r.line.label,
                "kind": r.line.kind,
                "budget": r.line.amount,
                "per_period": r.per_period,
                "cumulative": r.cumulative,
                "budget_to_date": r.budget_to_date,
                "variance": r.variance,
                "variance_percent": r.variance_percent,
                "forecast": r.forecast,
            }
            for r in table.rows
        ],
    }


@router.post(
    "/cooperations/{slug}/budgets/{year}/lines",
    auth=write_auth,
    response={201: LineOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut},
    summary="Ny budgetpost",
)
def create_line(request, slug: str, year: int, payload: LineIn):
    budget = _budget(request, slug, year)
    line = services.budget_line_create(actor=request.user, budget=budget, **payload.dict())
    return Status(201, line)


def _line(line_id: int) -> BudgetLine:
    return get_object_or_404(BudgetLine.objects.select_related("budget__cooperation"), pk=line_id)


@router.patch(
    "/budget-lines/{line_id}",
    auth=write_auth,
    response={200: LineOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut},
    summary="Ändra budgetpost",
)
def update_line(request, line_id: int, payload: LinePatch):
    line = _line(line_id)
    changes = payload.dict(exclude_unset=True)
    return services.budget_line_update(actor=request.user, line=line, **changes)


@router.delete(
    "/budget-lines/{line_id}",
    auth=write_auth,
    response={204: None, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut},
    summary="Ta bort budgetpost",
)
def delete_line(request, line_id: int):
    line = _line(line_id)
    services.budget_line_delete(actor=request.user, line=line)
    return Status(204, None)


@router.put(
    "/budget-lines/{line_id}/outcome/{period}",
    auth=write_auth,
    response={200: LineOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut},
    summary="Registrera utfall för en period",
)
def set_outcome(request, line_id: int, period: int, payload: OutcomeIn):
    line = _line(line_id)
    services.outcome_set(actor=request.user, line=line, period=period, amount=payload.amount, note=payload.note)
    return BudgetLine.objects.prefetch_related("outcomes").get(pk=line.pk)


@router.post(
    "/cooperations/{slug}/budgets/{year}/revisions",
    auth=write_auth,
    response={201: RevisionOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut},
    summary="Revidera en fastställd budget",
)
def revise_budget(request, slug: str, year: int, payload: RevisionIn):
    budget = _budget(request, slug, year)
    revision = services.budget_revise(
        actor=request.user, budget=budget, reason=payload.reason, decided_on=payload.decided_on, changes=payload.amounts
    )
    return Status(201, revision)


@router.post(
    "/cooperations/{slug}/budgets/{year}/allocate",
    auth=write_auth,
    response={200: BudgetOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut},
    summary="Fördela kommunernas avgifter",
)
def allocate(request, slug: str, year: int):
    budget = _budget(request, slug, year)
    services.fees_allocate(actor=request.user, budget=budget)
    return _budget(request, slug, year)
