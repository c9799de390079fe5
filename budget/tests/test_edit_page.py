"""The secretariat's budget page: lines typed the Swedish way, the fee split from the population data with
overrides and reasons, approval refused while the fees do not add up."""

import datetime as dt

import pytest
from django.shortcuts import resolve_url

from budget import services
from budget.models import Budget, BudgetLine, FeeShare
from core.tests.rows import new
from organisations.models import Population

URL = "/test/budget/2027/redigera/"


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("management", 404),
        ("registrar", 404),
        ("network_lead", 404),
        ("committee", 404),
        ("secretariat", 200),
    ],
)
def test_budget_page_is_the_secretariats(client_for, users, role, expected, settings):
    response = client_for(users[role]).get(URL)
    assert response.status_code == expected
    if role == "anonymous":
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    client_for(users[role]).post(URL, {"op": "create", "title": "Budget 2027"})
    assert new(Budget).exists() == (role == "secretariat")


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("1 240 000", 1240000),
        ("1 240 000 kr", 1240000),
        ("1\u00a0240\u00a0000 kr", 1240000),
        ("1240000", 1240000),
        ("1 240 000:-", 1240000),
        ("1240000,00", 1240000),
    ],
)
def test_amounts_typed_the_swedish_way(typed, expected):
    assert services.clean_amount(typed) == expected


@pytest.mark.parametrize("typed", ["1240000,50", "en miljon", "-5 kr"])
def test_bad_amounts_are_refused_in_swedish(typed):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.clean_amount(typed)
    assert "kronor" in " ".join(exc.value.messages) or "negativt" in " ".join(exc.value.messages)


def test_the_whole_budget_on_the_page(client_for, users, coop):
    c = client_for(users["secretariat"])
    c.post(URL, {"op": "create", "title": "Budget 2027"})
    budget = Budget.objects.get(cooperation=coop, year=2027)
    assert (
        c.post(
            URL,
            {
                "op": "add_line",
                "kind": "revenue",
                "label": "Medlemsavgifter",
                "amount": "1 240 000 kr",
                "is_member_fees": "on",
            },
        ).status_code
        == 302
    )
    c.post(URL, {"op": "add_line", "kind": "cost", "label": "Kansli", "amount": "1 240 000"})
    fees = BudgetLine.objects.get(budget=budget, label="Medlemsavgifter")
    assert fees.amount == 1240000 and fees.is_member_fees
    response = c.post(URL, {"op": "add_line", "kind": "cost", "label": "Resor", "amount": "12,50"})
    assert "öre" in response.content.decode() and not BudgetLine.objects.filter(label="Resor").exists()
    members = list(coop.current_members().order_by("name"))
    for i, m in enumerate(members):
        Population.objects.create(
            municipality=m,
            year=2026,
            reference_date=dt.date(2026, 12, 31),
            inhabitants=10000 * (i + 1),
            source="SCB (testdata)",
            source_kind="scb",
        )
    c.post(URL, {"op": "settings", "allocation_key": "per_inhabitant", "population_date": "2026-12-31"})
    page = c.get(URL).content.decode()
    assert ">30000<" in page  # the population from the key-figure data, shown before splitting
    # override one member's population: the reason is required
    first = members[0]
    response = c.post(URL, {"op": "allocate", f"population_{first.pk}": "20 000", f"reason_{first.pk}": ""})
    assert "Ange skälet" in response.content.decode() and not FeeShare.objects.filter(budget=budget).exists()
    c.post(URL, {"op": "allocate", f"population_{first.pk}": "20 000", f"reason_{first.pk}": "Kommunens egen siffra"})
    shares = {s.municipality_id: s for s in FeeShare.objects.filter(budget=budget)}
    assert sum(s.fee for s in shares.values()) == 1240000
    assert shares[first.pk].population == 20000 and "Kommunens egen siffra" in shares[first.pk].population_source
    assert shares[members[1].pk].population == 20000
    # an amount changes after the split: the fees no longer add up, approval refused, nothing changed
    c.post(
        URL,
        {
            "op": "change_line",
            "line": fees.pk,
            "label": "Medlemsavgifter",
            "amount": "1 300 000",
            "is_member_fees": "on",
        },
    )
    response = c.post(URL, {"op": "approve"})
    assert "går inte ihop med avgiftsintäkten" in response.content.decode()
    budget.refresh_from_db()
    assert budget.status == Budget.Status.DRAFT
    c.post(URL, {"op": "allocate"})
    body = coop.bodies.first() if hasattr(coop, "bodies") else None
    response = c.post(URL, {"op": "approve", "approved_on": "2026-12-10", "approved_by": body.pk if body else ""})
    assert response.status_code == 302
    budget.refresh_from_db()
    assert budget.status == Budget.Status.APPROVED and budget.approved_on == dt.date(2026, 12, 10)
    assert budget.history.first().history_change_reason == "samverkan.budget.budget.approved"
