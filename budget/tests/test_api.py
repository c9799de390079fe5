"""API: read (public), write (the secretariat of the budget's cooperation), bad input, query bounds."""

import json

import pytest

from budget.models import Budget, BudgetLine, BudgetRevision, OutcomeEntry
from budget.tests.builders import build_budget
from core.models import ApiToken
from core.services import SYSTEM
from core.tests.rows import new

pytestmark = pytest.mark.django_db
API = "/api/v1"


def test_read_budget_with_lines_fees_and_outcome(sodertorn, client):
    data = client.get(f"{API}/cooperations/sodertorn/budgets/2011").json()
    assert data["revenue_total"] == 860_000 and data["cost_total"] == 860_000 and data["balanced"] is True
    assert {ln["label"]: ln["amount"] for ln in data["lines"]}["Personal"] == 580_000
    assert data["fees"] == []  # seed 001 gives only the total; the example split is not the budget's
    b2014 = client.get(f"{API}/cooperations/sodertorn/budgets/2014").json()
    assert b2014["status"] == "approved" and b2014["revenue_total"] is None and b2014["balanced"] is None
    outcome = client.get(f"{API}/cooperations/sodertorn/budgets/2011/outcome").json()
    assert outcome["periods_reported"] == 0 and len(outcome["rows"]) == 4
    listing = client.get(f"{API}/cooperations/sodertorn/budgets").json()
    assert [b["year"] for b in listing["items"]] == [2011, 2014]
    assert client.get(f"{API}/cooperations/sodertorn/budgets/1999").status_code == 404


def _write(c, method, url, payload=None, **headers):
    return getattr(c, method)(url, data=json.dumps(payload or {}), content_type="application/json", **headers)


@pytest.mark.parametrize(
    "role,status",
    [
        ("anonymous", 401),
        ("outsider", 404),
        ("management", 404),
        ("committee", 404),
        ("registrar", 404),
        ("network_lead", 404),
        ("secretariat", 201),
    ],
)
def test_create_line_permission_matrix(coop, users, client_for, role, status):
    build_budget(coop)
    response = _write(
        client_for(users[role]),
        "post",
        f"{API}/cooperations/{coop.slug}/budgets/2011/lines",
        {"kind": "cost", "label": "Resor", "amount": 10_000},
    )
    assert response.status_code == status, response.content
    assert BudgetLine.objects.filter(label="Resor").exists() == (status == 201)
    if status != 201:
        assert response.json()["detail"]


@pytest.mark.parametrize(
    "role,status",
    [
        ("anonymous", 401),
        ("outsider", 404),
        ("management", 404),
        ("committee", 404),
        ("registrar", 404),
        ("network_lead", 404),
        ("secretariat", 200),
    ],
)
def test_update_line_and_outcome_permission_matrix(coop, users, client_for, role, status):
    budget = build_budget(coop)
    line = budget.lines.get(label="Personal")
    c = client_for(users[role])
    r1 = _write(c, "patch", f"{API}/budget-lines/{line.pk}", {"amount": 590_000})
    r2 = _write(c, "put", f"{API}/budget-lines/{line.pk}/outcome/1", {"amount": 150_000})
    assert (r1.status_code, r2.status_code) == (status, status)
    line.refresh_from_db()
    assert (line.amount == 590_000) == (status == 200)
    assert new(OutcomeEntry).exists() == (status == 200)


@pytest.mark.parametrize(
    "role,status", [("anonymous", 401), ("outsider", 404), ("committee", 404), ("secretariat", 204)]
)
def test_delete_line_permission_matrix(coop, users, client_for, role, status):
    budget = build_budget(coop)
    line = budget.lines.get(label="Personal")
    response = client_for(users[role]).delete(f"{API}/budget-lines/{line.pk}")
    assert response.status_code == status
    assert BudgetLine.objects.filter(pk=line.pk).exists() == (status != 204)


def test_bearer_token_can_write(coop, users, client):
    budget = build_budget(coop)
    _token, key = ApiToken.create_for(users["secretariat"], "test")
    line = budget.lines.get(label="Personal")
    response = _write(
        client, "put", f"{API}/budget-lines/{line.pk}/outcome/2", {"amount": 1000}, HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 200
    assert response.json()["outcome"] == [{"period": 2, "amount": 1000}]
    entry = new(OutcomeEntry).get()
    assert entry.history.first().history_user == users["secretariat"]


@pytest.mark.parametrize(
    "payload,message",
    [
        ({"kind": "cost", "label": "X", "amount": -5}, "Beloppet får inte vara negativt."),
        ({"kind": "cost", "label": "X", "amount": 10.5}, "inga ören"),
        ({"kind": "cost", "label": "X", "amount": "12,25"}, "inga ören"),
    ],
)
def test_bad_line_input_is_refused_in_swedish(coop, users, client_for, payload, message):
    build_budget(coop)
    response = _write(
        client_for(users["secretariat"]), "post", f"{API}/cooperations/{coop.slug}/budgets/2011/lines", payload
    )
    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert not BudgetLine.objects.filter(label="X").exists()


def test_editing_an_approved_budget_is_refused_but_a_revision_works(coop, users, client_for):
    from budget import services

    budget = build_budget(coop)
    services.budget_approve(actor=SYSTEM, budget=budget)
    line = budget.lines.get(label="Personal")
    c = client_for(users["secretariat"])
    response = _write(c, "patch", f"{API}/budget-lines/{line.pk}", {"amount": 1})
    assert response.status_code == 400
    assert "Budgeten är fastställd" in response.json()["detail"]
    line.refresh_from_db()
    assert line.amount == 580_000
    response = _write(
        c,
        "post",
        f"{API}/cooperations/{coop.slug}/budgets/2011/revisions",
        {"reason": "Tilläggsbeslut", "amounts": {str(line.pk): 600_000}},
    )
    assert response.status_code == 201, response.content
    assert response.json()["number"] == 1
    line.refresh_from_db()
    assert line.amount == 600_000 and new(BudgetRevision).count() == 1


def test_allocate_endpoint(coop, users, client_for):
    from budget.tests.builders import build_populations

    build_budget(coop)
    build_populations(coop)
    response = _write(client_for(users["secretariat"]), "post", f"{API}/cooperations/{coop.slug}/budgets/2011/allocate")
    assert response.status_code == 200
    assert sum(f["fee"] for f in response.json()["fees"]) == 860_000


def test_api_list_has_bounded_queries(coop, client, django_assert_max_num_queries):
    import datetime as dt

    for year in range(2001, 2021):
        budget = Budget.objects.create(
            cooperation=coop, year=year, population_date=dt.date(year - 1, 12, 31), status=Budget.Status.PROPOSED
        )  # public (core.publication)
        BudgetLine.objects.bulk_create(
            [BudgetLine(budget=budget, kind="cost", label=f"P{n}", amount=n) for n in range(30)]
        )
    with django_assert_max_num_queries(8):
        data = client.get(f"{API}/cooperations/{coop.slug}/budgets?page_size=100").json()
    assert data["count"] == 20 and len(data["items"][0]["lines"]) == 30
    with django_assert_max_num_queries(8):
        assert client.get(f"{API}/cooperations/{coop.slug}/budgets/2005/outcome").status_code == 200
