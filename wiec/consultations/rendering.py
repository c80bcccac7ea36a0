"""Turning data into documents: safe Markdown, SVG charts, iCalendar and PDF."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from html import escape

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p",
    "em",
    "strong",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


def render_markdown(text: str) -> SafeString:
    """Markdown to HTML, cleaned of anything but simple formatting (no scripts, no images)."""
    html = markdown.markdown(text or "", extensions=["tables"])
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, link_rel="noopener nofollow"))


def bar_chart(rows: list[tuple[str, float]], *, title: str, width: int = 560) -> SafeString:
    """A horizontal bar chart drawn on the server as SVG; the page also shows the table."""
    bar_h, gap, label_w = 22, 8, 200
    height = max(1, len(rows)) * (bar_h + gap) + gap
    top = max([value for _label, value in rows] + [1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f"<title>{escape(title)}</title>"
    ]
    for i, (label, value) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        length = (width - label_w - 60) * value / top
        shown = f"{value:g}"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end" font-size="13">'
            f"{escape(label[:32])}</text>"
            f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar_h}" fill="#1d4f91"/>'
            f'<text x="{label_w + length + 6:.1f}" y="{y + 16}" font-size="13">{shown}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def meetings_calendar(meetings: Iterable, *, base_url: str, name: str) -> bytes:
    """An iCalendar file (RFC 5545) with one event per meeting."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Wiec//konsultacje//PL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@wiec")
        event.add("dtstamp", datetime.datetime.now(datetime.UTC))
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at)
        event.add("summary", f"{meeting.consultation.title}: {meeting.title}")
        event.add("location", meeting.place or meeting.online_url)
        event.add("description", meeting.description)
        event.add("url", base_url + meeting.consultation.get_absolute_url())
        calendar.add_component(event)
    return calendar.to_ical()


def html_to_pdf(html: str, *, base_url: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).write_pdf()
