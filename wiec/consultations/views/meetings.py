"""Meetings: registration, calendar files, and the office scheduling them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wiec.consultations import forms as f
from wiec.consultations import services
from wiec.consultations.models import Meeting
from wiec.consultations.rendering import meetings_calendar
from wiec.consultations.views.common import city_or_404, consultation_or_404, posted_data
from wiec.core.access import attach_errors, require, require_login


@require_POST
def meeting_register(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    require_login(request)
    consultation = consultation_or_404(slug)
    meeting = get_object_or_404(consultation.meetings, pk=pk)
    try:
        services.register_for_meeting(actor=request.user, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You are registered for the meeting."))
    return redirect(consultation.get_absolute_url() + "#spotkania")


@require_POST
@login_required
def meeting_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = consultation_or_404(slug)
    meeting = get_object_or_404(consultation.meetings, pk=pk)
    services.cancel_registration(actor=request.user, meeting=meeting)
    messages.success(request, _("Your registration has been cancelled."))
    return redirect(consultation.get_absolute_url() + "#spotkania")


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def meeting_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = consultation_or_404(slug)
    meeting = get_object_or_404(consultation.meetings.select_related("consultation"), pk=pk)
    body = meetings_calendar(
        [meeting], base_url=request.build_absolute_uri("/").rstrip("/"), name=meeting.title
    )
    return _ics(body, f"spotkanie-{meeting.pk}.ics")


def calendar_feed(request: HttpRequest) -> HttpResponse:
    meetings = Meeting.objects.filter(consultation__city=city_or_404()).select_related(
        "consultation"
    )
    body = meetings_calendar(
        meetings,
        base_url=request.build_absolute_uri("/").rstrip("/"),
        name=_("Consultation meetings"),
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def meeting_add(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_or_404(slug)
    require(request, "consultations.manage_consultation", consultation)
    form = f.MeetingForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.schedule_meeting(
                actor=request.user, consultation=consultation, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The meeting has been added."))
            return redirect(consultation.get_absolute_url())
    return render(
        request,
        "consultations/setup_form.html",
        {"consultation": consultation, "form": form, "heading": _("Add a meeting")},
    )


def meeting_material_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = consultation_or_404(slug)
    require(request, "consultations.manage_consultation", consultation)
    meeting = get_object_or_404(consultation.meetings, pk=pk)
    form = f.MeetingMaterialForm(posted_data(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attach_meeting_material(
                actor=request.user, meeting=meeting, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The material has been attached to the meeting."))
            return redirect(consultation.get_absolute_url() + f"#spotkanie-{meeting.pk}")
    return render(
        request,
        "consultations/meeting_material_form.html",
        {"consultation": consultation, "meeting": meeting, "form": form},
    )
