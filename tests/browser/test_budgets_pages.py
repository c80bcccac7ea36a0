"""Issue 16 in a real browser: the proposal page's map and photos, at desktop and on a
390 px phone, with axe finding nothing serious."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from tests.browser.conftest import blocking_violations
from tests.browser.test_budgets_voting import vote_site  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [pytest.param(1280, id="desktop"), pytest.param(390, id="phone")]


def jpeg(colour: str) -> SimpleUploadedFile:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2400, 1600), colour).save(buffer, format="JPEG")
    return SimpleUploadedFile("zdjecie.jpg", buffer.getvalue())


@pytest.fixture
def proposal_with_place_and_photos(site, make_resident, districts):
    from django.utils import timezone

    from wiec.budgets import services
    from wiec.budgets.models import Edition, EditionPhase, Pool
    from wiec.places.models import City

    today = timezone.localdate()
    city = City.objects.get()
    edition = Edition.objects.create(city=city, name="BO Kraków 2028", slug="bo-2028")
    EditionPhase.objects.create(edition=edition, type="submission", starts_on=today, ends_on=today)
    pool = Pool.objects.create(
        edition=edition,
        kind="district",
        name="Podgórze",
        district=districts["podgorze"],
        amount=1_000_000_00,
    )
    author = make_resident("podgorze")
    data = services.ProposalData(
        pool=pool,
        title="Park kieszonkowy",
        description="Zieleń i ławki.",
        cost_items=[("Budowa", 100_000_00)],
        address="ul. Limanowskiego 1",
        latitude=50.044,
        longitude=19.996,
        images=[jpeg("green"), jpeg("blue")],
    )
    proposal = services.save_proposal(actor=author, edition=edition, data=data)
    services.submit_proposal(actor=author, proposal=proposal)
    return f"{site}{proposal.get_absolute_url()}"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_proposal_page_shows_a_map_and_a_gallery(page, proposal_with_place_and_photos, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(proposal_with_place_and_photos)
    expect(page.get_by_test_id("place")).to_have_text("ul. Limanowskiego 1")
    place = page.get_by_role("region", name="Mapa: miejsce projektu")
    expect(place.locator(".leaflet-marker-icon")).to_have_count(1)
    expect(place.get_by_role("button", name="Park kieszonkowy")).to_be_visible()
    expect(page.get_by_role("link", name="Otwórz to miejsce w OpenStreetMap")).to_be_visible()
    photos = page.get_by_role("img", name="Park kieszonkowy: zdjęcie")
    expect(photos).to_have_count(2)
    for photo in photos.all():
        photo.scroll_into_view_if_needed()
        assert photo.evaluate("img => img.complete && img.naturalWidth") == 2000
        box = photo.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert blocking_violations(page) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_ballot_summary_before_the_vote_is_cast(page, vote_site, width):  # noqa: F811
    from tests.browser.test_budgets import as_user
    from wiec.budgets.models import Ballot

    site, edition, projects = vote_site
    page.set_viewport_size({"width": width, "height": 900})
    as_user(page, site, "mieszkaniec@demo.wiec.pl")
    page.goto(f"{site}/bo/{edition.slug}/glosuj/")
    for rank, proposal in enumerate(projects["city"][:3], start=1):
        page.get_by_label(proposal.title, exact=True).select_option(str(rank))
    page.get_by_label(projects["podgorze"][0].title, exact=True).check()
    page.get_by_role("button", name="Przejdź do podsumowania").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sprawdź swój głos")
    city = page.get_by_role("region", name="Ogólnomiejska")
    expect(city.get_by_role("listitem")).to_have_count(3)
    expect(city.get_by_role("listitem").first).to_contain_text("miejsce 1 · 3 punkty")
    expect(page.get_by_role("region", name="Podgórze")).to_contain_text(
        "Wybrane projekty kosztują razem 100 000,00 zł; pula ma 600 000,00 zł."
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert blocking_violations(page) == []
    assert not Ballot.objects.exists()
    page.get_by_role("button", name="Zmień wybór").click()
    expect(page.get_by_label(projects["podgorze"][0].title, exact=True)).to_be_checked()
    page.get_by_role("button", name="Przejdź do podsumowania").click()
    page.get_by_role("button", name="Oddaj głos").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Twój głos został zapisany")
    assert Ballot.objects.get().votes.count() == 4
