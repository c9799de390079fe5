"""Properties of the allocation keys (hypothesis) and the exact 2011 split of seed 001."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from budget import allocation

populations = st.dictionaries(
    keys=st.from_regex(r"\A[0-9]{4}\Z"), values=st.integers(min_value=1, max_value=2_000_000), min_size=1, max_size=30
)
totals = st.integers(min_value=0, max_value=50_000_000)


def _check_exact(fees, total, keys):
    assert set(fees) == set(keys)
    assert sum(fees.values()) == total
    for fee in fees.values():
        assert isinstance(fee, int) and not isinstance(fee, bool)
        assert fee >= 0


@settings(max_examples=300)
@given(pops=populations, total=totals)
def test_equal_shares_sum_exactly_and_differ_by_at_most_one_krona(pops, total):
    fees = allocation.allocate(allocation.EQUAL, total, pops)
    _check_exact(fees, total, pops)
    assert max(fees.values()) - min(fees.values()) <= 1


@settings(max_examples=300)
@given(pops=populations, total=totals)
def test_per_inhabitant_sums_exactly_and_is_monotone_in_population(pops, total):
    fees = allocation.allocate(allocation.PER_INHABITANT, total, pops)
    _check_exact(fees, total, pops)
    for a in pops:
        for b in pops:
            if pops[a] > pops[b]:
                assert fees[a] >= fees[b]
            if pops[a] == pops[b]:
                assert abs(fees[a] - fees[b]) <= 1


@settings(max_examples=300)
@given(pops=populations, total=totals, data=st.data())
def test_base_plus_per_inhabitant_sums_exactly_and_is_monotone(pops, total, data):
    base = data.draw(st.integers(min_value=0, max_value=total // len(pops)))
    fees = allocation.allocate(allocation.BASE_PLUS_PER_INHABITANT, total, pops, base)
    _check_exact(fees, total, pops)
    assert all(fee >= base for fee in fees.values())
    for a in pops:
        for b in pops:
            if pops[a] > pops[b]:
                assert fees[a] >= fees[b]
            if pops[a] == pops[b]:
                assert abs(fees[a] - fees[b]) <= 1


@settings(max_examples=200)
@given(pops=populations, total=totals)
def test_each_fee_is_within_one_krona_of_the_exact_quota(pops, total):
    from fractions import Fraction

    fees = allocation.allocate(allocation.PER_INHABITANT, total, pops)
    weight = sum(pops.values())
    for key, fee in fees.items():
        assert abs(Fraction(fee) - Fraction(total * pops[key], weight)) < 1


@given(pops=populations, total=totals)
def test_allocation_is_deterministic_whatever_the_input_order(pops, total):
    reversed_pops = dict(reversed(list(pops.items())))
    assert allocation.allocate(allocation.PER_INHABITANT, total, pops) == allocation.allocate(
        allocation.PER_INHABITANT, total, reversed_pops
    )


SODERTORN_2010 = {  # population 31 Dec 2010 (budget/data/, Södertörnsmodellen)
    "0127": 82608,
    "0136": 77054,
    "0126": 97453,
    "0140": 9331,
    "0192": 26032,
    "0128": 15391,
    "0181": 86246,
    "0138": 42947,
}


def test_seed_2011_split_per_inhabitant():
    assert sum(SODERTORN_2010.values()) == 437_062
    fees = allocation.allocate(allocation.PER_INHABITANT, 860_000, SODERTORN_2010)
    assert sum(fees.values()) == 860_000
    assert fees["0126"] == 191_757  # Huddinge: 860000 × 97453 / 437062 = 191756.77… rounded up by the remainder
    assert fees["0140"] == 18_360


def test_equal_three_way_split_of_100_gives_34_33_33():
    fees = allocation.allocate(allocation.EQUAL, 100, {"0001": 1, "0002": 1, "0003": 1})
    assert sorted(fees.values()) == [33, 33, 34]
    assert fees["0001"] == 34  # the tie goes to the smallest code: deterministic


@pytest.mark.parametrize(
    "key,total,pops,base,code",
    [
        (allocation.PER_INHABITANT, 1000, {"0001": 0, "0002": 5}, None, "zero_population"),
        (allocation.BASE_PLUS_PER_INHABITANT, 1000, {"0001": 1, "0002": 5}, 600, "base_too_large"),
        (allocation.PER_INHABITANT, -1, {"0001": 1}, None, "bad_total"),
        (allocation.PER_INHABITANT, None, {"0001": 1}, None, "no_total"),
        (allocation.EQUAL, 100, {}, None, "no_members"),
        ("lottery", 100, {"0001": 1}, None, "unknown_key"),
    ],
)
def test_bad_inputs_are_refused(key, total, pops, base, code):
    with pytest.raises(ValidationError) as exc:
        allocation.allocate(key, total, pops, base)
    assert exc.value.code == code


def test_share_percent():
    assert str(allocation.share_percent(191_757, 860_000)) == "22.30"
    assert str(allocation.share_percent(0, 0)) == "0.00"
