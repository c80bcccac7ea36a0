"""Issue 16 in a real browser: where the money went, its map, filters and a project's
dated updates with a photo, at desktop and on a 390 px phone, with axe finding nothing
serious."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import blocking_violations
from tests.browser.test_budgets_pages import jpeg

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [pytest.param(1280, id="desktop"), pytest.param(390, id="phone")]


@pytest.fixture
def carried_out(site, make_resident, make_role_user, districts):
    from django.utils import timezone

    from wiec.budgets import services
    from wiec.budgets.implementation import report_progress
    from wiec.budgets.models import Edition, EditionPhase, Implementation, Pool
    from wiec.core.roles import Role
    from wiec.places.models import City

    city = City.objects.get()
    edition = Edition.objects.create(city=city, name="BO Kraków 2025", slug="bo-2025")
    EditionPhase.objects.create(
        edition=edition,
        type="voting",
        starts_on=datetime.date(2025, 6, 1),
        ends_on=datetime.date(2025, 6, 30),
    )
    today = timezone.localdate()
    EditionPhase.objects.create(edition=edition, type="submission", starts_on=today, ends_on=today)
    author = make_resident("podgorze")
    made = {}
    for district, title, lat in [
        ("podgorze", "Park kieszonkowy", 50.044),
        ("nowa-huta", "Biblioteka plenerowa", 50.07),
    ]:
        pool = Pool.objects.create(
            edition=edition,
            kind="district",
            name=districts[district].name,
            district=districts[district],
            amount=1_000_000_00,
        )
        data = services.ProposalData(
            pool=pool,
            title=title,
            description="Opis.",
            cost_items=[("Budowa", 100_000_00)],
            latitude=lat,
            longitude=19.99,
        )
        proposal = services.save_proposal(actor=author, edition=edition, data=data)
        made[title] = Implementation.objects.create(proposal=proposal)
    report_progress(
        actor=make_role_user(Role.OFFICIAL),
        implementation=made["Park kieszonkowy"],
        status="in_progress",
        percent_done=45,
        text="Posadzono drzewa.",
        day=datetime.date(2026, 4, 10),
        actual_cost=60_000_00,
        photo=jpeg("green"),
    )
    return site, made


@pytest.mark.parametrize("width", WIDTHS)
def test_where_the_money_went_filters_maps_and_shows_updates(page, carried_out, width):
    site, _made = carried_out
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site}/bo/realizacja/")
    expect(page.get_by_test_id("result-count")).to_have_text("2 projekty")
    the_map = page.get_by_role(
        "region", name="Mapa projektów (te same projekty są wymienione poniżej)"
    )
    expect(the_map.locator(".leaflet-marker-icon")).to_have_count(2)
    expect(page.get_by_text("wykonano 45%")).to_be_visible()
    expect(page.get_by_text("Wybrany w 2025 r.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert blocking_violations(page) == []

    page.get_by_label("Status").select_option(label="w realizacji")
    page.get_by_role("button", name="Pokaż").click()
    expect(page.get_by_test_id("result-count")).to_have_text("1 projekt")
    expect(the_map.locator(".leaflet-marker-icon")).to_have_count(1)

    page.get_by_role("link", name="Park kieszonkowy").click()
    photo = page.get_by_role(
        "img", name="Zdjęcie prac przy projekcie „Park kieszonkowy”, 10 kwietnia 2026"
    )
    photo.scroll_into_view_if_needed()
    assert photo.evaluate("img => img.complete && img.naturalWidth") > 0
    box = photo.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    expect(page.get_by_test_id("cost")).to_contain_text("60 000,00 zł")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert blocking_violations(page) == []
