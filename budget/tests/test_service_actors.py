"""Role × action over every budget service: only the secretariat of the budget's cooperation (and
superusers) may write; everyone else is refused with PermissionDenied and nothing changes. Pages,
the API and the admin go through the same services (same refusals, same audit codes)."""

import datetime as dt

import pytest

from budget import audit, services
from budget.models import Budget, BudgetLine, BudgetRevision, FeeShare, OutcomeEntry
from budget.tests.builders import build_budget, build_populations
from conftest import assert_refused, db_state
from organisations import services as organisation_services
from organisations.models import Population

pytestmark = pytest.mark.django_db
MODELS = (Budget, BudgetLine, OutcomeEntry, FeeShare, BudgetRevision, Population)
ALLOWED = {"secretariat", "superuser"}


def _line(budget):
    return budget.lines.get(label="Personal")


ACTIONS = {
    "budget_create": (build_budget, lambda a, b: services.budget_create(actor=a, cooperation=b.cooperation, year=2030)),
    "budget_line_create": (
        build_budget,
        lambda a, b: services.budget_line_create(actor=a, budget=b, kind=BudgetLine.Kind.COST, label="Resor", amount=1),
    ),
    "budget_line_update": (build_budget, lambda a, b: services.budget_line_update(actor=a, line=_line(b), amount=1)),
    "budget_line_delete": (build_budget, lambda a, b: services.budget_line_delete(actor=a, line=_line(b))),
    "budget_approve": (build_budget, lambda a, b: services.budget_approve(actor=a, budget=b)),
    "budget_revise": (
        "approved",
        lambda a, b: services.budget_revise(actor=a, budget=b, reason="Beslut", changes={_line(b).pk: 1}),
    ),
    "fees_allocate": ("populations", lambda a, b: services.fees_allocate(actor=a, budget=b)),
    "outcome_set": (build_budget, lambda a, b: services.outcome_set(actor=a, line=_line(b), period=1, amount=5)),
    "outcome_grid_save": (
        build_budget,
        lambda a, b: services.outcome_grid_save(actor=a, budget=b, amounts={(_line(b).pk, 1): "5"}),
    ),
}


def _setup(kind, coop):
    from core.services import SYSTEM

    if kind == "approved":
        budget = build_budget(coop)
        services.budget_approve(actor=SYSTEM, budget=budget)
        return Budget.objects.get(pk=budget.pk)
    if kind == "populations":
        build_populations(coop, 2010)
        return build_budget(coop)
    return kind(coop)


@pytest.mark.parametrize("allowed", sorted(ALLOWED))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_budget_service_checks_its_actor(coop, actors, action, allowed):
    setup, call = ACTIONS[action]
    budget = _setup(setup, coop)
    assert_refused(lambda actor: call(actor, budget), actors, ALLOWED, *MODELS)
    before = db_state(*MODELS)
    call(actors[allowed], budget)
    assert db_state(*MODELS) != before


def test_population_figures_are_national_only_a_system_administrator_enters_them(coop, actors):
    """Issue 11: a secretariat of any cooperation could change the population another one splits fees by."""
    muni = coop.members.first().municipality

    def call(actor):
        organisation_services.population_set(
            actor=actor, municipality=muni, reference_date=dt.date(2020, 12, 31), inhabitants=100, source="SCB"
        )

    assert_refused(call, actors, {"superuser"}, Population)
    call(actors["superuser"])
    assert Population.objects.get(municipality=muni).history.first().history_user == actors["superuser"]


@pytest.mark.parametrize(
    "role,api_status,page_status",
    [
        ("outsider", 404, 404),
        ("committee", 404, 404),
        ("network_lead", 404, 404),
        ("anonymous", 401, 302),
    ],
)
def test_refused_page_and_api_writes_leave_the_same_state(coop, users, client_for, role, api_status, page_status):
    budget = build_budget(coop)
    line = _line(budget)
    before = db_state(*MODELS)
    c = client_for(users[role])
    api = c.put(f"/api/v1/budget-lines/{line.pk}/outcome/1", data='{"amount": 5}', content_type="application/json")
    page = c.post(f"/{coop.slug}/budget/{budget.year}/utfall/", {f"o-{line.pk}-1": "5"})
    assert (api.status_code, page.status_code) == (api_status, page_status)
    assert db_state(*MODELS) == before


def test_page_api_and_service_write_the_same_audited_outcome(coop, users, client_for):
    budget = build_budget(coop)
    line = _line(budget)
    c = client_for(users["secretariat"])
    assert (
        c.put(
            f"/api/v1/budget-lines/{line.pk}/outcome/1", data='{"amount": 5}', content_type="application/json"
        ).status_code
        == 200
    )
    grid = {f"o-{line.pk}-1": "5", f"o-{line.pk}-2": "7"}  # the page posts the whole grid
    assert c.post(f"/{coop.slug}/budget/{budget.year}/utfall/", grid).status_code == 302
    services.outcome_set(actor=users["secretariat"], line=line, period=3, amount=9)
    rows = OutcomeEntry.history.order_by("period").values_list(
        "period", "amount", "history_change_reason", "history_user"
    )
    code = audit.OUTCOME_SET
    uid = users["secretariat"].pk
    assert list(rows) == [(1, 5, code, uid), (2, 7, code, uid), (3, 9, code, uid)]
