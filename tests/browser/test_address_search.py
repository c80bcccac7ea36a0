"""Address search in a real browser: typed on the proposal form, it fills the
coordinates and places the marker; on the map of everything it recentres the map."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.test_budgets import as_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_edition(site, city):
    from django.utils import timezone

    from wiec.accounts import demo as accounts_demo
    from wiec.budgets.models import Edition, EditionPhase, Pool
    from wiec.places import demo as places_demo
    from wiec.places.models import District

    accounts_demo.load(city)
    places_demo.load_gazetteer()
    edition = Edition.objects.create(city=city, name="BO Kraków 2028", slug="bo-2028")
    today = timezone.localdate()
    EditionPhase.objects.create(edition=edition, type="submission", starts_on=today, ends_on=today)
    EditionPhase.objects.create(
        edition=edition,
        type="verification",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=20),
    )
    Pool.objects.create(
        edition=edition,
        kind="district",
        name="Dzielnica XIII Podgórze",
        district=District.objects.get(slug="podgorze"),
        amount=1_000_000_00,
    )
    return site


@pytest.mark.parametrize("width", [1280, 390])
def test_typing_an_address_on_the_proposal_form_sets_the_point(page, open_edition, width):
    site = open_edition
    page.set_viewport_size({"width": width, "height": 900})
    as_user(page, site, "mieszkaniec@demo.wiec.pl")
    page.goto(f"{site}/bo/bo-2028/zglos/")
    page.get_by_label("Adres lub miejsce").fill("ul. lwowska 7")
    page.evaluate("window.stillHere = true")
    page.get_by_role("button", name="Znajdź ten adres na mapie").click()
    expect(page.get_by_test_id("locate-status")).to_contain_text("Znaleziono: ul. Lwowska 7.")
    expect(page.get_by_label("Szerokość geograficzna")).to_have_value("50.047000")
    expect(page.get_by_label("Długość geograficzna")).to_have_value("19.962000")
    expect(page.locator("#pick-map .leaflet-marker-icon")).to_have_count(1)
    assert page.evaluate("window.stillHere === true")  # found in place, no page load
    page.screenshot(path=f"/tmp/leftovers-proposal-{width}.png", full_page=True)
    page.get_by_label("Adres lub miejsce").fill("Rynek Górny")  # Wieliczka's, not Kraków's
    page.get_by_role("button", name="Znajdź ten adres na mapie").click()
    expect(page.get_by_test_id("locate-status")).to_contain_text("Nie znaleziono ulicy")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_map_of_everything_finds_an_address(page, open_edition, width):
    site = open_edition
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site}/mapa/?lat=50.0617&lon=19.9373&zoom=16")
    page.get_by_label("Znajdź adres").fill("barbakan")
    page.evaluate("window.stillHere = true")
    page.get_by_role("button", name="Szukaj", exact=True).click()
    expect(page.get_by_role("link", name="Barbakan")).to_be_visible()
    assert page.evaluate("window.stillHere === true")
    expect(page.locator("#platform-map")).to_be_visible()
    page.screenshot(path=f"/tmp/leftovers-map-{width}.png", full_page=True)
