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
    chart = charts.line_chart_layout([(name, values) for _c, name, values in trend.series], title="T",
                                     description="D")
    assert (chart.axis.low, chart.axis.high, chart.axis.step) == (0, 2_500_000, 500_000)

    html = client.get("/sodertorn/nyckeltal/tal/N01951/").content.decode()
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert re.match(r'<svg [^>]*role="img" aria-labelledby="chart-N01951-title chart-N01951-desc"', svg)
    assert '<title id="chart-N01951-title">Invånare totalt, antal (Totalt), 2000–2014</title>' in svg
    assert '<desc id="chart-N01951-desc">Linjediagram' in svg
    texts = [t for t, _box in text_boxes(svg)]
    assert texts[:6] == ["0", "500\u00a0000", "1\u00a0000\u00a0000", "1\u00a0500\u00a0000", "2\u00a0000\u00a0000",
                         "2\u00a0500\u00a0000"]
    assert not any(t.startswith(("-", "\u2212")) for t in texts)  # no negative population on the axis
    members = ["Botkyrka", "Haninge", "Huddinge", "Nykvarn", "Nynäshamn", "Salem", "Södertälje", "Tyresö"]
    assert set(members) <= set(texts)
    assert_readable(svg, 760)
