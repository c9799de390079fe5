"""Staff editing in the admin: the secretariat edits lines and outcome of its own budgets; an
approved budget's lines are refused there too; other cooperations' budgets are hidden."""

import pytest

from budget import services
from budget.models import BudgetLine, OutcomeEntry
from budget.tests.builders import build_budget
from core.services import SYSTEM
from core.tests.rows import new

pytestmark = pytest.mark.django_db


def _line_form(line, amount):
    return {
        "budget": line.budget_id,
        "kind": line.kind,
        "label": line.label,
        "amount": amount,
        "note": "",
        "position": line.position,
        "outcomes-TOTAL_FORMS": "1",
        "outcomes-INITIAL_FORMS": "0",
        "outcomes-MIN_NUM_FORMS": "0",
        "outcomes-MAX_NUM_FORMS": "1000",
        "outcomes-0-period": "1",
        "outcomes-0-amount": "1000",
        "outcomes-0-note": "",
        "outcomes-0-line": line.pk,
    }


@pytest.mark.parametrize(
    "role,allowed,refusal",
    [
        ("secretariat", True, None),
        ("management", False, (404, None)),  # signed in, not permitted: the error policy's 404
        ("outsider", False, (302, "/admin/")),  # not in their list at all: the admin's redirect to its index
    ],
)
def test_admin_line_edit_matrix(coop, users, client_for, role, allowed, refusal):
    budget = build_budget(coop)
    line = budget.lines.get(label="Personal")
    c = client_for(users[role])
    response = c.post(f"/admin/budget/budgetline/{line.pk}/change/", _line_form(line, "600000"))
    line.refresh_from_db()
    assert (line.amount == 600_000) == allowed
    assert new(OutcomeEntry).exists() == allowed
    if allowed:
        assert response.status_code == 302
        assert line.history.first().history_user == users[role]
    else:
        assert (response.status_code, response.get("Location")) == refusal


def test_admin_refuses_editing_an_approved_budget(coop, users, client_for):
    budget = build_budget(coop)
    services.budget_approve(actor=SYSTEM, budget=budget)
    line = BudgetLine.objects.get(budget=budget, label="Personal")
    response = client_for(users["secretariat"]).post(
        f"/admin/budget/budgetline/{line.pk}/change/", _line_form(line, "1")
    )
    assert response.status_code == 200
    assert "Budgeten är fastställd" in response.content.decode()
    line.refresh_from_db()
    assert line.amount == 580_000


def test_admin_lists_only_own_cooperations_budgets(coop, other_coop, users, client_for):
    build_budget(coop)
    build_budget(other_coop, year=2012)
    html = client_for(users["secretariat"]).get("/admin/budget/budget/").content.decode()
    assert "2011" in html and "2012" not in html
