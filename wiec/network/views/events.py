"""The network's events: the list, one event with registration, the iCalendar feed, and
the editors' screens (create, change, cancel, the registrations and their CSV)."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from wiec.core import calendar_feed
from wiec.core.access import attach_errors, permission_required, require
from wiec.core.participation import CalendarEntry
from wiec.core.tables import csv_response, csv_writer
from wiec.network import services
from wiec.network.forms import CancelEventForm, EventForm
from wiec.network.models import Event, EventRegistration
from wiec.network.platform import EVENT


def _public():
    return Event.objects.filter(is_published=True).annotate(taken=Count("registrations"))


def _event(request: HttpRequest, queryset, perm: str | None, pk: int) -> Event:
    """The event ``pk`` once the user may ``perm`` it. An event is the network's, not
    its host municipality's, so it is found under every municipality's address (the
    access layer's ``load`` would hide it outside its host)."""
    event = get_object_or_404(queryset, pk=pk)
    if perm is not None:
        require(request, perm, event)
    return event


def _visible(request: HttpRequest):
    """Every event for the network's editors (drafts too), the public ones for others."""
    if request.user.has_perm("network.manage_events"):
        return Event.objects.annotate(taken=Count("registrations"))
    return _public()


def event_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    shown = _visible(request)
    return render(
        request,
        "network/event_list.html",
        {
            "upcoming": shown.filter(ends_at__gte=now).order_by("starts_at"),
            "past": shown.filter(ends_at__lt=now).order_by("-starts_at")[:20],
        },
    )


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, _visible(request), None, pk)
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
    event = _event(request, _public(), "network.register_for_event", pk)
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
        for e in Event.objects.filter(is_published=True, cancelled_at__isnull=True)
    ]
    body = calendar_feed.render(entries, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="siec-wydarzenia.ics"'
    return response


@permission_required("network.manage_events")
def event_create(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect(event)
    return render(request, "network/event_form.html", {"form": form})


def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, Event, "network.change_event", pk)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_event(actor=request.user, event=event, data=form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect(event)
    return render(request, "network/event_form.html", {"form": form, "event": event})


def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, _visible(request), "network.change_event", pk)
    form = CancelEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_event(
                actor=request.user, event=event, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, _("The event is cancelled; everyone registered gets the reason.")
            )
            return redirect(event)
    return render(request, "network/event_cancel.html", {"form": form, "event": event})


def _registrations(event: Event):
    return event.registrations.select_related("user").order_by("created_at")


def event_registrations(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, _visible(request), "network.manage_events", pk)
    return render(
        request,
        "network/event_registrations.html",
        {"event": event, "registrations": _registrations(event)},
    )


def event_registrations_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The registrations for a spreadsheet: UTF-8 with a BOM, cells split by ``;``."""
    event = _event(request, Event, "network.manage_events", pk)
    out = io.StringIO()
    writer = csv_writer(out, delimiter=";")
    writer.writerow([_("no."), pgettext("person", "name"), _("e-mail"), _("registered at")])
    for n, r in enumerate(_registrations(event), start=1):
        writer.writerow(
            [
                n,
                r.user.display_name,
                r.user.email,
                timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return csv_response(out.getvalue(), f"zapisani-wydarzenie-{event.pk}.csv")
