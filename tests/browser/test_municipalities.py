"""Two municipalities on one installation, as an official of one of them meets it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.core.test_isolation import _budget

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def region_site(live_server):
    from wiec.accounts import demo as accounts_demo
    from wiec.accounts.models import User
    from wiec.places import demo as places_demo

    region = places_demo.load_region()
    accounts_demo.load_region(region)
    author = User.objects.create_user("autorka@example.org", "haslo-testowe-123")
    proposals = {
        "krakow": _budget(region["krakow"], "Łąka kwietna w Krakowie", 50.06, 19.94, author),
        "wieliczka": _budget(region["wieliczka"], "Tężnia przy Rynku", 49.987, 20.064, author),
    }
    return live_server.url, proposals


def test_an_official_of_wieliczka_works_in_wieliczka_and_not_in_krakow(page, region_site):
    url, proposals = region_site
    wieliczka = f"{url}/g/wieliczka"
    log_in(page, wieliczka, "urzednik.wieliczka@demo.wiec.pl", "wiec-demo-2026")
    expect(page).to_have_url(re.compile(r"/g/wieliczka/"))
    page.goto(f"{wieliczka}/biuro/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Tężnia przy Rynku")).to_be_visible()
    expect(page.get_by_text("Łąka kwietna w Krakowie")).to_have_count(0)
    expect(page.locator(".brand-city")).to_have_text("Wieliczka")

    response = page.goto(f"{url}/g/krakow/biuro/")
    assert response.status == 403
    kr = proposals["krakow"]
    response = page.goto(f"{url}/g/krakow/bo/projekt/{kr.pk}/weryfikacja/")
    assert response.status in (403, 404)
    # Kraków's proposal is not Wieliczka's either: under Wieliczka's address it is not there.
    response = page.goto(f"{wieliczka}{kr.get_absolute_url()}")
    assert response.status == 404


def test_a_municipality_at_its_subdomain(page, region_site):
    url, _proposals = region_site
    port = url.rsplit(":", 1)[1]
    page.goto(f"http://wieliczka.localhost:{port}/")
    expect(page.locator(".brand-city")).to_have_text("Wieliczka")
    page.goto(f"http://golcza.localhost:{port}/")
    expect(page.locator(".brand-city")).to_have_text("Gmina Gołcza")
