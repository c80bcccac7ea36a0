"""The Map of Participation (a map, a list and their GeoJSON) and municipality profiles."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from wiec.core.charts import bar_chart
from wiec.core.numbers import page_number
from wiec.network import selectors
from wiec.network.models import ProcessStatus
from wiec.places.models import City

PAGE_SIZE = 25


def _tool_labels() -> dict[str, str]:
    return {t.key: str(t.label) for t in selectors.process_tools()}


def home(request: HttpRequest) -> HttpResponse:
    filters = selectors.map_filters(request.GET)
    found = selectors.entries(filters)
    paginator = Paginator(found, PAGE_SIZE)
    page = paginator.get_page(page_number(request))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "network/home.html",
        {
            "page": page,
            "count": paginator.count,
            "filters": filters,
            "options": selectors.filter_options(),
            "tools": selectors.process_tools(),
            "tool_labels": _tool_labels(),
            "statuses": ProcessStatus.choices,
            "geojson_query": query.urlencode(),
            "tiles": settings.LEAFLET_CONFIG["TILES"],
        },
    )


def geojson(request: HttpRequest) -> JsonResponse:
    filters = selectors.map_filters(request.GET)
    response = JsonResponse(
        selectors.geojson(filters, _tool_labels(), reverse("network:home")),
        json_dumps_params={"ensure_ascii": False},
    )
    response["Content-Type"] = "application/geo+json"
    return response


def profile(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=slug)
    data = selectors.profile(city)
    labels = _tool_labels()
    chart = None
    if data["turnout"]:
        chart = bar_chart(
            [(str(y), v) for y, v in sorted(data["turnout"].items())],
            title=_("Turnout in the participatory budget by year (percent of residents)"),
            unit=" %",
        )
    return render(
        request,
        "network/profile.html",
        {
            "municipality": city,
            "tool_labels": labels,
            **data,
            "tools_used": [(labels.get(k, k), n) for k, n in data["tools_used"].items()],
            "turnout_chart": chart,
        },
    )
