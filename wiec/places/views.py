"""The address search endpoint: ``/adres/?q=`` as an htmx fragment, JSON or a page."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from wiec.places import geocoding
from wiec.places.selectors import current_city

#: The zoom a found street is shown at.
STREET_ZOOM = 17


def recentre_url(base: str, match: geocoding.Match, keep: list | None = None) -> str:
    """``base`` (a map page) centred on ``match``: ``?lat=&lon=&zoom=``, after the
    parameters in ``keep`` (the page's filters)."""
    query = urlencode(
        [
            *(keep or []),
            ("lat", f"{match.latitude:.6f}"),
            ("lon", f"{match.longitude:.6f}"),
            ("zoom", STREET_ZOOM),
        ]
    )
    return f"{base}?{query}"


def not_found_message(query: str) -> str:
    return _(
        "No street or place called “%(query)s” was found in this municipality. "
        "Check the spelling, or type only the street name."
    ) % {"query": query}


def address_search(request: HttpRequest) -> HttpResponse:
    """Matches of ``q`` in the current municipality.  JSON for ``?format=json`` or an
    ``Accept: application/json`` request; the list fragment for htmx; else a page
    whose links go back to ``next`` (a map page of this site) centred on the match."""
    query = request.GET.get("q", "").strip()[:200]
    city = current_city()
    matches = geocoding.search(city, query) if query else []
    wants_json = request.GET.get("format") == "json" or "application/json" in request.headers.get(
        "Accept", ""
    )
    if wants_json:
        return JsonResponse(
            {
                "query": query,
                "results": [m.as_dict() for m in matches],
                "message": not_found_message(query) if query and not matches else "",
            }
        )
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}) or not target.startswith(
        "/"
    ):
        target = reverse("core:map")
    context = {
        "query": query,
        "results": [(m, recentre_url(target, m)) for m in matches],
        "message": not_found_message(query) if query and not matches else "",
        "next": target,
    }
    template = "places/address_results.html" if request.htmx else "places/address_page.html"
    return render(request, template, context)


def map_search(request: HttpRequest) -> dict:
    """The context of ``places/address_search_form.html`` on a map page: the matches of
    ``?adres=`` as links back to this page centred on each, and the centre asked for by
    ``?lat=&lon=&zoom=`` (only inside the municipality) for the map script."""
    query = request.GET.get("adres", "").strip()[:200]
    city = current_city()
    matches = geocoding.search(city, query) if query else []
    keep = [
        (name, value)
        for name, value in request.GET.items()
        if name not in ("adres", "lat", "lon", "zoom", "page", "strona")
    ]
    return {
        "address_search": {
            "action": request.path,
            "query": query,
            "keep": keep,
            "results": [(m, recentre_url(request.path, m, keep)) for m in matches],
            "message": not_found_message(query) if query and not matches else "",
        },
        "asked_view": asked_centre(request, city),
    }


def asked_centre(request: HttpRequest, city) -> dict | None:
    """``{"lat", "lon", "zoom"}`` from the query string, or None if absent or outside
    the municipality."""
    try:
        lat = float(request.GET["lat"])
        lon = float(request.GET["lon"])
        zoom = int(request.GET.get("zoom") or STREET_ZOOM)
    except (KeyError, ValueError):
        return None
    if not geocoding.inside(city, lat, lon):
        return None
    return {"lat": f"{lat:.6f}", "lon": f"{lon:.6f}", "zoom": min(max(zoom, 3), 19)}


def locate(city, address: str) -> tuple[geocoding.Match | None, str]:
    """The first match of ``address`` for a location form ("Find on the map" pressed
    without JavaScript) and the sentence to show by the field."""
    address = (address or "").strip()[:200]
    if not address:
        return None, _("Type an address first, e.g. ul. Floriańska 12.")
    matches = geocoding.search(city, address)
    if not matches:
        return None, not_found_message(address)
    return matches[0], found_message(matches[0].label)


def found_message(label: str) -> str:
    return _(
        "Found: %(place)s. The latitude and longitude are filled in; check the point "
        "on the map, or click the map to correct it."
    ) % {"place": label}


def brand_css(request: HttpRequest) -> HttpResponse:
    """The municipality's colours as a stylesheet: the Content-Security-Policy allows no
    inline style, and the colour is validated (``#rrggbb``) before it is stored."""
    city = current_city()
    colour = city.primary_colour if city is not None else ""
    css = (
        f":root {{ --brand: {colour}; --brand-dark: color-mix(in srgb, {colour} 72%, black); }}\n"
        if colour
        else ""
    )
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response
