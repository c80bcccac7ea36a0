"""A local initiative's application with a wrong line of contributions, in a real
browser at 1280 and 390 px: the problem is named at the top, with a link to the line's
field, and axe finds nothing serious. Screenshots go to docs/screenshots."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.applications import fill_nest_boxes_application
from tests.browser.conftest import blocking_violations, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "haslo-testowe-123"
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.mark.parametrize("width", [1280, 390])
def test_a_wrong_line_is_named_at_the_top(page, site, city, make_resident, width):
    from wiec.initiatives.models import InitiativeArea, InitiativePool

    InitiativePool.objects.create(
        city=city,
        year=2026,
        resolution_title="Uchwała w sprawie inicjatywy lokalnej",
        amount_grosze=10_000_000,
        work_rate_grosze=3_500,
        areas=[InitiativeArea.NATURE],
    )
    group = make_resident(password=PASSWORD)
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, site, group.email, PASSWORD)
    page.goto(f"{site}/inicjatywy/wniosek/")
    fill_nest_boxes_application(page, hours="0")
    page.get_by_role("button", name="Zapisz szkic").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Wkład własny mieszkańców, wiersz 1, Godziny")
    summary.get_by_role("link", name=re.compile("wiersz 1, Godziny")).click()
    expect(page.locator("[name=residents-0-hours]")).to_be_focused()
    assert blocking_violations(page) == []
    page.screenshot(path=SHOTS / f"initiatives-apply-line-error-{width}.png", full_page=True)
