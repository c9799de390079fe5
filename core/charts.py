"""Server-rendered, accessible SVG charts: the one chart module (no JavaScript, no CDN).

Every chart is an inline ``<svg role="img">`` labelled by its ``<title>`` and ``<desc>``; the page or
document puts a table with the same figures next to it (the accessible alternative). Numbers and
labels are written by core.formatting (Swedish thousands grouping, decimal comma).

Layout rules, so that a chart never misleads or becomes unreadable:
- The value axis starts at zero (or below, when there are negative values) and ends at a "nice"
  round value above the largest one; ticks are round steps (1, 2, 2.5 or 5 × 10ⁿ).
- No two pieces of text overlap. Widths are estimated as ``len(text) × font size × CHAR_WIDTH``
  (``text_width``), a deliberate overestimate for Arial/Helvetica digits and lower-case letters; the
  margins grow to fit the widest tick label, series labels are spread apart vertically (with a leader
  line to their series), year labels are thinned out and category labels staggered.
- Each series of a line chart has its own colour AND dash pattern AND marker shape, so no
  information is carried by colour alone.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.formatting import sv_number

#: Estimated width of one character in em (used for every layout decision and by the tests).
CHAR_WIDTH = 0.6
FONT_SIZE = 12
TEXT_COLOUR = "#1b1b1b"
GRID_COLOUR = "#d0d0d0"
AXIS_COLOUR = "#767676"
COLOURS = [
    "#1b4f8a",
    "#b3361f",
    "#2d7a2d",
    "#6b3fa0",
    "#8a5a00",
    "#0b6e74",
    "#a0135e",
    "#4a4a4a",
    "#000000",
    "#5c5c00",
    "#7a2e00",
]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4", "12 3 3 3", "3 6", "5 2 1 2", "7 7"]
MARKERS = ["circle", "square", "triangle", "diamond"]
BAR_COLOUR = "#0b4f8a"
LINE_COLOUR = "#7a4d00"


def text_width(text: str, font_size: float = FONT_SIZE) -> float:
    """The estimated width of `text` in px (see the module docstring)."""
    return len(text) * font_size * CHAR_WIDTH


@dataclass(frozen=True)
class Box:
    """A text's bounding box: left, top, right, bottom in px."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom
        )


def text_box(x: float, y: float, text: str, font_size: float = FONT_SIZE, anchor: str = "start") -> Box:
    """The box of a <text> at baseline (x, y) with `text-anchor` start, middle or end."""
    width = text_width(text, font_size)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(left, y - font_size * 0.8, left + width, y + font_size * 0.2)


# -- axes ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Axis:
    low: float
    high: float
    step: float

    @property
    def ticks(self) -> list[float]:
        count = round((self.high - self.low) / self.step)
        return [self.low + i * self.step for i in range(count + 1)]

    @property
    def decimals(self) -> int:
        """Decimals needed to write every tick exactly (0 for steps of 1 and above)."""
        return next((d for d in range(4) if abs(round(self.step, d) - self.step) < 1e-9), 3)


def _nice_step(span: float, max_ticks: int) -> float:
    raw = span / max_ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def value_axis(values: Sequence[float], *, max_ticks: int = 5) -> Axis:
    """A zero-based axis with round ticks covering `values` (down to the lowest value if negative)."""
    low = min([0.0, *values])
    high = max([0.0, *values])
    if high == low:
        high = low + 1
    step = _nice_step(high - low, max_ticks)
    return Axis(low=math.floor(low / step) * step, high=math.ceil(high / step) * step, step=step)


def spread(positions: Sequence[float], *, gap: float, low: float, high: float) -> list[float]:
    """Move 1-D positions (label baselines) apart so neighbours are at least `gap` apart, staying
    within [low, high] when they fit, and as close to where they wanted to be as that allows."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = [positions[i] for i in order]
    for i in range(len(placed)):
        placed[i] = max(placed[i], low if i == 0 else placed[i - 1] + gap)
    for i in reversed(range(len(placed))):
        placed[i] = min(placed[i], high if i == len(placed) - 1 else placed[i + 1] - gap)
    for i in range(1, len(placed)):  # when they do not all fit, keep them apart below `high`
        placed[i] = max(placed[i], placed[i - 1] + gap)
    result = [0.0] * len(positions)
    for slot, index in enumerate(order):
        result[index] = placed[slot]
    return result


# -- the SVG frame ---------------------------------------------------------------------------------------


def _frame(width: float, height: float, chart_id: str, title: str, description: str, css_class: str) -> str:
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" class="{css_class}" width="100%">'
        f'<title id="{title_id}">{escape(title)}</title><desc id="{desc_id}">{escape(description)}</desc>'
    )


def _text(
    x: float, y: float, text: str, *, anchor: str = "start", colour: str = TEXT_COLOUR, font_size: float = FONT_SIZE
) -> str:
    anchor_attr = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return f'<text x="{x:.1f}" y="{y:.1f}"{anchor_attr} font-size="{font_size:g}" fill="{colour}">{escape(text)}</text>'


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6" fill="{colour}"/>'
    if kind == "triangle":
        pts = f"{x:.1f},{y - 4:.1f} {x - 4:.1f},{y + 3:.1f} {x + 4:.1f},{y + 3:.1f}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if kind == "diamond":
        pts = f"{x:.1f},{y - 4:.1f} {x - 4:.1f},{y:.1f} {x:.1f},{y + 4:.1f} {x + 4:.1f},{y:.1f}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>'


def _tick_text(axis: Axis, value: float, fmt: Callable[[float], str] | None) -> str:
    return fmt(value) if fmt else sv_number(Decimal(str(value)), axis.decimals)


# -- line chart (values over the years) -------------------------------------------------------------------


@dataclass
class LineChart:
    """The laid-out chart: its axis and every piece of text, before it is written as SVG."""

    width: float
    height: float
    axis: Axis | None
    parts: list[str] = field(default_factory=list)
    texts: list[tuple[float, float, str, str]] = field(default_factory=list)  # x, y, text, anchor

    def boxes(self) -> list[Box]:
        return [text_box(x, y, text, FONT_SIZE, anchor) for x, y, text, anchor in self.texts]


def line_chart_layout(
    series: list[tuple[str, dict[int, Decimal | None]]],
    *,
    title: str,
    description: str,
    chart_id: str = "chart",
    width: int = 760,
    height: int = 380,
    fmt: Callable[[float], str] | None = None,
) -> LineChart:
    """Lay out a line chart of [(label, {year: value})]; see `line_chart`."""
    chart = LineChart(width=width, height=height, axis=None)
    chart.parts.append(_frame(width, height, chart_id, title, description, "line-chart"))
    years = sorted({y for _label, values in series for y, v in values.items() if v is not None})
    points = [float(v) for _label, values in series for v in values.values() if v is not None]
    if not years or not points:
        return chart
    axis = chart.axis = value_axis(points)
    tick_texts = [_tick_text(axis, t, fmt) for t in axis.ticks]
    labels = [label for label, values in series if any(v is not None for v in values.values())]
    left = max(text_width(t) for t in tick_texts) + 12
    right = min(max(text_width(label) for label in labels) + 28, width / 3)
    top, bottom = 16, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    span_years = max(years[-1] - years[0], 1)

    def sx(year):
        return left + (year - years[0]) / span_years * plot_w

    def sy(value):
        return top + (1 - (value - axis.low) / (axis.high - axis.low)) * plot_h

    def add_text(x, y, text, anchor="start", colour=TEXT_COLOUR):
        chart.texts.append((x, y, text, anchor))
        chart.parts.append(_text(x, y, text, anchor=anchor, colour=colour))

    chart.parts.append(
        f'<rect x="{left:.1f}" y="{top}" width="{plot_w:.1f}" height="{plot_h}" fill="#fff" stroke="{AXIS_COLOUR}"/>'
    )
    for tick, text in zip(axis.ticks, tick_texts, strict=True):
        y = sy(tick)
        chart.parts.append(
            f'<line x1="{left:.1f}" x2="{left + plot_w:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID_COLOUR}"/>'
        )
        add_text(left - 6, y + 4, text, anchor="end")
    year_width = text_width("0000") + 8
    per_year = plot_w / span_years
    step = max(1, math.ceil(year_width / per_year))
    for year in years[::step]:
        add_text(sx(year), height - bottom + 18, str(year), anchor="middle")
    drawn = []
    for index, (label, values) in enumerate(series):
        pts = [(y, float(v)) for y, v in sorted(values.items()) if v is not None]
        if not pts:
            continue
        colour, dash, marker = (
            COLOURS[index % len(COLOURS)],
            DASHES[index % len(DASHES)],
            MARKERS[index % len(MARKERS)],
        )
        path = " ".join(f"{sx(y):.1f},{sy(v):.1f}" for y, v in pts)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        chart.parts.append(f'<g><polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>')
        chart.parts.extend(_marker(marker, sx(y), sy(v), colour) for y, v in pts)
        chart.parts.append("</g>")
        drawn.append((label, colour, sx(pts[-1][0]), sy(pts[-1][1])))
    # Series labels in the right margin, spread apart, each joined to its last point by a thin line.
    label_x = left + plot_w + text_width("0000") / 2 + 6  # clear of the last year label below the plot
    baselines = spread([y + 4 for _l, _c, _x, y in drawn], gap=FONT_SIZE + 2, low=FONT_SIZE, high=top + plot_h + 4)
    for (label, colour, x, y), baseline in zip(drawn, baselines, strict=True):
        chart.parts.append(
            f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{label_x - 3:.1f}" y2="{baseline - 4:.1f}" '
            f'stroke="{colour}" stroke-width="1"/>'
        )
        add_text(label_x, baseline, label, colour=colour)
    return chart


def line_chart(
    series: list[tuple[str, dict[int, Decimal | None]]],
    *,
    title: str,
    description: str,
    chart_id: str = "chart",
    width: int = 760,
    height: int = 380,
    fmt: Callable[[float], str] | None = None,
) -> SafeString:
    """An inline <svg role="img"> with <title> and <desc>; series is [(label, {year: value})]."""
    chart = line_chart_layout(
        series, title=title, description=description, chart_id=chart_id, width=width, height=height, fmt=fmt
    )
    return mark_safe("".join(chart.parts) + "</svg>")


# -- bars with a line (e.g. cumulative outcome against budget) ---------------------------------------------


def bar_line_chart_layout(
    points: list[dict],
    *,
    chart_id: str,
    title: str,
    description: str,
    bar_label: str,
    line_label: str,
    fmt: Callable[[float], str] | None = None,
    width: int = 640,
) -> LineChart:
    """Lay out bars (`point["bar"]`) with squares on a dashed line (`point["line"]`, may be None) per
    category (`point["label"]`), and a legend naming both; see `bar_line_chart`."""
    values = [float(p["bar"]) for p in points] + [float(p["line"]) for p in points if p["line"] is not None]
    axis = value_axis(values)
    tick_texts = [_tick_text(axis, t, fmt) for t in axis.ticks]
    left, right, top = max(text_width(t) for t in tick_texts) + 12, 20, 20
    plot_w, plot_h = width - left - right, 230
    slot = plot_w / len(points)
    labels = [str(p["label"]) for p in points]
    staggered = max(text_width(label) for label in labels) + 6 > slot
    legend_items = [(bar_label, "bar"), (line_label, "line")]
    legend_rows, x = [[]], left
    for text, kind in legend_items:  # the legend wraps onto a new row when the next item does not fit
        item_w = 20 + text_width(text) + 24
        if x + item_w > width - right and legend_rows[-1]:
            legend_rows.append([])
            x = left
        legend_rows[-1].append((x, text, kind))
        x += item_w
    axis_bottom = top + plot_h
    labels_bottom = axis_bottom + (32 if staggered else 18)
    height = labels_bottom + 12 + 20 * len(legend_rows)
    chart = LineChart(width=width, height=height, axis=axis)
    chart.parts.append(_frame(width, height, chart_id, title, description, "chart-svg"))

    def sy(value):
        return top + (1 - (value - axis.low) / (axis.high - axis.low)) * plot_h

    def add_text(x, y, text, anchor="start"):
        chart.texts.append((x, y, text, anchor))
        chart.parts.append(_text(x, y, text, anchor=anchor))

    for tick, text in zip(axis.ticks, tick_texts, strict=True):
        y = sy(tick)
        chart.parts.append(f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#c9ced6"/>')
        add_text(left - 6, y + 4, text, anchor="end")
    zero = sy(0)
    chart.parts.append(
        f'<line x1="{left:.1f}" y1="{zero:.1f}" x2="{width - right}" y2="{zero:.1f}" stroke="{TEXT_COLOUR}"/>'
    )
    chart.parts.append(f'<line x1="{left:.1f}" y1="{top}" x2="{left:.1f}" y2="{axis_bottom}" stroke="{TEXT_COLOUR}"/>')
    bar_w = slot * 0.5
    line_points = []
    for i, p in enumerate(points):
        x = left + slot * i + (slot - bar_w) / 2
        y_top, y_base = sorted((sy(float(p["bar"])), zero))
        value_text = fmt(float(p["bar"])) if fmt else sv_number(p["bar"])
        chart.parts.append(
            f'<rect x="{x:.1f}" y="{y_top:.1f}" width="{bar_w:.1f}" height="{y_base - y_top:.1f}" '
            f'fill="{BAR_COLOUR}"><title>{escape(labels[i])}: {escape(value_text)}</title></rect>'
        )
        add_text(x + bar_w / 2, axis_bottom + (30 if staggered and i % 2 else 16), labels[i], anchor="middle")
        if p["line"] is not None:
            line_points.append((x + bar_w / 2, sy(float(p["line"]))))
    if line_points:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in line_points)
        chart.parts.append(
            f'<polyline points="{path}" fill="none" stroke="{LINE_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
        chart.parts.extend(
            f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{LINE_COLOUR}"/>'
            for x, y in line_points
        )
    for row, items in enumerate(legend_rows):
        y = labels_bottom + 20 + 20 * row
        for x, text, kind in items:
            if kind == "bar":
                chart.parts.append(f'<rect x="{x:.1f}" y="{y - 10}" width="14" height="10" fill="{BAR_COLOUR}"/>')
            else:
                chart.parts.append(f'<rect x="{x + 2:.1f}" y="{y - 10}" width="10" height="10" fill="{LINE_COLOUR}"/>')
            add_text(x + 20, y, text)
    return chart


def bar_line_chart(
    points: list[dict],
    *,
    chart_id: str,
    title: str,
    description: str,
    bar_label: str,
    line_label: str,
    fmt: Callable[[float], str] | None = None,
    width: int = 640,
) -> SafeString:
    """Bars with a dashed line of squares, as an inline <svg role="img"> with <title> and <desc>;
    empty when there are no points."""
    if not points:
        return mark_safe("")
    chart = bar_line_chart_layout(
        points,
        chart_id=chart_id,
        title=title,
        description=description,
        bar_label=bar_label,
        line_label=line_label,
        fmt=fmt,
        width=width,
    )
    return mark_safe("".join(chart.parts) + "</svg>")
