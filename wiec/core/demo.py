"""Loading the demo city: each app contributes its own part.

The city and accounts come first; then every installed Wiec app that has a
``demo`` module with a ``load(city)`` function adds its processes, in the order
of ``INSTALLED_APPS``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TextIO

from django.apps import apps
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from wiec.accounts import demo as accounts_demo
from wiec.core import search
from wiec.places import demo as places_demo

FIRST = {"core", "places", "accounts"}


@transaction.atomic
def load_demo() -> list[accounts_demo.DemoAccount]:
    """Create or refresh the demo city; safe to run again."""
    city = places_demo.load()
    accounts = accounts_demo.load(city)
    for config in apps.get_app_configs():
        if not config.name.startswith("wiec.") or config.label in FIRST:
            continue
        if module_has_submodule(config.module, "demo"):
            import_module(f"{config.name}.demo").load(city)
    search.rebuild()  # bulk imports (pabulib) bypass the signals that keep it fresh
    return accounts


def write_logins(out: TextIO) -> None:
    """The demo accounts and their one password, as a person starting the demo needs them."""
    accounts = accounts_demo.DEMO_ACCOUNTS
    out.write(f"Demo logins (password for all: {accounts_demo.DEMO_PASSWORD})\n")
    width = max(len(a.email) for a in accounts)
    for account in accounts:
        out.write(f"  {account.email:<{width}}  {account.description}\n")
