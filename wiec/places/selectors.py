"""Reads about the municipality and its districts, for other apps.

The municipality a request is about is decided once per request by
``wiec.places.middleware.MunicipalityMiddleware`` and kept in a context variable,
so that views, the platform registry's contents, context processors and tasks
all read the same one through ``current_city()`` without being handed the
request.  It is looked up lazily: a request for a static file asks nothing of
the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

from wiec.places import tenancy
from wiec.places.models import City, District

_active: ContextVar[Callable[[], City | None] | None] = ContextVar("wiec_active_city", default=None)


def default_city() -> City | None:
    """The installation's default: ``WIEC_CITY_SLUG`` or the first municipality."""
    slug = getattr(settings, "WIEC_CITY_SLUG", None)
    cities = City.objects.all()
    if slug:
        return cities.filter(slug=slug).first()
    return cities.order_by("pk").first()


def current_city() -> City | None:
    """The municipality of the request being served, else the installation's default."""
    resolve = _active.get()
    return resolve() if resolve is not None else default_city()


@contextmanager
def activated(city: City | Callable[[], City | None] | None) -> Iterator[None]:
    """Serve ``city`` as the current municipality inside the block (requests, tasks).

    ``city`` may be a function that finds it, called at most once, on first use.
    A municipality given outright also scopes the database connection to it on
    PostgreSQL (row-level security, :mod:`wiec.places.tenancy`): inside the block
    even an unscoped query sees only its rows and the installation's shared ones.
    """
    resolve = _once(city) if callable(city) else _once(lambda: city)
    token = _active.set(resolve)
    try:
        if isinstance(city, City):
            with tenancy.scoped(city.pk):
                yield
        else:
            yield
    finally:
        _active.reset(token)


def _once(find: Callable[[], City | None]) -> Callable[[], City | None]:
    found: list[City | None] = []

    def resolve() -> City | None:
        if not found:
            found.append(find())
        return found[0]

    return resolve


def districts_of(city: City | None) -> list[District]:
    if city is None:
        return []
    return list(District.objects.of_city(city))
