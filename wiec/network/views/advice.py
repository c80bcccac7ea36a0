"""Advice requests from a municipality's team to the foundation, and their threads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wiec.core.access import attach_errors, load, require
from wiec.network import services
from wiec.network.forms import AdviceForm, MessageForm
from wiec.network.models import AdviceRequest
from wiec.network.predicates import is_network_editor, team_city_ids
from wiec.places.models import City


@login_required
def advice_list(request: HttpRequest) -> HttpResponse:
    found = AdviceRequest.objects.select_related("city")
    if not is_network_editor(request.user):
        cities = team_city_ids(request.user)
        if cities is not None:
            found = found.filter(city_id__in=cities)
    teams = [
        c for c in City.objects.order_by("name") if request.user.has_perm("network.ask_advice", c)
    ]
    return render(
        request,
        "network/advice_list.html",
        {"requests": found, "teams": teams, "today": timezone.localdate()},
    )


def advice_create(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=slug)
    require(request, "network.ask_advice", city)
    form = AdviceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            advice = services.ask_advice(actor=request.user, city=city, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Your request is sent to the foundation."))
            return redirect(advice)
    return render(request, "network/advice_form.html", {"form": form, "municipality": city})


def advice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    advice = load(
        request, AdviceRequest.objects.select_related("city"), "network.view_advice", pk=pk
    )
    form = MessageForm(request.POST or None)
    if request.method == "POST":
        require(request, "network.reply_advice", advice)
        if form.is_valid():
            try:
                services.reply_advice(
                    actor=request.user, request=advice, text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Your message is added to the thread."))
                return redirect(advice)
    return render(
        request,
        "network/advice_detail.html",
        {
            "advice": advice,
            "thread": advice.messages.select_related("author"),
            "form": form,
            "days_left": advice.days_left(),
            "days_overdue": max(-advice.days_left(), 0),
        },
    )


@require_POST
def advice_close(request: HttpRequest, pk: int) -> HttpResponse:
    advice = load(request, AdviceRequest, "network.reply_advice", pk=pk)
    services.close_advice(actor=request.user, request=advice)
    messages.success(request, _("The request is closed."))
    return redirect(advice)
