"""Bar charts drawn on the server as SVG, each with a title and a description.

Every chart is shown beside a table of the same numbers, so the chart is a picture of
the table and nothing is lost to a screen reader or without images.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from uuid import uuid4

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR = 22
GAP = 6
LABEL_WIDTH = 190
CHART_WIDTH = 520


def bar_chart(
    rows: list[tuple[str, float]],
    *,
    title: str,
    description: str = "",
    chart_id: str = "",
    unit: str = "",
) -> SafeString:
    """Horizontal bars, one per (label, value) row.

    ``chart_id`` ties the title and description to the image for screen readers; it
    must be unique on the page (a random one is made when none is given).
    """
    chart_id = chart_id or f"chart-{uuid4().hex[:8]}"
    description = description or title
    top = max((float(v) for _l, v in rows), default=0) or 1
    height = len(rows) * (BAR + GAP) + GAP
    scale = (CHART_WIDTH - LABEL_WIDTH - 70) / top
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {CHART_WIDTH} {height}" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    for n, (label, value) in enumerate(rows):
        y = GAP + n * (BAR + GAP)
        width = max(float(value) * scale, 0)
        shown = _number(value)
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR * 0.7:.1f}" text-anchor="end" '
            f'font-size="13" fill="#222">{escape(label[:28])}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR}" '
            f'fill="#0b5394"></rect>'
            f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{y + BAR * 0.7:.1f}" font-size="13" '
            f'fill="#222">{escape(shown)}{escape(unit)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped


def _number(value: float | int | Decimal) -> str:
    """The value as the reader writes it: "12,5" and "1 234" in Polish (grouped with a
    no-break space), "12.5" and "1,234" in English; whole numbers without decimals."""
    whole = isinstance(value, int) or (
        isinstance(value, Decimal) and value == value.to_integral_value()
    )
    if whole:
        return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)
    # Django's number_format cuts extra decimals off; round half up first (12,35 → 12,4).
    rounded = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return number_format(rounded, decimal_pos=1, use_l10n=True, force_grouping=True)
