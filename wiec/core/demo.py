"""Loading the demo city: each app contributes its own part, in this order."""

from __future__ import annotations

from django.db import transaction

from wiec.accessibility import demo as accessibility_demo
from wiec.accounts import demo as accounts_demo
from wiec.places import demo as places_demo


@transaction.atomic
def load_demo() -> list[accounts_demo.DemoAccount]:
    """Create or refresh the demo city; safe to run again."""
    city = places_demo.load()
    accounts = accounts_demo.load(city)
    accessibility_demo.load(city)
    return accounts
