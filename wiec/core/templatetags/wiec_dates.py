"""Date ranges as a Polish reader writes them: one year when both ends share it, both
years when they differ ("20 grudnia 2026 – 10 stycznia 2027"), times on the same day
once ("15 czerwca 2027, 18:00–20:00")."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format

register = template.Library()


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


@register.simple_tag
def date_range(starts: datetime.date | None, ends: datetime.date | None = None) -> str:
    if starts is None:
        return ""
    if isinstance(starts, datetime.datetime):
        starts = _local(starts)
        ends = _local(ends) if isinstance(ends, datetime.datetime) else None
        if ends is None or ends == starts:
            return date_format(starts, "j E Y, H:i")
        if ends.date() == starts.date():
            return f"{date_format(starts, 'j E Y, H:i')}–{date_format(ends, 'H:i')}"
        return f"{date_format(starts, 'j E Y, H:i')} – {date_format(ends, 'j E Y, H:i')}"
    if ends is None or ends == starts:
        return date_format(starts, "j E Y")
    if isinstance(ends, datetime.datetime):
        ends = _local(ends).date()
    if (starts.year, starts.month) == (ends.year, ends.month):
        return f"{date_format(starts, 'j')}–{date_format(ends, 'j E Y')}"
    if starts.year == ends.year:
        return f"{date_format(starts, 'j E')} – {date_format(ends, 'j E Y')}"
    return f"{date_format(starts, 'j E Y')} – {date_format(ends, 'j E Y')}"
