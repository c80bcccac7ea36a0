"""The network editors' screens for the self-assessment questionnaire."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wiec.core.access import attach_errors, load, permission_required, require
from wiec.network import services
from wiec.network.forms import AreaForm, ThemeForm
from wiec.network.models import Area, AssessmentAnswer, Theme


@permission_required("network.manage_questionnaire")
def overview(request: HttpRequest) -> HttpResponse:
    current = Theme.objects.current().prefetch_related("levels")
    answered = set(AssessmentAnswer.objects.values_list("theme_id", flat=True).distinct())
    return render(
        request,
        "network/questionnaire.html",
        {
            "areas": Area.objects.prefetch_related(Prefetch("themes", queryset=current)),
            "answered": answered,
        },
    )


def area_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    area = load(request, Area, "network.manage_questionnaire", pk=pk) if pk else None
    if area is None:
        require(request, "network.manage_questionnaire")
    form = AreaForm(request.POST or None, instance=area)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("name_pl", "name_en")}
        if area is None:
            services.create_area(actor=request.user, data=data)
        else:
            services.change_area(actor=request.user, area=area, data=data)
        messages.success(request, _("The area is saved."))
        return redirect("network:questionnaire")
    return render(request, "network/area_form.html", {"form": form, "area": area})


def theme_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    theme = (
        load(request, Theme.objects.current(), "network.manage_questionnaire", pk=pk)
        if pk
        else None
    )
    if theme is None:
        require(request, "network.manage_questionnaire")
    form = ThemeForm(request.POST or None, instance=theme)
    answered = theme is not None and AssessmentAnswer.objects.filter(theme=theme).exists()
    if request.method == "POST" and form.is_valid():
        try:
            if theme is None:
                services.create_theme(actor=request.user, data=form.service_data())
            else:
                services.change_theme(actor=request.user, theme=theme, data=form.service_data())
        except ValidationError as error:
            attach_errors(form, error)
        else:
            if answered:
                messages.success(
                    request,
                    _(
                        "The theme is saved as a new version; answers already given keep "
                        "the wording they were given to."
                    ),
                )
            else:
                messages.success(request, _("The theme is saved."))
            return redirect("network:questionnaire")
    return render(
        request,
        "network/theme_form.html",
        {"form": form, "theme": theme, "answered": answered},
    )
