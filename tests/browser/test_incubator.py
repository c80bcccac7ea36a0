"""The incubator and the office's pool screen in a real browser, at 1280 and 390 px,
with axe on every page: the office opens the year's pool, a group saves a draft and asks
for help, an ambassador records a meeting, and the group reads the advice in the draft's
history and in its notifications. Screenshots go to docs/screenshots."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.applications import fill_nest_boxes_application
from tests.browser.conftest import blocking_violations, log_in
from wiec.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "haslo-testowe-123"
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _look(page, name: str, width: int) -> None:
    assert blocking_violations(page) == []
    page.screenshot(path=SHOTS / f"initiatives-{name}-{width}.png", full_page=True)


def _log_out(page) -> None:
    page.context.clear_cookies()  # log out (the menu folds away at 390 px)


@pytest.mark.parametrize("width", [1280, 390])
def test_pool_screen_draft_help_and_advice(
    page, site, city, make_resident, make_role_user, make_user, width
):
    from wiec.initiatives.models import Contact, ContactRole

    official = make_role_user(Role.OFFICIAL, email="urzednik@example.org")
    group = make_resident(email="grupa@example.org")
    ambassador = make_user(email="ambasador@example.org")
    Contact.objects.create(
        city=city, role=ContactRole.AMBASSADOR, name="Marek Sąsiad", user=ambassador
    )
    year = timezone.localdate().year
    page.set_viewport_size({"width": width, "height": 900})

    log_in(page, site, official.email, PASSWORD)
    page.goto(f"{site}/inicjatywy/pule/nowa/")
    page.get_by_label("Rok").fill(str(year))
    page.get_by_label("Uchwała rady").fill("Uchwała nr XII/34 w sprawie inicjatywy lokalnej")
    page.get_by_label("Odnośnik do uchwały").fill("https://bip.example.org/xii-34")
    page.get_by_label("Kwota puli (zł)").fill("100 000,00")
    page.get_by_label("Wartość godziny pracy społecznej (zł)").fill("35,00")
    page.get_by_label("ochrona przyrody, w tym zadrzewienia").check()
    page.get_by_label("Waga: praca społeczna").fill("10")  # below the others on purpose
    page.get_by_label("Waga: inne wkłady").fill("20")
    page.get_by_label("Waga: przydatność").fill("25")
    page.get_by_label("Waga: wykonalność").fill("15")
    page.get_by_role("button", name="Zapisz pulę").click()
    expect(page.get_by_text(re.compile("musi ważyć więcej niż każde inne")).first).to_be_visible()
    _look(page, "pool-form-error", width)
    page.get_by_label("Waga: praca społeczna").fill("40")
    page.get_by_role("button", name="Zapisz pulę").click()
    expect(page.get_by_role("link", name=f"Pula {year}")).to_be_visible()
    _look(page, "pools", width)
    _log_out(page)

    log_in(page, site, group.email, PASSWORD)
    page.goto(f"{site}/inicjatywy/wniosek/")
    fill_nest_boxes_application(page, hours="40")
    page.get_by_role("button", name="Zapisz szkic").click()
    expect(page.get_by_test_id("status")).to_have_text("szkic (inkubator)")
    page.get_by_role("button", name="Poproś o pomoc").click()
    expect(page.get_by_test_id("help-asked")).to_be_visible()
    _look(page, "draft", width)
    _log_out(page)

    log_in(page, site, ambassador.email, PASSWORD)
    page.goto(f"{site}/inicjatywy/")
    page.get_by_role("link", name="Budki dla jerzyków").click()
    page.get_by_label("spotkanie z grupą").check()
    page.get_by_label(re.compile("^Porada:?$")).fill("Dopiszcie koszty miasta: budki i podnośnik.")
    page.get_by_role("button", name="Zapisz poradę").click()
    expect(page.get_by_text("Podaj datę spotkania.").first).to_be_visible()
    page.get_by_label(re.compile("^Data spotkania:?$")).fill(timezone.localdate().isoformat())
    page.get_by_label(re.compile("^Miejsce spotkania:?$")).fill("Świetlica przy ul. Miodowej")
    page.get_by_role("button", name="Zapisz poradę").click()
    history = page.get_by_test_id("history")
    expect(history.get_by_role("listitem")).to_have_count(2)
    expect(history).to_contain_text("Marek Sąsiad")
    _look(page, "draft-advice", width)
    _log_out(page)

    log_in(page, site, group.email, PASSWORD)
    page.goto(f"{site}/powiadomienia/")
    expect(page.get_by_text("Porada do szkicu Waszej inicjatywy lokalnej").first).to_be_visible()
