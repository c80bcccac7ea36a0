"""The network's events: the list, one event with registration, the iCalendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wiec.core import calendar_feed
from wiec.core.access import load
from wiec.core.participation import CalendarEntry
from wiec.network import services
from wiec.network.models import Event, EventRegistration
from wiec.network.platform import EVENT


def _public():
    return Event.objects.filter(is_published=True).annotate(taken=Count("registrations"))


def event_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    return render(
        request,
        "network/event_list.html",
        {
            "upcoming": _public().filter(ends_at__gte=now).order_by("starts_at"),
            "past": _public().filter(ends_at__lt=now).order_by("-starts_at")[:20],
        },
    )


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = load(request, _public(), pk=pk)
    registered = (
        request.user.is_authenticated
        and EventRegistration.objects.filter(event=event, user=request.user).exists()
    )
    return render(
        request,
        "network/event_detail.html",
        {
            "event": event,
            "registered": registered,
            "left": max(event.capacity - event.taken, 0),
            "started": event.starts_at <= timezone.now(),
        },
    )


@require_POST
def event_register(request: HttpRequest, pk: int) -> HttpResponse:
    event = load(request, _public(), "network.register_for_event", pk=pk)
    try:
        if request.POST.get("cancel"):
            services.cancel_registration(actor=request.user, event=event)
            messages.success(request, _("Your place is given back."))
        else:
            services.register_for_event(actor=request.user, event=event)
            messages.success(request, _("You are registered. See you there."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(event)


def events_ics(request: HttpRequest) -> HttpResponse:
    entries = [
        (
            "network",
            CalendarEntry(
                key=f"event:{e.pk}",
                title=e.title,
                url=e.get_absolute_url(),
                kind_label=EVENT,
                starts=e.starts_at,
                ends=e.ends_at,
                location=e.place,
            ),
        )
        for e in Event.objects.filter(is_published=True)
    ]
    body = calendar_feed.render(entries, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="siec-wydarzenia.ics"'
    return response
