from __future__ import annotations

import pytest

from wiec.commons.contributions import Item
from wiec.core.roles import Role
from wiec.initiatives.models import InitiativeArea, InitiativePool
from wiec.initiatives.services.local import Draft


@pytest.fixture
def pool(city):
    return InitiativePool.objects.create(
        city=city,
        year=2026,
        resolution_title="Uchwała w sprawie inicjatywy lokalnej",
        amount_grosze=10_000_000,
        work_rate_grosze=3_500,
        areas=[InitiativeArea.NATURE, InitiativeArea.CULTURE],
    )


@pytest.fixture
def official(make_role_user):
    return make_role_user(Role.OFFICIAL, email="urzednik@example.org")


ITEMS = [
    Item("residents", "work", "Sadzenie", hours=100),  # 3 500,00 zł
    Item("residents", "goods", "Sadzonki", value_grosze=150_000),
    Item("residents", "money", "Zbiórka", value_grosze=50_000),
    Item("city", "money", "Ławki", value_grosze=1_000_000),
]
TOTAL = 350_000 + 150_000 + 50_000 + 1_000_000


def draft(total: int = TOTAL, **changes) -> Draft:
    fields = dict(
        group="Sąsiedzi",
        title="Ogród przy szkole",
        area=InitiativeArea.NATURE,
        description="Grządki i ławki.",
        place="ul. Szkolna 1",
        justification="Brakuje zieleni.",
        schedule="Maj–czerwiec",
        total_grosze=total,
    )
    fields.update(changes)
    return Draft(**fields)
