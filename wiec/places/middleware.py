"""Which municipality a request is about, for the whole request (``current_city()``).

A municipality is reached at its own domain (``City.domain``), at a subdomain of the
network's (``<slug>.<WIEC_NETWORK_DOMAIN>``, e.g. http://wieliczka.localhost:8000 in
development), or, on any other host, under the path form ``/g/<slug>/``.  In the
path form the prefix is moved from ``path_info`` into the script prefix, so the
URL patterns stay the same and every ``reverse()`` and redirect keeps the prefix.
A plain host (the network's domain itself, ``localhost``, an IP address) serves
the installation's default municipality; an unknown slug or host is a 404.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import get_script_prefix, set_script_prefix

from wiec.places import tenancy
from wiec.places.models import City
from wiec.places.selectors import activated, current_city, default_city

PATH_FORM = re.compile(r"^/g/(?P<slug>[-a-zA-Z0-9_]+)(?P<rest>/.*)?$")
PLAIN_HOSTS = frozenset({"localhost", "testserver"})


@dataclass(frozen=True)
class Address:
    """How a request names its municipality: by host, by slug, or not at all."""

    slug: str | None = None
    domain: str | None = None
    path_prefix: str = ""
    path_rest: str = ""


def _host(request: HttpRequest) -> str:
    host = request.get_host().lower()
    if host.startswith("["):  # an IPv6 literal, maybe with a port
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if ":" in host else host


def _is_plain(host: str) -> bool:
    network = settings.WIEC_NETWORK_DOMAIN.lower()
    if host in PLAIN_HOSTS or host == network:
        return True
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def address_of(request: HttpRequest) -> Address:
    """What the request's host and path say about its municipality (no database)."""
    host = _host(request)
    network = settings.WIEC_NETWORK_DOMAIN.lower()
    if host.endswith("." + network):
        label = host[: -len(network) - 1]
        if "." not in label:
            return Address(slug=label)
    if not _is_plain(host):
        return Address(domain=host)
    match = PATH_FORM.match(request.path_info)
    if match:
        return Address(
            slug=match["slug"], path_prefix=f"/g/{match['slug']}", path_rest=match["rest"] or "/"
        )
    return Address()


def municipality_of(request: HttpRequest) -> City | None:
    """The municipality the request addresses; 404 when it names one that is not here."""
    address = address_of(request)
    if address.slug is not None:
        city = City.objects.filter(slug=address.slug).first()
    elif address.domain is not None:
        city = City.objects.filter(domain=address.domain).first()
    else:
        return default_city()
    if city is None:
        raise Http404("No such municipality.")
    return city


class MunicipalityMiddleware:
    """Makes the request's municipality ``current_city()`` while the request is served."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        address = address_of(request)
        if address.slug is None and address.domain is None:
            # The default municipality, looked up only if the page asks for it.
            with activated(lambda: municipality_of(request)):
                return self.get_response(request)
        city = municipality_of(request)
        request.municipality = city
        if not address.path_prefix:
            with activated(city):
                return self.get_response(request)
        previous = get_script_prefix()
        script = request.META.get("SCRIPT_NAME", "").rstrip("/") + address.path_prefix
        request.META["SCRIPT_NAME"] = script
        request.path_info = address.path_rest
        set_script_prefix(script + "/")
        try:
            with activated(city):
                return self.get_response(request)
        finally:
            set_script_prefix(previous)


def network_wide(path_info: str) -> bool:
    """Whether a page is the network's or the installation's, above every municipality."""
    return path_info.startswith(tuple(settings.WIEC_NETWORK_WIDE_PATHS))


class RowSecurityMiddleware:
    """Scopes the database connection to the request's municipality (row-level security).

    After :class:`MunicipalityMiddleware`: a municipality's page sees only its rows even
    through a query that forgot ``current_city()``; a network-wide page (``/siec/``, the
    admin) sees all. A no-op unless :func:`wiec.places.tenancy.enabled`.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not tenancy.enabled():
            return self.get_response(request)
        if network_wide(request.path_info):
            with tenancy.scoped(None):
                return self.get_response(request)
        with ExitStack() as scope:
            # Scoped at the first query, so that a request that reads nothing (an upload,
            # a redirect) still asks nothing of the database; the host and path forms
            # are scoped already by ``activated(city)``.
            first: list[bool] = []

            def scope_first(execute, sql, params, many, context):
                if not first:
                    first.append(True)
                    city = current_city()
                    scope.enter_context(tenancy.scoped(city.pk if city is not None else None))
                return execute(sql, params, many, context)

            with connection.execute_wrapper(scope_first):
                return self.get_response(request)
