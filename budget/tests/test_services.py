"""Writes: bad input refused with a Swedish message and nothing saved; audit rows; the frozen
population snapshot; revisions of an approved budget."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from budget import services
from budget.models import Budget, BudgetLine, BudgetRevision, FeeShare, OutcomeEntry
from budget.tests.builders import build_budget, build_populations
from core.services import SYSTEM
from core.tests.rows import new
from organisations import services as organisation_services
from organisations.models import Population, StaffRole
from organisations.testing import build_municipality, build_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def kansli(coop):
    return build_user(coop, StaffRole.Role.SECRETARIAT)


def _messages(exc):
    return " ".join(exc.value.messages)


def test_allocation_sums_exactly_and_freezes_the_population(coop, kansli):
    budget = build_budget(coop, allocate=True)
    shares = list(budget.fee_shares.order_by("municipality__name"))
    assert len(shares) == 3
    assert sum(s.fee for s in shares) == 860_000
    assert all(s.population_source == "Testkälla" and s.population_date == dt.date(2010, 12, 31) for s in shares)
    before = [(s.municipality_id, s.population, s.fee) for s in shares]
    # A later import (e.g. from Kolada) changes the figures, but not the allocated budget.
    for fig in new(Population):
        organisation_services.population_set(
            actor=SYSTEM,
            municipality=fig.municipality,
            reference_date=fig.reference_date,
            inhabitants=fig.inhabitants * 2 + 7,
            source="Kolada N01951",
            source_kind=Population.SourceKind.KOLADA,
        )
    after = [(s.municipality_id, s.population, s.fee) for s in budget.fee_shares.order_by("municipality__name")]
    assert after == before
    assert shares[0].history.count() == 1  # audit row written on allocation


def test_line_create_writes_audit_row_with_actor(coop, kansli):
    budget = build_budget(coop, lines=[])
    line = services.budget_line_create(
        actor=kansli, budget=budget, kind=BudgetLine.Kind.COST, label="Personal", amount="580 000"
    )
    assert line.amount == 580_000
    record = line.history.first()
    assert record.history_user == kansli and record.history_type == "+"


@pytest.mark.parametrize(
    "amount,message",
    [
        (-1, "Beloppet får inte vara negativt."),
        ("12,50", "inga ören"),
        (12.5, "inga ören"),
        ("tio", "helt antal kronor"),
    ],
)
def test_bad_amounts_are_refused_and_nothing_is_saved(coop, kansli, amount, message):
    budget = build_budget(coop, lines=[])
    with pytest.raises(ValidationError) as exc:
        services.budget_line_create(actor=kansli, budget=budget, kind=BudgetLine.Kind.COST, label="X", amount=amount)
    assert message in _messages(exc)
    assert not new(BudgetLine).exists()


def test_base_fee_larger_than_the_total_is_refused(coop, kansli):
    budget = build_budget(coop, allocation_key=Budget.AllocationKey.BASE_PLUS_PER_INHABITANT, base_fee=300_000)
    build_populations(coop)
    with pytest.raises(ValidationError) as exc:
        services.fees_allocate(actor=kansli, budget=budget)
    assert "Grundavgifterna (300000 kr × 3) är större än beloppet" in _messages(exc)
    assert not new(FeeShare).exists()


def test_allocation_for_a_non_member_is_refused(coop, kansli):
    budget = build_budget(coop, allocation_key=Budget.AllocationKey.EQUAL)
    stranger = build_municipality("Främlingsby")
    with pytest.raises(ValidationError) as exc:
        services.fees_allocate(actor=kansli, budget=budget, municipalities=[*coop.current_members(), stranger])
    assert "Främlingsby är inte medlem i samverkan 2011" in _messages(exc)
    assert not new(FeeShare).exists()


def test_missing_population_is_refused(coop, kansli):
    budget = build_budget(coop)
    with pytest.raises(ValidationError) as exc:
        services.fees_allocate(actor=kansli, budget=budget)
    assert "Befolkningstal för 2010-12-31 saknas" in _messages(exc)


def test_reallocation_replaces_the_shares_but_a_failed_one_keeps_the_old(coop, kansli):
    budget = build_budget(coop, allocation_key=Budget.AllocationKey.EQUAL, allocate=True)
    assert sorted(budget.fee_shares.values_list("fee", flat=True)) == [286_666, 286_667, 286_667]
    Budget.objects.filter(pk=budget.pk).update(allocation_key=Budget.AllocationKey.PER_INHABITANT)
    with pytest.raises(ValidationError):
        services.fees_allocate(actor=kansli, budget=Budget.objects.get(pk=budget.pk))
    assert budget.fee_shares.count() == 3


def test_an_approved_budget_cannot_be_edited(coop, kansli):
    budget = build_budget(coop, allocate=True)
    services.budget_approve(actor=kansli, budget=budget, approved_on=dt.date(2010, 12, 2))
    line = budget.lines.get(label="Personal")
    with pytest.raises(ValidationError) as exc:
        services.budget_line_update(actor=kansli, line=line, amount=1)
    assert "Budgeten är fastställd" in _messages(exc)
    with pytest.raises(ValidationError):
        services.budget_line_create(actor=kansli, budget=budget, kind="cost", label="Ny", amount=5)
    with pytest.raises(ValidationError):
        services.budget_line_delete(actor=kansli, line=line)
    with pytest.raises(ValidationError):
        services.fees_allocate(actor=kansli, budget=budget)
    line.refresh_from_db()
    assert line.amount == 580_000 and budget.lines.count() == 4


def test_model_validation_also_guards_an_approved_budget(coop, kansli):
    """The admin saves through full_clean: the same rule holds there."""
    budget = build_budget(coop)
    services.budget_approve(actor=kansli, budget=budget)
    line = budget.lines.get(label="Personal")
    line.amount = 1
    with pytest.raises(ValidationError):
        line.full_clean()
    budget = Budget.objects.get(pk=budget.pk)
    budget.allocation_key = Budget.AllocationKey.EQUAL
    with pytest.raises(ValidationError):
        budget.full_clean()


def test_revision_changes_an_approved_budget_and_is_recorded(coop, kansli):
    budget = build_budget(coop, allocate=True)
    services.budget_approve(actor=kansli, budget=budget)
    fees_line = budget.lines.get(is_member_fees=True)
    staff = budget.lines.get(label="Personal")
    revision = services.budget_revise(
        actor=kansli,
        budget=budget,
        reason="Höjd avgift enligt beslut",
        changes={fees_line.pk: 900_000, staff.pk: 620_000},
    )
    assert revision.number == 1 and revision.created_by == kansli
    assert {r["label"]: r["amount"] for r in revision.before}["Personal"] == 580_000
    assert {r["label"]: r["amount"] for r in revision.after}["Personal"] == 620_000
    budget.refresh_from_db()
    assert budget.revision == 1 and budget.is_approved
    assert sum(budget.fee_shares.values_list("fee", flat=True)) == 900_000


def test_revision_needs_a_reason_and_saves_nothing_without(coop, kansli):
    budget = build_budget(coop)
    services.budget_approve(actor=kansli, budget=budget)
    line = budget.lines.get(label="Personal")
    with pytest.raises(ValidationError) as exc:
        services.budget_revise(actor=kansli, budget=budget, reason=" ", changes={line.pk: 1})
    assert "Ange skälet" in _messages(exc)
    with pytest.raises(ValidationError):
        services.budget_revise(actor=kansli, budget=budget, reason="x", changes={line.pk: -5})
    line.refresh_from_db()
    assert line.amount == 580_000 and not new(BudgetRevision).exists()


def test_outcome_set_replace_and_remove(coop, kansli):
    budget = build_budget(coop)
    line = budget.lines.get(label="Personal")
    services.outcome_set(actor=kansli, line=line, period=1, amount=190_000)
    services.outcome_set(actor=kansli, line=line, period=1, amount=200_000)
    assert new(OutcomeEntry).get().amount == 200_000
    services.outcome_set(actor=kansli, line=line, period=1, amount=None)
    assert not new(OutcomeEntry).exists()


@pytest.mark.parametrize("period,amount", [(0, 5), (4, 5), (1, -5), (1, "1,5")])
def test_bad_outcome_is_refused(coop, kansli, period, amount):
    budget = build_budget(coop)  # tertials: periods 1–3
    line = budget.lines.get(label="Personal")
    with pytest.raises(ValidationError):
        services.outcome_set(actor=kansli, line=line, period=period, amount=amount)
    assert not new(OutcomeEntry).exists()


def test_outcome_is_allowed_on_an_approved_budget(coop, kansli):
    budget = build_budget(coop)
    services.budget_approve(actor=kansli, budget=budget)
    services.outcome_set(actor=kansli, line=budget.lines.get(label="Personal"), period=2, amount=10)
    assert new(OutcomeEntry).count() == 1


def test_duplicate_budget_year_is_refused(coop, kansli):
    build_budget(coop, lines=[])
    with pytest.raises(ValidationError) as exc:
        services.budget_create(actor=kansli, cooperation=coop, year=2011)
    assert "Det finns redan en budget för 2011" in _messages(exc)
