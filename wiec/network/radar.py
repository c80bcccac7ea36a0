"""A radar (spider) chart drawn on the server as SVG, shown beside a table of the same
numbers (as every chart of wiec.core.charts)."""

from __future__ import annotations

import math
from uuid import uuid4

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SIZE = 420
CENTRE = SIZE / 2
RADIUS = 130
MARGIN = 170  # room for the themes' names left and right


def _point(index: int, count: int, value: float, top: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    r = RADIUS * value / top
    return CENTRE + r * math.cos(angle), CENTRE + r * math.sin(angle)


def _polygon(values: list[float], top: float) -> str:
    points = [_point(i, len(values), v, top) for i, v in enumerate(values)]
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def radar_chart(
    labels: list[str],
    series: list[tuple[str, list[float | None], str, str]],
    *,
    top: float,
    title: str,
    description: str = "",
) -> SafeString:
    """``series``: ``(name, values, colour, dash)``; a series with a missing value is
    left out (it would draw a false zero)."""
    chart_id = f"radar-{uuid4().hex[:8]}"
    count = len(labels)
    parts = [
        f'<svg class="chart radar" role="img" '
        f'viewBox="-{MARGIN} -10 {SIZE + 2 * MARGIN} {SIZE + 50}" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description or title)}</desc>',
    ]
    for step in range(1, int(top) + 1):
        parts.append(
            f'<polygon points="{_polygon([step] * count, top)}" fill="none" '
            f'stroke="#bbb" stroke-width="1"></polygon>'
        )
    for i, label in enumerate(labels):
        x, y = _point(i, count, top, top)
        lx, ly = _point(i, count, top * 1.13, top)
        anchor = "middle" if abs(lx - CENTRE) < 10 else ("start" if lx > CENTRE else "end")
        parts.append(
            f'<line x1="{CENTRE}" y1="{CENTRE}" x2="{x:.1f}" y2="{y:.1f}" stroke="#bbb"></line>'
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" font-size="13" '
            f'fill="#222">{escape(label[:34])}</text>'
        )
    legend_y = SIZE + 10
    for n, (name, values, colour, dash) in enumerate(series):
        if count and all(v is not None for v in values):
            parts.append(
                f'<polygon points="{_polygon([float(v) for v in values], top)}" '
                f'fill="{colour}" fill-opacity="0.12" stroke="{colour}" stroke-width="2.5" '
                f'stroke-dasharray="{dash}"></polygon>'
            )
        lx = n * 190
        parts.append(
            f'<line x1="{lx}" y1="{legend_y}" x2="{lx + 30}" y2="{legend_y}" stroke="{colour}" '
            f'stroke-width="3" stroke-dasharray="{dash}"></line>'
            f'<text x="{lx + 36}" y="{legend_y + 5}" font-size="13" fill="#222">'
            f"{escape(name)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped
