"""The office enters a paper support list person by person in a real browser, at the
width of a desk and of a phone: an invalid signature without its reason is refused in
Polish, with the reason it is listed, and the support shows by channel."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import blocking_violations
from tests.browser.test_budgets import as_user, bo  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_office_enters_a_paper_list_one_by_one(page, bo, city, width):  # noqa: F811
    from wiec.accounts.models import User
    from wiec.budgets.models import Proposal, Status

    official = User.objects.get(email="urzednik@demo.wiec.pl")
    proposal = next(
        p
        for p in Proposal.objects.filter(status=Status.SUBMITTED, support_lists__isnull=False)
        if official.has_perm("budgets.verify_proposal", p)
    )
    page.set_viewport_size({"width": width, "height": 900})
    as_user(page, bo, official.email)
    page.goto(f"{bo}/bo/projekt/{proposal.pk}/weryfikacja/")
    expect(page.get_by_test_id("by-channel")).to_contain_text("przez internet")
    page.get_by_role("link", name="Wpisz jej podpisy po kolei").first.click()
    page.get_by_label("Imię i nazwisko").fill("Ola Lis")
    page.get_by_label("Ulica i numer").fill("ul. Krótka 2")
    page.get_by_role("radio", name="nieważny", exact=True).check()
    page.get_by_role("button", name="Wpisz podpis").click()
    expect(page.get_by_text("Podaj, dlaczego podpis jest nieważny.", exact=True)).to_be_visible()
    page.get_by_label("Powód nieważności").fill("Podpis nieczytelny.")
    page.get_by_role("button", name="Wpisz podpis").click()
    expect(page.get_by_test_id("entered")).to_contain_text("Ola Lis")
    expect(page.get_by_test_id("entered")).to_contain_text("Podpis nieczytelny.")
    page.get_by_label("Imię i nazwisko").fill("Jan Dąb")
    page.get_by_label("Ulica i numer").fill("ul. Długa 5")
    page.get_by_role("radio", name="ważny", exact=True).check()
    page.get_by_role("button", name="Wpisz podpis").click()
    expect(page.get_by_test_id("by-channel")).to_contain_text("wpisanych imiennie 1")
    page.screenshot(path=f"/tmp/sig/paper-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert blocking_violations(page) == []
