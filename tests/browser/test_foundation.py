"""A resident signs up, declares residency and sees the badge; the language switch; axe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import blocking_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Bardzo-Tajne-Haslo-2026"


def sign_up(page, site: str, email: str) -> None:
    page.goto(f"{site}/konto/signup/")
    page.get_by_label("Adres e-mail").fill(email)
    page.get_by_label(re.compile(r"^Hasło:?$")).fill(PASSWORD)
    page.get_by_label("Hasło (ponownie)").fill(PASSWORD)
    page.get_by_label("Akceptuję regulamin").check()
    page.get_by_label(re.compile("Znam informację o tym")).check()
    page.get_by_role("main").get_by_role("button", name="Załóż konto").click()


def test_sign_up_declare_residency_and_see_verified_badge(page, site):
    sign_up(page, site, "nowa@example.org")
    expect(page.get_by_role("heading", name="Moje konto")).to_be_visible()
    expect(page.get_by_text("Nie złożono")).to_be_visible()

    page.get_by_role("link", name="Potwierdź, że tu mieszkasz").click()
    page.get_by_label(re.compile(r"^Imię i nazwisko:?$")).fill("Zofia Mieszkanka")
    page.get_by_label("Ulica i numer").fill("ul. Grodzka 10")
    page.get_by_label("Kod pocztowy").fill("31-006")
    page.get_by_label("Dzielnica").select_option(label="I. Stare Miasto")
    page.get_by_role("button", name="Wyślij oświadczenie").click()

    # Forgot the declaration tick: a clear message, nothing saved.
    expect(page.get_by_role("alert")).to_contain_text("Zaznacz oświadczenie")
    page.get_by_label(re.compile("Oświadczam")).check()
    page.get_by_role("button", name="Wyślij oświadczenie").click()

    expect(page.get_by_test_id("verified-badge")).to_have_text("Zweryfikowany mieszkaniec")
    assert not blocking_violations(page)


def test_malformed_email_is_refused_on_sign_up(page, site):
    sign_up(page, site, "to-nie-jest-email")
    expect(page).to_have_url(re.compile("/konto/signup/"))
    from wiec.accounts.models import User

    assert not User.objects.filter(email="to-nie-jest-email").exists()


def test_language_switch(page, site):
    page.goto(site + "/")
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.get_by_role("link", name="Zaloguj się")).to_be_visible()
    page.get_by_label(re.compile("Language")).select_option("en")
    page.get_by_role("button", name="Zmień").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    page.get_by_label(re.compile("Language")).select_option("pl")
    page.get_by_role("button", name="Change").click()
    expect(page.get_by_role("link", name="Zaloguj się")).to_be_visible()


@pytest.mark.parametrize(
    "path", ["/", "/konto/login/", "/konto/signup/", "/deklaracja-dostepnosci/"]
)
def test_public_pages_have_no_serious_accessibility_violations(page, site, path):
    page.goto(site + path)
    assert blocking_violations(page) == []


def test_profile_page_has_no_serious_accessibility_violations(page, site):
    sign_up(page, site, "profil@example.org")
    expect(page.get_by_role("heading", name="Moje konto")).to_be_visible()
    assert blocking_violations(page) == []
