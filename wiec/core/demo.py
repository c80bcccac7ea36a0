"""Loading the demo city: each app contributes its own part.

The city comes first (places, below core); then every installed Wiec app that has a
``demo`` module with a ``load(city)`` function adds its part, in the order of
``INSTALLED_APPS`` (accounts, whose demo people the tools use, before the tools).
Core finds them by that convention, as Django finds admin modules, so it depends on
none of the apps above it.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from types import ModuleType
from typing import TextIO

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from wiec.core import search
from wiec.places import demo as places_demo
from wiec.places.models import City
from wiec.places.selectors import activated


def _demo_modules() -> Iterator[ModuleType]:
    for config in apps.get_app_configs():
        if not config.name.startswith("wiec.") or config.label in {"core", "places"}:
            continue
        if module_has_submodule(config.module, "demo"):
            yield import_module(f"{config.name}.demo")


@transaction.atomic
def load_demo() -> None:
    """Create or refresh the demo region; safe to run again.

    Kraków first, with every app's ``load(city)``; then the region's other
    municipalities, with every app's ``load_region(region)`` that has one.
    """
    region = places_demo.load_region()
    city = region["krakow"]
    with activated(city):
        for module in _demo_modules():
            module.load(city)
    for module in _demo_modules():
        if hasattr(module, "load_region"):
            module.load_region(region)
    search.rebuild()  # bulk imports (pabulib) bypass the signals that keep it fresh


def write_logins(out: TextIO, base: str = "http://127.0.0.1:8000") -> None:
    """Each municipality's addresses, in both forms, then what each app's demo says a
    person needs to try it (the accounts' logins)."""
    scheme, _sep, host = base.partition("://")
    port = host.rpartition(":")[2] if ":" in host else ""
    network = settings.WIEC_NETWORK_DOMAIN
    out.write("Municipalities of the demo region:\n")
    for city in City.objects.order_by("pk"):
        subdomain = f"{scheme}://{city.slug}.{network}{':' + port if port else ''}/"
        path = f"{base}/g/{city.slug}/"
        out.write(f"  {city.name:<14} {path:<40} {subdomain}\n")
    out.write("\n")
    for module in _demo_modules():
        if hasattr(module, "write_logins"):
            module.write_logins(out)
