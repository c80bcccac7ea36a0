"""Reads about the city and its districts, for other apps."""

from __future__ import annotations

from django.conf import settings

from wiec.places.models import City, District


def current_city() -> City | None:
    """The city this installation serves: ``WIEC_CITY_SLUG`` or the only/first one."""
    slug = getattr(settings, "WIEC_CITY_SLUG", None)
    cities = City.objects.all()
    if slug:
        return cities.filter(slug=slug).first()
    return cities.order_by("pk").first()


def districts_of(city: City | None) -> list[District]:
    if city is None:
        return []
    return list(District.objects.of_city(city))
