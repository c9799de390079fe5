from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi import selectors
from kpi.models import KeyFigure, KeyFigureValue
from kpi.selectors import cooperation_value
from organisations.models import Population


@pytest.mark.django_db
def test_values_for_reads_the_members_population_from_the_one_store(kpi_demo, django_assert_num_queries):
    with django_assert_num_queries(2):
        values = selectors.values_for("N01951", ["0127", "0126", "0001"], [2013, 2014])
    assert values == {
        ("0127", 2013): 87580,
        ("0127", 2014): 88901,
        ("0126", 2013): 102557,
        ("0126", 2014): 104185,
        ("0001", 2013): 2163042,
        ("0001", 2014): 2198044,
    }
    # Stored once: the members' population in organisations.Population, the county's as a key-figure value.
    assert not KeyFigureValue.objects.filter(figure__kolada_id="N01951", area__type="K").exists()
    botkyrka = Population.objects.get(municipality__code="0127", year=2014)
    assert (botkyrka.inhabitants, botkyrka.source_kind) == (88901, "test_data")
    assert "ddf--sodertornsmodellen" in botkyrka.source
    assert selectors.values_for("N01951", ["0127"], [1990]) == {}


@pytest.mark.django_db
def test_comparison_weights_rates_by_population_and_sums_counts(kpi_demo):
    table = selectors.comparison(kpi_demo.kpi_group, 2010)
    assert [r.name for r in table.members] == [
        "Botkyrka",
        "Haninge",
        "Huddinge",
        "Nykvarn",
        "Nynäshamn",
        "Salem",
        "Södertälje",
        "Tyresö",
    ]
    ids = [f.kolada_id for f in table.figures]
    pop_i, emp_i = ids.index("N01951"), ids.index("N02267")
    pops = {r.code: r.cells[pop_i].value for r in table.members}
    emps = {r.code: r.cells[emp_i].value for r in table.members}
    # The 2010 rows of the test data (kpi/data/sodertornsmodellen_*.csv; employment × 100, six decimals).
    assert pops == {
        "0127": 82608,
        "0136": 77054,
        "0126": 97453,
        "0140": 9331,
        "0192": 26032,
        "0128": 15391,
        "0181": 86246,
        "0138": 42947,
    }
    assert emps == {
        "0127": Decimal("70.339685"),
        "0136": Decimal("76.861754"),
        "0126": Decimal("75.981556"),
        "0140": Decimal("86.386233"),
        "0192": Decimal("76.864309"),
        "0128": Decimal("83.119684"),
        "0181": Decimal("70.529017"),
        "0138": Decimal("81.900754"),
    }
    average = table.summary[0]
    assert average.cells[pop_i].value == 437062 and average.cells[pop_i].method == "sum"
    # Σ(rate × population) / Σ population = 32824290.838739 / 437062 = 75.102138458...
    weighted = Decimal("75.10213845801968599420677158")
    assert average.cells[emp_i].value == pytest.approx(weighted, abs=Decimal("0.00001"))
    assert average.cells[emp_i].method == "weighted"
    unweighted = Decimal("77.747874")  # Σ rate / 8
    assert abs(weighted - unweighted) > Decimal("0.01")  # the weighting matters on real data
    ranks = sorted((r.cells[emp_i].rank, r.cells[emp_i].value) for r in table.members)
    assert [rank for rank, _v in ranks] == list(range(1, 9))
    assert all(a[1] >= b[1] for a, b in zip(ranks, ranks[1:], strict=False))  # higher is better
    botkyrka = table.members[0].cells[pop_i]
    assert botkyrka.change == botkyrka.value - selectors.values_for("N01951", ["0127"], [2009])[("0127", 2009)]
    assert botkyrka.change > 0
    assert [r.kind for r in table.summary] == ["average", "kolada_group", "county", "country"]


@pytest.mark.django_db
def test_comparison_sorts(kpi_demo):
    table = selectors.comparison(kpi_demo.kpi_group, 2014, sort="N01951", descending=True)
    assert table.members[0].name == "Huddinge" and table.members[-1].name == "Nykvarn"
    table = selectors.comparison(kpi_demo.kpi_group, 2014, sort="name", descending=True)
    assert table.members[0].name == "Tyresö"


@given(
    st.lists(
        st.tuples(st.decimals(min_value=0, max_value=100, places=2), st.integers(min_value=1, max_value=10**6)),
        min_size=1,
        max_size=10,
    )
)
def test_weighted_mean_lies_between_min_and_max(pairs):
    figure = KeyFigure(kolada_id="N02267", is_count=False)
    values = {f"{i:04d}": v for i, (v, _p) in enumerate(pairs)}
    population = {f"{i:04d}": Decimal(p) for i, (_v, p) in enumerate(pairs)}
    value, method = cooperation_value(figure, values, population)
    assert method == "weighted"
    assert min(values.values()) - Decimal("0.000001") <= value <= max(values.values()) + Decimal("0.000001")


def test_rates_fall_back_to_unweighted_without_population():
    figure = KeyFigure(kolada_id="N02267", is_count=False)
    value, method = cooperation_value(figure, {"0127": Decimal(70), "0136": Decimal(80)}, {"0127": Decimal(1)})
    assert (value, method) == (Decimal(75), "unweighted")
    assert cooperation_value(figure, {"0127": None}, {}) == (None, None)
