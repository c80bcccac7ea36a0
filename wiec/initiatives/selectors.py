"""Reads of residents' initiatives, always within the current municipality."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from wiec.initiatives.models import Application, ApplicationStatus, InitiativePool
from wiec.places.selectors import current_city


def city_or_404():
    city = current_city()
    if city is None:
        raise Http404(_("No city is configured yet."))
    return city


def applications():
    return Application.objects.of_city(city_or_404()).select_related("pool", "ledger", "city")


def current_pool() -> InitiativePool | None:
    """This year's pool, else the latest."""
    pools = InitiativePool.objects.filter(city=current_city())
    return pools.filter(year=timezone.localdate().year).first() or pools.first()


def realised():
    return (
        applications()
        .filter(status=ApplicationStatus.REALISED)
        .prefetch_related("ledger__items", "updates")
    )
