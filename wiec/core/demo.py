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
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from wiec.core import search
from wiec.places import demo as places_demo


def _demo_modules() -> Iterator[ModuleType]:
    for config in apps.get_app_configs():
        if not config.name.startswith("wiec.") or config.label in {"core", "places"}:
            continue
        if module_has_submodule(config.module, "demo"):
            yield import_module(f"{config.name}.demo")


@transaction.atomic
def load_demo() -> None:
    """Create or refresh the demo city; safe to run again."""
    city = places_demo.load()
    for module in _demo_modules():
        module.load(city)
    search.rebuild()  # bulk imports (pabulib) bypass the signals that keep it fresh


def write_logins(out: TextIO) -> None:
    """What each app's demo says a person needs to try it (the accounts' logins)."""
    for module in _demo_modules():
        if hasattr(module, "write_logins"):
            module.write_logins(out)
