"""Which municipality a request is about, for the whole request (``current_city()``)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from wiec.places.models import City
from wiec.places.selectors import activated, default_city


def municipality_of(request: HttpRequest) -> City | None:
    """The municipality the request addresses (the installation's default for now)."""
    return default_city()


class MunicipalityMiddleware:
    """Makes the request's municipality ``current_city()`` while the request is served."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with activated(lambda: municipality_of(request)):
            return self.get_response(request)
