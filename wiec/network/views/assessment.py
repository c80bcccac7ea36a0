"""The self-assessment: the questionnaire for a municipality's team, and the results."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from wiec.core.access import attach_errors, require
from wiec.core.numbers import whole_or_none
from wiec.network import selectors, services
from wiec.network.forms import AssessmentForm
from wiec.network.models import Area, SelfAssessment, Theme
from wiec.network.radar import radar_chart
from wiec.places.models import City


def overview(request: HttpRequest) -> HttpResponse:
    latest: dict[int, SelfAssessment] = {}
    for a in SelfAssessment.objects.select_related("city").order_by("city__name", "-year"):
        latest.setdefault(a.city_id, a)
    teams = [
        c
        for c in City.objects.order_by("name")
        if request.user.has_perm("network.answer_assessment", c)
    ]
    return render(
        request,
        "network/assessment_overview.html",
        {
            "latest": list(latest.values()),
            "areas": Area.objects.prefetch_related(
                Prefetch("themes", queryset=Theme.objects.current())
            ),
            "teams": teams,
            "year": timezone.localdate().year,
        },
    )


def answer(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=slug)
    require(request, "network.answer_assessment", city)
    this_year = timezone.localdate().year
    year = (
        whole_or_none(request.GET.get("rok") or request.POST.get("rok"), maximum=9999) or this_year
    )
    existing = SelfAssessment.objects.filter(city=city, year=year).first()
    themes = Theme.objects.current().select_related("area").prefetch_related("levels")
    initial_levels = dict(existing.answers.values_list("theme_id", "level")) if existing else {}
    form = AssessmentForm(
        request.POST or None,
        themes=themes,
        initial_levels=initial_levels,
        initial={"team": existing.team if existing else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.answer_assessment(
                actor=request.user,
                city=city,
                year=year,
                team=form.cleaned_data["team"],
                levels=form.levels(),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The self-assessment is saved."))
            return redirect(saved)
    return render(
        request,
        "network/assessment_form.html",
        {"form": form, "municipality": city, "year": year, "existing": existing},
    )


def result(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    assessment = get_object_or_404(
        SelfAssessment.objects.select_related("city"), city__slug=slug, year=year
    )
    rows = selectors.assessment_results(assessment)
    chart = radar_chart(
        [f"{r.theme.number}. {r.theme.name}" for r in rows],
        [
            (str(year), [r.level for r in rows], "#0b5394", "0"),
            (str(year - 1), [r.previous for r in rows], "#b45f06", "6 4"),
            (_("regional median"), [r.median for r in rows], "#38761d", "2 3"),
        ],
        top=5,
        title=_("Self-assessment of %(city)s, %(year)s") % {"city": assessment.city, "year": year},
        description=_("Maturity level of each theme, 1 to 5; the table below holds the numbers."),
    )
    return render(
        request,
        "network/assessment_result.html",
        {
            "assessment": assessment,
            "rows": rows,
            "chart": chart,
            "low": [r for r in rows if r.low],
            "has_previous": any(r.previous is not None for r in rows),
        },
    )
