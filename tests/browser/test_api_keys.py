"""The API keys page at desktop and phone widths: a key made, shown once, revoked; and
allauth's own 429 saying when to try again."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import blocking_violations, log_in
from tests.browser.test_hardening import SHOTS, WIDTHS, csp_refusals, fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_key_is_made_shown_once_and_revoked(page, site, make_user):
    user = make_user(email="dane@example.org")
    refused = csp_refusals(page)
    log_in(page, site, user.email, "haslo-testowe-123")
    page.goto(f"{site}/konto/profil/")
    page.get_by_role("link", name="Klucze API").click()
    page.get_by_label("Nazwa klucza").fill("Mapa projektów dla koła naukowego")
    page.get_by_role("button", name="Utwórz klucz").click()
    key = page.get_by_test_id("new-api-key").inner_text()
    assert re.fullmatch(r"wiec_[A-Za-z0-9]{8}_[A-Za-z0-9_\-]{32}", key)
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        assert fits(page)
        page.screenshot(path=SHOTS / f"accounts-api-keys-{name}.png", full_page=True)
    assert blocking_violations(page) == []
    page.goto(f"{site}/konto/klucze-api/")
    assert key not in page.content()
    page.get_by_role("button", name="Unieważnij").click()
    expect(page.get_by_text(re.compile("już nie działa"))).to_be_visible()
    expect(page.get_by_text(re.compile("unieważniony"))).to_be_visible()
    assert refused == []


def test_allauths_429_says_when_to_try_again(page, site, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login": "1/2m/ip", "login_failed": "100/m/ip"}
    for _attempt in range(2):
        page.goto(f"{site}/konto/login/")
        page.get_by_label("Adres e-mail").fill("ktos@example.org")
        page.get_by_label(re.compile(r"^Hasło:?$")).fill("zle-haslo-1")
        page.get_by_role("main").get_by_role("button", name=re.compile(r"^Zaloguj")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zbyt wiele prób")
    expect(
        page.get_by_text(re.compile(r"Spróbuj ponownie za 2 minuty, o \d\d:\d\d"))
    ).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 900})
    assert fits(page)
    page.screenshot(path=SHOTS / "accounts-allauth-429-390.png", full_page=True)
