"""The demo municipality, loaded once per module and rolled back after it."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import transaction


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Every tool's demo data (Kraków 2019's import left out: it is large, and tested apart)."""
    from wiec.accessibility import demo as accessibility_demo
    from wiec.accounts import demo as accounts_demo
    from wiec.budgets import demo as budgets_demo
    from wiec.citybudget import demo as citybudget_demo
    from wiec.consultations import demo as consultations_demo
    from wiec.panels import demo as panels_demo
    from wiec.places import demo as places_demo

    with django_db_blocker.unblock(), transaction.atomic():
        city = places_demo.load()
        accounts_demo.load(city)
        accessibility_demo.load(city)
        budgets_demo.load(city, krakow_2019=False)
        consultations_demo.load(city)
        panels_demo.load(city)
        citybudget_demo.load(city)
        yield city
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.WIEC_API_RATE_LIMIT = 0
    cache.clear()
