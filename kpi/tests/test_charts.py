"""The demo's population chart (N01951): a zero-based axis, no negative population, no overlapping
labels, and an accessible SVG (role="img" labelled by its title and description)."""

import re

import pytest

from core import charts
from core.tests.test_charts import assert_readable, text_boxes
from kpi import selectors
from kpi.models import KeyFigure


@pytest.mark.django_db
def test_demo_population_chart_has_a_zero_based_axis_and_readable_labels(kpi_demo, client):
    figure = KeyFigure.objects.get(kolada_id="N01951")
    trend = selectors.figure_trend(figure, kpi_demo)
    chart = charts.line_chart_layout([(name, values) for _c, name, values in trend.series], title="T", description="D")
    assert (chart.axis.low, chart.axis.high, chart.axis.step) == (0, 2_500_000, 500_000)

    html = client.get("/sodertorn/nyckeltal/tal/N01951/").content.decode()
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert re.match(r'<svg [^>]*role="img" aria-labelledby="chart-N01951-title chart-N01951-desc"', svg)
    assert '<title id="chart-N01951-title">Invånare totalt, antal (Totalt), 2000–2014</title>' in svg
    assert '<desc id="chart-N01951-desc">Linjediagram' in svg
    texts = [t for t, _box in text_boxes(svg)]
    members = ["Botkyrka", "Haninge", "Huddinge", "Nykvarn", "Nynäshamn", "Salem", "Södertälje", "Tyresö"]
    # The page draws the members only (the county is left to the table): the axis fits them, from zero.
    assert texts[:6] == ["0", "25\u00a0000", "50\u00a0000", "75\u00a0000", "100\u00a0000", "125\u00a0000"]
    assert not any(t.startswith(("-", "\u2212")) for t in texts)  # no negative population on the axis
    assert set(members) <= set(texts)
    assert_readable(svg, 760)


@pytest.mark.django_db
def test_population_chart_draws_the_members_and_leaves_the_county_to_the_table(kpi_demo, client):
    """The county's 2.2 million inhabitants would press the members' lines flat: the county and the country
    are left out of the chart (said in the caption) and stay in the table."""
    response = client.get("/sodertorn/nyckeltal/tal/N01951/")
    html = response.content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "Botkyrka" in svg and "Region Stockholm" not in svg
    assert "Region Stockholm" in html[html.index("</svg>") :]  # named in the caption, and in the table
    assert "finns bara i tabellen" in html
    assert response.context["chart"].count("−") == 0  # no negative tick on a population axis


def test_chart_series_keeps_comparable_series():
    from decimal import Decimal

    from kpi.views import chart_series

    series = [
        ("0127", "Botkyrka", {2010: Decimal("45.5")}),
        ("0001", "Län", {2010: Decimal("50.1")}),
        ("0000", "Riket", {2010: Decimal("3000")}),
    ]
    assert chart_series(series, {"0127"}) == (
        [("Botkyrka", {2010: Decimal("45.5")}), ("Län", {2010: Decimal("50.1")})],
        ["Riket"],
    )
