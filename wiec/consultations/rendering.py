"""Turning data into documents: safe Markdown, SVG charts, iCalendar and PDF."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

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
