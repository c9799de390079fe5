"""The one chart module: zero-based round axes, text that never overlaps, accessible SVG."""

import re
from decimal import Decimal
from html import unescape

import pytest

from core import charts
from core.formatting import kronor

TEXT = re.compile(
    r'<text x="([\d.-]+)" y="([\d.-]+)"(?: text-anchor="(\w+)")? font-size="([\d.]+)"[^>]*>([^<]*)</text>'
)


def text_boxes(svg: str) -> list[tuple[str, charts.Box]]:
    """Every <text> of the SVG with its box, by the module's own width estimate."""
    return [
        (unescape(t), charts.text_box(float(x), float(y), unescape(t), float(size), anchor or "start"))
        for x, y, anchor, size, t in TEXT.findall(svg)
    ]


def assert_readable(svg: str, width: float):
    """No two texts overlap and none sticks out of the chart on the left or right."""
    boxes = text_boxes(svg)
    assert boxes, "the chart has no text"
    for i, (text_a, a) in enumerate(boxes):
        assert 0 <= a.left and a.right <= width, f"{text_a!r} sticks out: {a}"
        for text_b, b in boxes[i + 1 :]:
            assert not a.overlaps(b), f"{text_a!r} overlaps {text_b!r}"


@pytest.mark.parametrize(
    "values,expected",
    [
        ([88901, 2198044, 7000], (0, 2_500_000, 500_000)),
        ([75.1, 80.4], (0, 100, 20)),
        ([0.3, 0.42], (0, 0.5, 0.1)),
        ([-120, 430], (-200, 600, 200)),
        ([0, 0], (0, 1, 0.2)),
        ([860_000], (0, 1_000_000, 200_000)),
    ],
)
def test_value_axis_starts_at_zero_and_ends_on_a_round_value(values, expected):
    axis = charts.value_axis(values)
    assert (axis.low, axis.high, axis.step) == pytest.approx(expected)


def test_axis_ticks_and_their_decimals():
    axis = charts.value_axis([0.3, 0.42])
    assert axis.ticks == pytest.approx([0, 0.1, 0.2, 0.3, 0.4, 0.5]) and axis.decimals == 1
    assert charts.value_axis([2198044]).decimals == 0


def test_spread_moves_labels_apart_within_bounds():
    assert charts.spread([100, 101, 102], gap=14, low=0, high=400) == [100, 114, 128]
    assert charts.spread([395, 396], gap=14, low=0, high=400) == [386, 400]
    assert charts.spread([50, 10], gap=14, low=0, high=400) == [50, 10]  # far enough apart: unchanged


def test_text_box_follows_the_anchor():
    assert charts.text_width("2000") == pytest.approx(28.8)
    box = charts.text_box(100, 50, "2000", anchor="middle")
    assert (box.left, box.top, box.right, box.bottom) == pytest.approx((85.6, 40.4, 114.4, 52.4))
    assert charts.text_box(100, 50, "2000", anchor="end").right == 100


def test_line_chart_is_an_accessible_svg_with_swedish_numbers():
    svg = charts.line_chart(
        [("Botkyrka", {2013: Decimal("87580"), 2014: Decimal("88901")})],
        title="Invånare <totalt>",
        description="Linjediagram",
        chart_id="c1",
    )
    assert svg.startswith(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 760 380" role="img" aria-labelledby="c1-title c1-desc"'
    )
    assert '<title id="c1-title">Invånare &lt;totalt&gt;</title><desc id="c1-desc">Linjediagram</desc>' in svg
    assert [t for t, _b in text_boxes(svg)] == [
        "0",
        "20\u00a0000",
        "40\u00a0000",
        "60\u00a0000",
        "80\u00a0000",
        "100\u00a0000",
        "2013",
        "2014",
        "Botkyrka",
    ]
    assert_readable(svg, 760)


def test_empty_line_chart_still_has_title_and_desc():
    svg = charts.line_chart([("A", {2014: None})], title="T", description="D", chart_id="e")
    assert svg.endswith('<title id="e-title">T</title><desc id="e-desc">D</desc></svg>')


def test_close_series_get_labels_that_do_not_overlap():
    series = [
        (f"Kommun nummer {i}", {year: Decimal(10_000 + i * 50 + year) for year in range(2000, 2015)}) for i in range(11)
    ]
    chart = charts.line_chart_layout(series, title="T", description="D")
    labels = [(x, y) for x, y, text, _a in chart.texts if text.startswith("Kommun")]
    assert len(labels) == 11 and len({x for x, _y in labels}) == 1
    assert_readable("".join(chart.parts), 760)


def test_bar_line_chart_axis_labels_and_legend():
    points = [
        {"label": label, "bar": 50_000 * (i + 1), "line": 71_667 * (i + 1)}
        for i, label in enumerate(["jan–apr", "maj–aug", "sep–dec"])
    ]
    chart = charts.bar_line_chart_layout(
        points,
        chart_id="o",
        title="T",
        description="D",
        fmt=kronor,
        bar_label="Ackumulerat utfall",
        line_label="Ackumulerad budget (jämnt fördelad), streckad linje",
    )
    assert (chart.axis.low, chart.axis.high, chart.axis.step) == (0, 250_000, 50_000)
    texts = [t for _x, _y, t, _a in chart.texts]
    assert texts[:6] == [
        "0\u00a0kr",
        "50\u00a0000\u00a0kr",
        "100\u00a0000\u00a0kr",
        "150\u00a0000\u00a0kr",
        "200\u00a0000\u00a0kr",
        "250\u00a0000\u00a0kr",
    ]
    assert texts[6:] == [
        "jan–apr",
        "maj–aug",
        "sep–dec",
        "Ackumulerat utfall",
        "Ackumulerad budget (jämnt fördelad), streckad linje",
    ]
    svg = charts.bar_line_chart(
        points, chart_id="o", title="T", description="D", fmt=kronor, bar_label="a", line_label="b"
    )
    assert 'role="img" aria-labelledby="o-title o-desc"' in svg
    assert_readable("".join(chart.parts), 640)
    assert charts.bar_line_chart([], chart_id="o", title="T", description="D", bar_label="a", line_label="b") == ""


def test_twelve_long_month_labels_are_staggered_not_overlapping():
    months = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ]
    points = [{"label": m, "bar": 1000 * i, "line": None} for i, m in enumerate(months, start=1)]
    chart = charts.bar_line_chart_layout(
        points, chart_id="m", title="T", description="D", bar_label="a", line_label="b"
    )
    rows = {y for _x, y, t, _a in chart.texts if t in months}
    assert len(rows) == 2  # staggered on two rows
    assert_readable("".join(chart.parts), 640)
