"""Addresses are unique within a municipality: Kraków and Wieliczka may each have
an edition (and a citizens' panel) at the same address, and each page shows its own."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from wiec.budgets import services
from wiec.budgets.models import Edition, EditionPhase, VotingSettings
from wiec.core.roles import Role

pytestmark = pytest.mark.django_db
SLUG = "bo-2026"


@pytest.fixture
def region(city):
    from wiec.places import demo

    return demo.load_region()


@pytest.fixture
def editions(region):
    today = timezone.localdate()
    made = {}
    for slug in ("krakow", "wieliczka"):
        edition = Edition.objects.create(
            city=region[slug], name=f"Budżet {region[slug].name} 2026", slug=SLUG
        )
        EditionPhase.objects.create(
            edition=edition,
            type="voting",
            starts_on=today - datetime.timedelta(1),
            ends_on=today + datetime.timedelta(5),
        )
        VotingSettings.objects.create(edition=edition)
        made[slug] = edition
    return made


@pytest.mark.parametrize("page", ["", "glosuj/", "wyniki/"])
def test_each_municipality_shows_its_own_edition_at_the_same_address(
    client, editions, make_resident, page
):
    client.force_login(make_resident())
    for slug, other in (("krakow", "wieliczka"), ("wieliczka", "krakow")):
        response = client.get(f"/g/{slug}/bo/{SLUG}/{page}")
        assert response.status_code in (200, 403), response.status_code
        if response.status_code == 200:
            text = response.content.decode()
            assert editions[other].name not in text
            if page == "":
                assert editions[slug].name in text


def test_the_ballot_cache_keeps_each_municipalitys_edition_apart(editions, region):
    from wiec.budgets import ballot_cache
    from wiec.places.selectors import activated

    ballot_cache.forget()
    for slug in ("krakow", "wieliczka", "krakow"):
        with activated(region[slug]):
            edition, _ready = ballot_cache.voting_edition(SLUG)
        assert edition.pk == editions[slug].pk


def test_a_second_edition_at_the_same_address_of_one_municipality_is_refused(
    editions, region, make_role_user
):
    administrator = make_role_user(Role.ADMINISTRATOR)
    again = Edition(city=region["wieliczka"], name="Jeszcze raz", slug=SLUG)
    with pytest.raises(ValidationError) as info:
        services.save_edition(actor=administrator, edition=again, phases={})
    assert "slug" in info.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Edition.objects.create(city=region["wieliczka"], name="Wprost", slug=SLUG)
    assert Edition.objects.filter(slug=SLUG).count() == 2


def test_each_municipality_has_its_own_panel_at_the_same_address(client, region):
    from wiec.panels import demo
    from wiec.panels.models import CitizensPanel

    demo.load_recruiting(region["krakow"])
    demo.load_recruiting(region["wieliczka"])
    panels = CitizensPanel.objects.filter(slug=demo.RECRUITING)
    assert sorted(p.city.slug for p in panels) == ["krakow", "wieliczka"]
    for panel in panels:
        response = client.get(f"/g/{panel.city.slug}/panele/{panel.slug}/")
        assert response.status_code == 200
        assert response.context["panel"].pk == panel.pk
