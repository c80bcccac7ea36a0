"""The platform's calendar as iCalendar (RFC 5545), through the icalendar library.

UIDs are ``<tool>-<entry key>@<host>``: stable for as long as the entry exists, and
unique per installation, so a calendar application updates an event instead of
duplicating it when a date moves.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from wiec.core.participation import CalendarEntry


def render(entries: Sequence[tuple[str, CalendarEntry]], *, base_url: str) -> bytes:
    """The calendar of ``(tool key, entry)`` pairs, with links made absolute."""
    host = urlsplit(base_url).hostname or "wiec"
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.WIEC_SITE_NAME}//Wiec//PL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", settings.WIEC_SITE_NAME)
    stamp = timezone.now()
    for tool, entry in entries:
        event = Event()
        event.add("uid", f"{tool}-{entry.key.replace(':', '-')}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", entry.title)
        event.add("url", urljoin(base_url, entry.url))
        event.add("categories", [str(entry.kind_label)])
        if entry.location:
            event.add("location", entry.location)
        _add_times(event, entry)
        calendar.add_component(event)
    return calendar.to_ical()


def _add_times(event: Event, entry: CalendarEntry) -> None:
    starts, ends = entry.starts, entry.ends
    if isinstance(starts, datetime.datetime):
        event.add("dtstart", starts)
        event.add("dtend", ends if isinstance(ends, datetime.datetime) else starts)
        return
    event.add("dtstart", starts)
    last = ends if isinstance(ends, datetime.date) else starts
    event.add("dtend", last + datetime.timedelta(days=1))  # DTEND of a day is exclusive
