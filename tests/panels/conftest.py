"""Panels fixtures: a panel with the standard questions and a generated pool."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from wiec.core.roles import Role

SHARES = {
    "sex": {"female": 52, "male": 48},
    "age": {"16-29": 20, "30-44": 27, "45-64": 28, "65+": 25},
    "education": {"basic": 27, "secondary": 33, "higher": 40},
}


def panel_dates(phase: str) -> dict:
    """Dates that put a new panel in ``phase`` today."""
    today = timezone.localdate()
    d = datetime.timedelta
    offsets = {
        "announced": 5,
        "recruitment": -5,
        "selection": -20,
        "deliberation": -40,
        "recommendations": -60,
        "monitoring": -90,
    }
    start = today + d(days=offsets[phase])
    return {
        "recruitment_starts": start,
        "recruitment_ends": start + d(days=10),
        "deliberation_starts": start + d(days=30),
        "recommendations_start": start + d(days=50),
        "monitoring_starts": start + d(days=80),
    }


@pytest.fixture
def organiser(make_role_user):
    return make_role_user(Role.COORDINATOR, email="koordynatorka@example.org")


@pytest.fixture
def make_panel(city):
    from wiec.panels import services
    from wiec.panels.models import CitizensPanel

    counter = {"n": 0}

    def make(phase: str = "recruitment", *, districts: bool = False, **extra):
        counter["n"] += 1
        fields = {
            "city": city,
            "slug": f"panel-{counter['n']}",
            "topic": f"Panel {counter['n']}",
            "question": "Co dalej?",
            "panel_size": 8,
            "reserves_count": 3,
            **panel_dates(phase),
            **extra,
        }
        panel = CitizensPanel.objects.create(**fields)
        services.add_standard_questions(actor=None, panel=panel)
        if not districts:
            panel.features.filter(key="district").delete()
        return panel

    return make


def generate_pool(panel, size: int, seed: int = 7) -> None:
    from wiec.panels.models import Respondent

    rng = random.Random(seed)
    keys = {f.key: [v.key for v in f.values.all()] for f in panel.features.all()}
    Respondent.objects.bulk_create(
        [
            Respondent(
                panel=panel,
                full_name=f"Osoba {n}",
                email=f"osoba{n}@example.org",
                answers={k: rng.choice(v) for k, v in keys.items()},
                household_hash=f"hh{n // 2}" if n < 6 else "",
                source="import",
                consent_at=timezone.now(),
            )
            for n in range(size)
        ]
    )


def census_quotas(panel, tolerance: Decimal = Decimal(10)) -> None:
    from wiec.panels import services
    from wiec.panels.models import FeatureValue

    shares = {
        v.pk: Decimal(SHARES[v.feature.key][v.key])
        for v in FeatureValue.objects.filter(feature__panel=panel).select_related("feature")
    }
    bounds = services.quotas_from_census(panel, shares, tolerance)
    services.set_quotas(actor=None, panel=panel, bounds=bounds, shares=shares)


@pytest.fixture
def drawn_panel(make_panel, organiser):
    """A panel in deliberation, drawn from 40 people for 8 seats and 3 reserves."""
    from wiec.panels import services

    panel = make_panel("deliberation")
    generate_pool(panel, 40)
    census_quotas(panel)
    services.announce_seed(actor=organiser, panel=panel, seed="12345")
    services.start_draw(actor=organiser, panel=panel)
    panel.refresh_from_db()
    return panel
