"""The office's page of proposal categories in a real browser, at desktop and on a
390 px phone: reached from the budget's page, a category added, renamed and removed,
one in use kept with the reason, and axe finding nothing serious."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import blocking_violations
from tests.browser.test_budgets import as_user
from tests.browser.test_hardening import SHOTS, WIDTHS, fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(site, city, make_user):
    """The demo accounts, shared and own categories, and a proposal using one of each."""
    from wiec.accounts import demo as accounts_demo
    from wiec.budgets.models import Category, Edition, Pool, Proposal

    accounts_demo.load(city)
    shared = [Category.objects.get_or_create(name=n)[0] for n in ("Sport", "Zieleń", "Edukacja")]
    own = Category.objects.create(city=city, name="Kultura ludowa i rękodzieło krakowskie")
    edition = Edition.objects.create(city=city, name="BO Kraków 2028", slug="bo-2028")
    pool = Pool.objects.create(edition=edition, kind="city", name="Ogólnomiejska", amount=100)
    author = make_user()
    for title, category in (("Skansen", own), ("Festyn", own), ("Boisko", shared[0])):
        Proposal.objects.create(
            edition=edition, pool=pool, author=author, title=title, description="Opis.",
            category=category,
        )  # fmt: skip
    return site


@pytest.mark.parametrize("name", list(WIDTHS))
def test_a_coordinator_keeps_the_municipalitys_categories(page, office, name):
    width = WIDTHS[name]
    page.set_viewport_size({"width": width, "height": 900})
    as_user(page, office, "koordynator@demo.wiec.pl")
    page.goto(f"{office}/bo/")
    page.get_by_role("main").get_by_role("link", name="Kategorie projektów").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kategorie projektów")
    shared = page.get_by_test_id("shared-category")
    expect(shared).to_have_count(3)
    expect(shared.filter(has_text="wspólna dla wszystkich gmin")).to_have_count(3)
    expect(shared.filter(has_text="Sport")).to_contain_text("1")
    own = page.get_by_test_id("own-category")
    expect(own.filter(has_text="Kultura ludowa")).to_contain_text("2")
    assert fits(page)
    assert blocking_violations(page) == []

    page.get_by_label("Nazwa kategorii").fill("Place zabaw")
    page.get_by_role("button", name="Dodaj kategorię").click()
    expect(page.get_by_role("status")).to_contain_text("Kategoria „Place zabaw” została dodana.")
    page.get_by_label("Nazwa kategorii").fill("zieleń")
    page.get_by_role("button", name="Dodaj kategorię").click()
    expect(page.get_by_role("alert")).to_contain_text("Ta gmina ma już taką kategorię.")
    assert blocking_violations(page) == []
    page.screenshot(path=SHOTS / f"budgets-categories-{name}.png", full_page=True)

    page.get_by_role("link", name="Zmień nazwę lub usuń kategorię „Place zabaw”").click()
    page.get_by_label("Nazwa kategorii").fill("Place zabaw i siłownie")
    page.get_by_role("button", name="Zapisz nową nazwę").click()
    expect(page.get_by_role("status")).to_contain_text("Nazwa kategorii została zmieniona.")
    page.get_by_role("link", name="Zmień nazwę lub usuń kategorię „Place zabaw i siłownie”").click()
    assert fits(page)
    assert blocking_violations(page) == []
    page.get_by_role("button", name="Usuń kategorię").click()
    expect(page.get_by_role("status")).to_contain_text("została usunięta")
    expect(page.get_by_text("Place zabaw i siłownie")).to_have_count(1)  # the message only

    page.get_by_role("link", name=re.compile("^Zmień nazwę kategorii „Kultura ludowa")).click()
    expect(page.get_by_test_id("in-use")).to_contain_text(
        "Tej kategorii używają 2 projekty, więc nie można jej usunąć"
    )
    expect(page.get_by_role("button", name="Usuń kategorię")).to_have_count(0)
    assert fits(page)
    assert blocking_violations(page) == []
    page.screenshot(path=SHOTS / f"budgets-category-in-use-{name}.png", full_page=True)
