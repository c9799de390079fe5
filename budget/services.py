"""Writes of the budget app: atomic, validated, audited, refusing bad input with a Swedish message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import InvalidOperation
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from budget import allocation, audit
from budget.models import APPROVED_MESSAGE, Budget, BudgetLine, BudgetRevision, FeeShare, OutcomeEntry
from core.errors import DomainError
from core.formatting import parse_sv_decimal
from core.services import audited_delete, audited_save, require_permission, try_each
from organisations import selectors as organisation_selectors
from organisations.models import Municipality, Population

# ---------------------------------------------------------------- amounts


def clean_amount(value, *, field: str = "amount", allow_none: bool = True) -> int | None:
    """Whole, non-negative kronor, or None. Fractions (öre), negatives and text are refused."""
    if value is None or value == "":
        if allow_none:
            return None
        raise ValidationError({field: [_("Give an amount in whole kronor.")]})
    if isinstance(value, bool):
        raise ValidationError({field: [_("The amount must be a whole number of kronor.")]})
    if isinstance(value, str):
        # as people type it: "1 240 000 kr", "1 240 000:-", "1 240 000 SEK"
        value = value.strip()
        for suffix in ("kronor", "kr.", "kr", "sek", ":-"):
            if value.lower().endswith(suffix):
                value = value[: -len(suffix)].strip()
                break
    try:
        number = parse_sv_decimal(value)
    except InvalidOperation:
        raise ValidationError({field: [_("The amount must be a whole number of kronor.")]}) from None
    if not number.is_finite() or number != number.to_integral_value():
        raise ValidationError({field: [_("The amount must be a whole number of kronor (no öre).")]})
    if number < 0:
        raise ValidationError({field: [_("The amount cannot be negative.")]})
    return int(number)


def _ensure_editable(budget: Budget):
    if budget.is_approved:
        raise DomainError(APPROVED_MESSAGE)


# ---------------------------------------------------------------- budgets and lines


@transaction.atomic
def budget_create(*, actor, cooperation, year: int, title: str = "", **fields) -> Budget:
    budget = Budget(cooperation=cooperation, year=year, title=title, **fields)
    require_permission(actor, "add", budget)
    if Budget.objects.filter(cooperation=cooperation, year=year).exists():
        raise DomainError(_("There is already a budget for %(year)s.") % {"year": year})
    return audited_save(budget, actor=actor, action=audit.BUDGET_CREATED)


@transaction.atomic
def budget_line_create(
    *,
    actor,
    budget: Budget,
    kind: str,
    label: str,
    amount=None,
    note: str = "",
    is_member_fees: bool = False,
    position: int | None = None,
) -> BudgetLine:
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    require_permission(actor, "add", BudgetLine(budget=budget))
    _ensure_editable(budget)
    if position is None:
        position = budget.lines.filter(kind=kind).count() + 1
    line = BudgetLine(
        budget=budget,
        kind=kind,
        label=label,
        amount=clean_amount(amount),
        note=note,
        is_member_fees=is_member_fees,
        position=position,
    )
    return audited_save(line, actor=actor, action=audit.LINE_CREATED)


@transaction.atomic
def budget_line_update(*, actor, line: BudgetLine, **changes) -> BudgetLine:
    line = BudgetLine.objects.select_related("budget").select_for_update(of=("self",)).get(pk=line.pk)
    require_permission(actor, "change", line)
    _ensure_editable(line.budget)
    if "amount" in changes:
        changes["amount"] = clean_amount(changes["amount"])
    for field, value in changes.items():
        if field not in {"label", "amount", "note", "kind", "is_member_fees", "position"}:
            raise DomainError(_("Unknown field: %(field)s") % {"field": field})
        setattr(line, field, value)
    return audited_save(line, actor=actor, action=audit.LINE_CHANGED)


@transaction.atomic
def budget_line_delete(*, actor, line: BudgetLine) -> None:
    line = BudgetLine.objects.select_related("budget").get(pk=line.pk)
    require_permission(actor, "delete", line)
    _ensure_editable(Budget.objects.select_for_update().get(pk=line.budget_id))
    audited_delete(line, actor=actor, action=audit.LINE_DELETED)


def _line_snapshot(budget: Budget) -> list[dict]:
    return [
        {"id": ln.pk, "kind": ln.kind, "label": ln.label, "amount": ln.amount, "is_member_fees": ln.is_member_fees}
        for ln in budget.lines.order_by("kind", "position", "pk")
    ]


@transaction.atomic
def budget_approve(*, actor, budget: Budget, approved_on: dt.date | None = None, approved_by=None) -> Budget:
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    require_permission(actor, "change", budget)
    if budget.is_approved:
        raise DomainError(_("The budget is already approved."))
    _require_fees_add_up(budget)
    budget.status = Budget.Status.APPROVED
    budget.approved_on = approved_on
    budget.approved_by = approved_by
    return audited_save(budget, actor=actor, action=audit.BUDGET_APPROVED)


@transaction.atomic
def budget_revise(
    *,
    actor,
    budget: Budget,
    reason: str,
    changes: dict[int, int | None],
    decided_on: dt.date | None = None,
    reallocate: bool = True,
) -> BudgetRevision:
    """Change amounts of an approved budget (line id -> new amount) and record the revision."""
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    require_permission(actor, "change", budget)
    if not budget.is_approved:
        raise DomainError(_("Only an approved budget is revised; edit a draft directly."))
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Give the reason for the revision.")]})
    lines = {ln.pk: ln for ln in budget.lines.all()}
    unknown = [pk for pk in changes if pk not in lines]
    if unknown:
        raise DomainError(_("The line does not belong to this budget."))
    cleaned = {pk: clean_amount(v) for pk, v in changes.items()}
    before = _line_snapshot(budget)
    for pk, amount in cleaned.items():
        line = lines[pk]
        line.amount = amount
        line._revising = True
        audited_save(line, actor=actor, action=audit.BUDGET_REVISED, reason=reason)
    budget.revision += 1
    budget._revising = True
    audited_save(budget, actor=actor, action=audit.BUDGET_REVISED, reason=reason)
    revision = BudgetRevision(
        budget=budget,
        number=budget.revision,
        decided_on=decided_on,
        reason=reason,
        before=before,
        after=_line_snapshot(budget),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audited_save(revision, actor=actor, action=audit.BUDGET_REVISED, reason=reason)
    if reallocate and budget.fee_shares.exists():
        _allocate(actor=actor, budget=budget)
    return revision


# ---------------------------------------------------------------- fees


def _require_fees_add_up(budget: Budget) -> None:
    """A budget is approved only with its fee split in step with its fee lines: the members' fees must add up
    to the fee revenue (a split made before an amount changed no longer does)."""
    total = fee_total(budget)
    shares = list(budget.fee_shares.values_list("fee", flat=True))
    if shares and sum(shares) != (total or 0):
        raise DomainError(
            _(
                "The members' fees (%(fees)s kr) do not add up to the fee revenue (%(total)s kr). "
                "Split the fees again before approving."
            )
            % {"fees": sum(shares), "total": total or 0}
        )


@transaction.atomic
def budget_settings_save(
    *, actor, budget: Budget, allocation_key: str, population_date: dt.date | None, base_fee: int | None = None
) -> Budget:
    """Choose the fee split's key and the date whose population figures it uses."""
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    require_permission(actor, "change", budget)
    _ensure_editable(budget)
    budget.allocation_key, budget.population_date, budget.base_fee = allocation_key, population_date, base_fee
    return audited_save(budget, actor=actor, action=audit.SETTINGS_CHANGED)


def fee_total(budget: Budget) -> int | None:
    """The fee revenue to split: the sum of the member-fee lines (None if any amount is unset)."""
    amounts = [ln.amount for ln in budget.lines.all() if ln.is_member_fees]
    if not amounts or any(a is None for a in amounts):
        return None
    return sum(amounts)


def _members_for(budget: Budget) -> list[Municipality]:
    return list(budget.cooperation.current_members(dt.date(budget.year, 1, 1)))


@transaction.atomic
def fees_allocate(
    *, actor, budget: Budget, municipalities: Iterable[Municipality] | None = None, overrides: dict | None = None
) -> list[FeeShare]:
    """Split the fee total between the member municipalities by the budget's key and freeze the
    population figures used. Refused on an approved budget (revise it instead). `overrides` maps a
    municipality id to (inhabitants, reason): a figure typed in instead of the key-figure data, with its reason."""
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    require_permission(actor, "change", budget)
    _ensure_editable(budget)
    return _allocate(actor=actor, budget=budget, municipalities=municipalities, overrides=overrides)


def fees_preview(budget: Budget) -> list[tuple[Municipality, int | None, object, int]] | None:
    """The split the budget's key would give, without saving anything: [(municipality, population,
    share %, fee)], or None when it cannot be computed (no fee total, missing population figures)."""
    total = fee_total(budget)
    if total is None:
        return None
    members = _members_for(budget)
    figures: dict[int, Population] = {}
    needs_population = budget.allocation_key != Budget.AllocationKey.EQUAL
    if needs_population:
        if budget.population_date is None:
            return None
        figures = organisation_selectors.population_on(members, budget.population_date)
        if any(m.pk not in figures for m in members):
            return None
    populations = {m.code: (figures[m.pk].inhabitants if needs_population else None) for m in members}
    fees = allocation.allocate(budget.allocation_key, total, populations, budget.base_fee)
    return [(m, populations[m.code], allocation.share_percent(fees[m.code], total), fees[m.code]) for m in members]


@transaction.atomic
def fees_apply_example(*, actor, budget: Budget) -> list[FeeShare]:
    """Apply the example split: allocate the fees by the key, which from now on is the budget's own."""
    shares = fees_allocate(actor=actor, budget=budget)
    budget = Budget.objects.get(pk=budget.pk)
    if budget.allocation_key_is_example:
        budget.allocation_key_is_example = False
        audited_save(budget, actor=actor, action=audit.FEES_ALLOCATED)
    return shares


def _allocate(*, actor, budget: Budget, municipalities=None, overrides=None) -> list[FeeShare]:
    members = _members_for(budget)
    if municipalities is not None:
        chosen = list(municipalities)
        member_ids = {m.pk for m in members}
        outsiders = [m.name for m in chosen if m.pk not in member_ids]
        if outsiders:
            raise DomainError(
                _("%(names)s is not a member of the cooperation in %(year)s; no fee can be allocated to it.")
                % {"names": ", ".join(outsiders), "year": budget.year}
            )
        members = chosen
    total = fee_total(budget)
    figures: dict[int, Population] = {}
    needs_population = budget.allocation_key != Budget.AllocationKey.EQUAL
    if needs_population:
        if budget.population_date is None:
            raise ValidationError({"population_date": [_("Give the reference date of the population figures.")]})
        figures = organisation_selectors.population_on(members, budget.population_date)
        overrides = overrides or {}
        for m in members:
            if m.pk not in overrides:
                continue
            inhabitants, why = overrides[m.pk]
            if not (why or "").strip():
                raise ValidationError(
                    {"overrides": [_("Give the reason for overriding the population of %(name)s.") % {"name": m.name}]}
                )
            if isinstance(inhabitants, bool) or not isinstance(inhabitants, int) or inhabitants <= 0:
                raise ValidationError(
                    {
                        "overrides": [
                            _("The population of %(name)s must be a whole number above zero.") % {"name": m.name}
                        ]
                    }
                )
            figures[m.pk] = Population(
                municipality=m,
                reference_date=budget.population_date,
                inhabitants=inhabitants,
                source=_("Overridden: %(reason)s") % {"reason": why.strip()},
            )
        missing = [m.name for m in members if m.pk not in figures]
        if missing:
            raise DomainError(
                _("Population figures for %(date)s are missing for: %(names)s.")
                % {"date": budget.population_date.isoformat(), "names": ", ".join(missing)}
            )
    populations = {m.code: (figures[m.pk].inhabitants if needs_population else None) for m in members}
    fees = allocation.allocate(budget.allocation_key, total, populations, budget.base_fee)
    budget.fee_shares.all().delete()
    now = timezone.now()
    shares = []
    for m in members:
        fig = figures.get(m.pk)
        share = FeeShare(
            budget=budget,
            municipality=m,
            fee=fees[m.code],
            share_percent=allocation.share_percent(fees[m.code], total),
            population=fig.inhabitants if fig else None,
            population_date=fig.reference_date if fig else None,
            population_source=(fig.source if fig else "")[:300],
            population_figure=fig if fig is not None and fig.pk else None,
            allocated_at=now,
        )
        shares.append(audited_save(share, actor=actor, action=audit.FEES_ALLOCATED))
    return shares


# ---------------------------------------------------------------- outcome


@transaction.atomic
def outcome_set(*, actor, line: BudgetLine, period: int, amount, note: str = "") -> OutcomeEntry | None:
    """Record (or replace) a line's outcome for one period; an empty amount removes it."""
    line = BudgetLine.objects.select_related("budget").get(pk=line.pk)
    require_permission(actor, "change", line)
    if not isinstance(period, int) or isinstance(period, bool) or not 1 <= period <= line.budget.periods:
        raise ValidationError({"period": [_("The period must be between 1 and %(n)s.") % {"n": line.budget.periods}]})
    value = clean_amount(amount)
    entry = OutcomeEntry.objects.filter(line=line, period=period).first()
    if value is None:
        if entry:
            audited_delete(entry, actor=actor, action=audit.OUTCOME_DELETED)
        return None
    entry = entry or OutcomeEntry(line=line, period=period)
    entry.amount = value
    entry.note = note
    return audited_save(entry, actor=actor, action=audit.OUTCOME_SET)


@transaction.atomic
def outcome_grid_save(*, actor, budget: Budget, amounts: dict[tuple[int, int], str]) -> int:
    """Save a grid of outcomes ({(line id, period): amount text}; empty text removes the entry).

    All or nothing: every cell is tried, and if any is refused nothing is saved and a DomainError
    keyed by (line id, period) lists each refused cell's messages. Returns the number of cells saved.
    """
    require_permission(actor, "change", budget)
    lines = {ln.pk: ln for ln in budget.lines.all()}
    if any(line_id not in lines for line_id, _period in amounts):
        raise DomainError(_("The line does not belong to this budget."))
    saved, refused = try_each(
        ((line_id, period), partial(outcome_set, actor=actor, line=lines[line_id], period=period, amount=amount))
        for (line_id, period), amount in amounts.items()
    )
    if refused:
        raise DomainError(dict(refused))
    return saved
