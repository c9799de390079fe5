"""Server-rendered inline SVG charts (no JavaScript, no CDN). Each has <title> and <desc> and is
shown next to a table with the same figures (the accessible alternative)."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.formatting import kronor


def cumulative_chart(points: list[dict], *, chart_id: str, title: str, desc: str) -> str:
    """Bars: cumulative outcome per period; squares joined by a dashed line: cumulative budget."""
    if not points:
        return ""
    width, height, left, right, top, bottom = 640, 300, 90, 20, 20, 50
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = max([p["outcome"] for p in points] + [p["budget"] or 0 for p in points] + [1])
    scale = plot_h / top_value
    slot = plot_w / len(points)
    bar_w = slot * 0.5
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart-svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#1b1b1b"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#1b1b1b"/>',
    ]
    for i in range(5):
        value = top_value * i / 4
        y = top + plot_h - value * scale
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#c9ced6"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#1b1b1b">'
                     f'{escape(kronor(value))}</text>')
    budget_points = []
    for i, p in enumerate(points):
        x = left + slot * i + (slot - bar_w) / 2
        h = p["outcome"] * scale
        parts.append(f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                     f'fill="#0b4f8a"><title>{escape(p["label"])}: {escape(kronor(p["outcome"]))}</title></rect>')
        parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle" font-size="12" '
                     f'fill="#1b1b1b">{escape(p["label"])}</text>')
        if p["budget"] is not None:
            budget_points.append((x + bar_w / 2, top + plot_h - p["budget"] * scale))
    if budget_points:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in budget_points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#7a4d00" stroke-width="2" '
                     f'stroke-dasharray="6 4"/>')
        for x, y in budget_points:
            parts.append(f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="#7a4d00"/>')
    legend_y = height - 12
    parts.append(f'<rect x="{left}" y="{legend_y - 10}" width="14" height="10" fill="#0b4f8a"/>')
    parts.append(f'<text x="{left + 20}" y="{legend_y}" font-size="12" fill="#1b1b1b">'
                 f'{escape(_("Cumulative outcome"))}</text>')
    parts.append(f'<rect x="{left + 220}" y="{legend_y - 10}" width="10" height="10" fill="#7a4d00"/>')
    parts.append(f'<text x="{left + 236}" y="{legend_y}" font-size="12" fill="#1b1b1b">'
                 f'{escape(_("Cumulative budget (pro rata), dashed line"))}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
