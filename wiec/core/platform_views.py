"""The pages every tool appears on: search, the map, the calendar, my activity, the inbox.

Each page asks the registry (:mod:`wiec.core.participation`), never a tool's tables, and
each works without JavaScript: the map has a list beside it, filters are plain GET forms.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wiec.core import calendar_feed, inbox, search
from wiec.core.access import permission_required
from wiec.core.numbers import page_number, whole_or_none
from wiec.core.participation import (
    CalendarEntry,
    MapFeature,
    MyItem,
    each_tool,
    registered_tools,
)
from wiec.places.models import District
from wiec.places.selectors import current_city, districts_of
from wiec.places.views import map_search

PAGE_SIZE = 20


@dataclass(frozen=True)
class ChosenFilters:
    tool: str
    district: District | None
    status: str
    year: int | None

    @property
    def district_id(self) -> int | None:
        return self.district.pk if self.district else None


def _filters(request: HttpRequest) -> ChosenFilters:
    tools = {t.key for t in registered_tools()}
    tool = request.GET.get("narzedzie", "")
    slug = request.GET.get("dzielnica", "")
    district = None
    city = current_city()
    if slug and city is not None:
        district = District.objects.filter(city=city, slug=slug).first()
    return ChosenFilters(
        tool=tool if tool in tools else "",
        district=district,
        status=request.GET.get("status", "")[:40],
        year=whole_or_none(request.GET.get("rok"), maximum=9999),
    )


def _filter_context(chosen: ChosenFilters) -> dict[str, Any]:
    return {
        "chosen": chosen,
        "tools": registered_tools(),
        "districts": districts_of(current_city()),
    }


def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    chosen = _filters(request)
    filters = search.Filters(
        tool=chosen.tool, district_id=chosen.district_id, status=chosen.status, year=chosen.year
    )
    number = page_number(request)
    results = search.search(query, filters, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    pages = Paginator(range(results.total), PAGE_SIZE)
    if number > pages.num_pages:  # a stale link past the end: show the last page
        number = pages.num_pages
        results = search.search(query, filters, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    names = {d.pk: d.name for d in districts_of(current_city())}
    return render(
        request,
        "core/search.html",
        {
            "query": query,
            "page": pages.page(number),
            "hits": [(hit, names.get(hit.district_id, "")) for hit in results.hits],
            "count": results.total,
            "statuses": results.statuses,
            "years": search.years(),
            **_filter_context(chosen),
        },
    )


def _matches(item: MapFeature | CalendarEntry, chosen: ChosenFilters) -> bool:
    if chosen.district is not None and item.district_id != chosen.district.pk:
        return False
    if isinstance(item, MapFeature):
        if chosen.status and item.status != chosen.status:
            return False
        if chosen.year is not None and item.year != chosen.year:
            return False
    return True


def map_page(request: HttpRequest) -> HttpResponse:
    chosen = _filters(request)
    features: list[tuple[str, MapFeature]] = []
    for tool, contents in each_tool():
        if chosen.tool and tool.key != chosen.tool:
            continue
        features.extend((tool.key, f) for f in contents.map_features() if _matches(f, chosen))
    features.sort(key=lambda pair: pair[1].title.casefold())
    points = [
        {
            "title": f.title,
            "url": f.url,
            "kind": str(f.kind_label),
            "status": str(f.status_label),
            "lat": f.centre[0],
            "lon": f.centre[1],
            "area": [list(p) for p in f.polygon],
        }
        for _key, f in features
        if f.centre is not None
    ]
    page = Paginator(features, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/map.html",
        {
            "page": page,
            "count": len(features),
            "points": points,
            "tiles": settings.LEAFLET_CONFIG["TILES"],
            "city": current_city(),
            **map_search(request),
            **_filter_context(chosen),
        },
    )


def _entries(chosen: ChosenFilters) -> list[tuple[str, CalendarEntry]]:
    entries = []
    for tool, contents in each_tool():
        if chosen.tool and tool.key != chosen.tool:
            continue
        entries.extend((tool.key, e) for e in contents.calendar_entries() if _matches(e, chosen))
    return entries


def _day(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def calendar_page(request: HttpRequest) -> HttpResponse:
    """What happens from today on (or in a chosen month), grouped by day."""
    chosen = _filters(request)
    today = timezone.localdate()
    upcoming = [(tool, e) for tool, e in _entries(chosen) if _day(e.ends or e.starts) >= today]
    upcoming.sort(key=lambda pair: (_day(pair[1].starts), pair[1].title))
    days: dict[datetime.date, list[CalendarEntry]] = {}
    for _tool, entry in upcoming:
        days.setdefault(max(_day(entry.starts), today), []).append(entry)
    district_slug = chosen.district.slug if chosen.district else ""
    return render(
        request,
        "core/calendar.html",
        {
            "days": sorted(days.items()),
            "today": today,
            "district_slug": district_slug,
            **_filter_context(chosen),
        },
    )


def calendar_ics(request: HttpRequest) -> HttpResponse:
    """The iCalendar feed of every tool's dates (``?dzielnica=`` for one district's)."""
    chosen = _filters(request)
    body = calendar_feed.render(_entries(chosen), base_url=request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="wiec.ics"'
    return response


@login_required
def my_activity(request: HttpRequest) -> HttpResponse:
    groups: list[tuple[Any, list[MyItem]]] = []
    deadlines: list[MyItem] = []
    today = timezone.localdate()
    for tool, contents in each_tool():
        items = list(contents.my_items(request.user))
        if items:
            groups.append((tool, items))
        deadlines.extend(i for i in items if i.deadline and i.deadline >= today)
    deadlines.sort(key=lambda i: i.deadline)
    return render(
        request,
        "core/my_activity.html",
        {"groups": groups, "deadlines": deadlines, "today": today},
    )


def _colleagues() -> list[Any]:
    from django.contrib.auth import get_user_model

    from wiec.core.roles import Role

    staff = Role.OFFICIAL, Role.COORDINATOR, Role.ADMINISTRATOR
    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            role_assignments__role__in=staff,
            role_assignments__city=current_city(),
        )
        .distinct()
    )
    return sorted(users, key=lambda u: u.get_full_name().casefold())


@permission_required("core.view_inbox")
@require_POST
def inbox_assign(request: HttpRequest) -> HttpResponse:
    assignee_id = whole_or_none(request.POST.get("assignee"))
    assignee = next((u for u in _colleagues() if u.pk == assignee_id), None)
    try:
        inbox.assign_task(
            actor=request.user,
            tool=request.POST.get("tool", "")[:40],
            key=request.POST.get("key", "")[:120],
            assignee=assignee,
            note=request.POST.get("note", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The task's assignment and note are saved."))
    return redirect(request.POST.get("next") if _safe(request) else "core:inbox")


def _safe(request: HttpRequest) -> bool:
    target = request.POST.get("next", "")
    return url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})


@permission_required("core.view_inbox")
def inbox_page(request: HttpRequest) -> HttpResponse:
    chosen = _filters(request)
    tasks = inbox.tasks_for(request.user, tool=chosen.tool, district_id=chosen.district_id)
    mine_only = request.GET.get("moje") == "1"
    if mine_only:
        tasks = [t for t in tasks if t.assignee_id == request.user.pk]
    return render(
        request,
        "core/inbox.html",
        {
            "tasks": tasks,
            "overdue": sum(1 for t in tasks if t.overdue),
            "mine_only": mine_only,
            "colleagues": _colleagues(),
            **_filter_context(chosen),
        },
    )
