"""Allocation keys: split a whole-krona total between municipalities, exactly.

Pure functions without the database, so the rules can be property-tested (budget/tests/test_allocation.py).

Every key works the same way: each municipality gets an exact rational quota (Fraction); the
quotas add up to the total. Each is rounded down to whole kronor and the kronor left over are
handed out one at a time by the largest-remainder method (Hamilton). Ties in the remainder go to
the larger weight, then to the smaller key (SCB code), so the result is deterministic and equal
inputs give fees that differ by at most one krona.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

EQUAL = "equal"
PER_INHABITANT = "per_inhabitant"
BASE_PLUS_PER_INHABITANT = "base_plus_per_inhabitant"
KEYS = (EQUAL, PER_INHABITANT, BASE_PLUS_PER_INHABITANT)


def largest_remainder(total: int, weights: Mapping[Hashable, int]) -> dict:
    """Split `total` whole kronor in proportion to `weights` (positive integers), exactly."""
    if not weights:
        return {}
    weight_sum = sum(weights.values())
    quotas = {key: Fraction(total * w, weight_sum) for key, w in weights.items()}
    shares = {key: q.numerator // q.denominator for key, q in quotas.items()}
    left = total - sum(shares.values())
    order = sorted(weights, key=lambda k: (-(quotas[k] - shares[k]), -weights[k], str(k)))
    for key in order[:left]:
        shares[key] += 1
    return shares


def validate_inputs(key: str, total: int | None, populations: Mapping[Hashable, int | None], base_fee: int | None):
    """Raise ValidationError (Swedish once translated) when the inputs cannot be allocated."""
    if key not in KEYS:
        raise ValidationError(_("Unknown allocation key."), code="unknown_key")
    if total is None:
        raise ValidationError(_("The fee total is not set, so the fees cannot be allocated."), code="no_total")
    if isinstance(total, bool) or not isinstance(total, int) or total < 0:
        raise ValidationError(_("The fee total must be a whole, non-negative number of kronor."), code="bad_total")
    if not populations:
        raise ValidationError(_("There are no member municipalities to share the fees."), code="no_members")
    if key in (PER_INHABITANT, BASE_PLUS_PER_INHABITANT):
        for value in populations.values():
            if value is None:
                raise ValidationError(
                    _("A population figure is missing for the allocation per inhabitant."), code="no_population"
                )
            if value <= 0:
                raise ValidationError(_("A population must be larger than zero."), code="zero_population")
    if key == BASE_PLUS_PER_INHABITANT:
        if base_fee is None or base_fee < 0:
            raise ValidationError(_("The base fee must be a whole, non-negative number of kronor."), code="bad_base")
        if base_fee * len(populations) > total:
            raise ValidationError(
                _("The base fees (%(base)s kr × %(n)s) are larger than the total to allocate.")
                % {"base": base_fee, "n": len(populations)},
                code="base_too_large",
            )


def allocate(key: str, total: int, populations: Mapping[Hashable, int | None], base_fee: int | None = None) -> dict:
    """Fees per municipality (whole kronor) summing exactly to `total`."""
    validate_inputs(key, total, populations, base_fee)
    if key == EQUAL:
        return largest_remainder(total, {k: 1 for k in populations})
    if key == PER_INHABITANT:
        return largest_remainder(total, dict(populations))
    rest = total - base_fee * len(populations)
    variable = largest_remainder(rest, dict(populations))
    return {k: base_fee + v for k, v in variable.items()}


def share_percent(fee: int, total: int) -> Decimal:
    """The fee as a percentage of the total, two decimals."""
    if not total:
        return Decimal("0.00")
    return (Decimal(fee) * 100 / Decimal(total)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
