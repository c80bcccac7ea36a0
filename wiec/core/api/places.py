"""The municipality and its districts, the first resources of the API."""

from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema

from wiec.places.models import City, District
from wiec.places.selectors import current_city


class MunicipalityOut(Schema):
    name: str
    slug: str
    teryt: str
    population: int | None
    office_name: str
    office_address: str
    website: str
    centre: list[float] = Field(description="[latitude, longitude]")
    bounds: list[float] | None = Field(description="[south, west, north, east]")


class DistrictOut(Schema):
    id: int
    name: str
    slug: str
    number: int | None
    population: int | None
    centre: list[float] | None = Field(description="[latitude, longitude]")


def city_or_404() -> City:
    """The request's municipality (404 when the installation has none yet)."""
    city = current_city()
    if city is None:
        raise Http404("No municipality.")
    return city


def district_out(district: District) -> dict:
    centre = None
    if district.center_latitude is not None and district.center_longitude is not None:
        centre = [district.center_latitude, district.center_longitude]
    return {
        "id": district.pk,
        "name": district.name,
        "slug": district.slug,
        "number": district.number,
        "population": district.population,
        "centre": centre,
    }


def build_router() -> Router:
    router = Router(tags=["municipality"])

    @router.get("/municipality", response=MunicipalityOut, summary=_("The municipality"))
    def municipality(request: HttpRequest):
        city = city_or_404()
        bounds = (city.bounds_south, city.bounds_west, city.bounds_north, city.bounds_east)
        return {
            "name": city.name,
            "slug": city.slug,
            "teryt": city.teryt,
            "population": city.population,
            "office_name": city.office_name,
            "office_address": city.office_address,
            "website": city.website,
            "centre": [city.center_latitude, city.center_longitude],
            "bounds": None if None in bounds else list(bounds),
        }

    @router.get("/districts", response=list[DistrictOut], summary=_("Districts"))
    def districts(request: HttpRequest):
        city = city_or_404()
        return [
            district_out(d) for d in District.objects.of_city(city).order_by("number", "name", "pk")
        ]

    return router
