"""Server-rendered, accessible SVG line charts (no JavaScript, no CDN).

Each series gets its own colour AND dash pattern AND marker shape, and is labelled at its last point,
so no information is carried by colour alone. The page puts a data table next to every chart.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

COLOURS = ["#1b4f8a", "#b3361f", "#2d7a2d", "#6b3fa0", "#8a5a00", "#0b6e74", "#a0135e", "#4a4a4a",
           "#000000", "#5c5c00", "#7a2e00"]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4", "12 3 3 3", "3 6", "5 2 1 2", "7 7"]
MARKERS = ["circle", "square", "triangle", "diamond"]


def _fmt(value: float) -> str:
    if abs(value) >= 1000:
        return f"{value:,.0f}".replace(",", "\u00a0")
    if abs(value) >= 10:
        return f"{value:.1f}".replace(".", ",")
    return f"{value:.2f}".replace(".", ",")


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


def line_chart(series: list[tuple[str, dict[int, Decimal | None]]], *, title: str, description: str,
               chart_id: str = "chart", width: int = 760, height: int = 380) -> str:
    """An inline <svg role="img"> with <title> and <desc>; series is [(label, {year: value})]."""
    years = sorted({y for _label, values in series for y, v in values.items() if v is not None})
    points = [float(v) for _label, values in series for v in values.values() if v is not None]
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
            f'aria-labelledby="{title_id} {desc_id}" class="line-chart" width="100%">'
            f'<title id="{title_id}">{escape(title)}</title><desc id="{desc_id}">{escape(description)}</desc>')
    if not years or not points:
        return mark_safe(head + "</svg>")
    left, right, top, bottom = 70, 170, 20, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    low, high = min(points), max(points)
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.05
    low, high = low - pad, high + pad
    span_years = max(years[-1] - years[0], 1)

    def sx(year):
        return left + (year - years[0]) / span_years * plot_w

    def sy(value):
        return top + (1 - (value - low) / (high - low)) * plot_h

    parts = [head, f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="#fff" stroke="#767676"/>']
    for i in range(5):
        value = low + (high - low) * i / 4
        y = sy(value)
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d0d0"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" fill="#222">'
                     f'{_fmt(value)}</text>')
    step = max(1, len(years) // 8)
    for year in years[::step]:
        parts.append(f'<text x="{sx(year):.1f}" y="{height - bottom + 18}" text-anchor="middle" font-size="12" '
                     f'fill="#222">{year}</text>')
    for index, (label, values) in enumerate(series):
        pts = [(y, float(v)) for y, v in sorted(values.items()) if v is not None]
        if not pts:
            continue
        colour, dash, marker = (COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)],
                                MARKERS[index % len(MARKERS)])
        path = " ".join(f"{sx(y):.1f},{sy(v):.1f}" for y, v in pts)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<g><polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>')
        parts.extend(_marker(marker, sx(y), sy(v), colour) for y, v in pts)
        last_y, last_v = pts[-1]
        parts.append(f'<text x="{sx(last_y) + 8:.1f}" y="{sy(last_v) + 4:.1f}" font-size="12" fill="{colour}">'
                     f'{escape(label)}</text></g>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
