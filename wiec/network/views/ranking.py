"""The ranking "najbardziej partycypacyjna gmina": methodology, sources, the table."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wiec.core.access import permission_required
from wiec.core.numbers import whole_or_none
from wiec.network import ranking as table
from wiec.network import services
from wiec.network.forms import JuryForm
from wiec.network.indicators import INDICATORS, source_sql
from wiec.network.models import Ranking
from wiec.places.models import City


def _year(request: HttpRequest) -> int:
    this_year = timezone.localdate().year
    year = whole_or_none(request.GET.get("rok"), maximum=9999)
    return year if year and 2000 <= year <= this_year else this_year


def ranking(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    found = Ranking.objects.filter(year=year).first()
    frozen = found is not None and found.published_at is not None
    standings = table.frozen(found) if frozen else table.live(found, year)
    available = tuple(i for i in INDICATORS if i.available)
    sources = []
    for indicator in INDICATORS:
        queries = indicator.compute(year).queries if indicator.available else ()
        sources.append((indicator, [source_sql(q) for q in queries]))
    published_years = Ranking.objects.filter(published_at__isnull=False).values_list(
        "year", flat=True
    )
    return render(
        request,
        "network/ranking.html",
        {
            "year": year,
            "ranking": found,
            "frozen": frozen,
            "indicators": available,
            "sources": sources,
            "rows": [(s, s.cells(available)) for s in standings],
            "published_years": list(published_years),
            "this_year": timezone.localdate().year,
        },
    )


@permission_required("network.publish_ranking")
@require_POST
def publish(request: HttpRequest) -> HttpResponse:
    year = whole_or_none(request.POST.get("rok"), maximum=9999) or timezone.localdate().year
    try:
        services.publish_ranking(actor=request.user, year=year)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The %(year)s ranking is published and frozen.") % {"year": year}
        )
    return redirect(f"{reverse('network:ranking')}?rok={year}")


@permission_required("network.score_ranking")
def jury(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    found = Ranking.objects.filter(year=year).first()
    scores = {s.city_id: s.score for s in found.jury_scores.all()} if found else {}
    cities = City.objects.order_by("name")
    form = JuryForm(
        request.POST or None,
        cities=cities,
        scores=scores,
        initial={"weight": found.jury_weight if found else 0},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_jury(
                actor=request.user,
                year=year,
                weight=form.cleaned_data["weight"],
                scores=form.scores(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The jury's scores are saved."))
            return redirect(f"{reverse('network:ranking')}?rok={year}")
    return render(request, "network/ranking_jury.html", {"form": form, "year": year})
