"""The 429 page and the second-factor enrolment at desktop and phone widths, under the
site's Content-Security-Policy (nothing refused in the console)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import blocking_violations, log_in
from wiec.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTHS = {"desktop": 1280, "390": 390}


def csp_refusals(page) -> list[str]:
    messages: list[str] = []
    page.on(
        "console",
        lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return messages


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_429_page_says_when_to_try_again(page, site, settings):
    settings.WIEC_RATE_LIMITS = {"receipt_check": ("1/600", "1/600")}
    refused = csp_refusals(page)
    page.goto(f"{site}/bo/potwierdzenie/?kod=ABCD-EFGH-JKLM-NPQR")
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(f"{site}/bo/potwierdzenie/?kod=ZZZZ-EFGH-JKLM-NPQR")
        assert response.status == 429
        expect(page.get_by_role("heading", level=1)).to_have_text("Zbyt wiele prób")
        expect(page.get_by_text(re.compile(r"Spróbuj ponownie za \d+ minut"))).to_be_visible()
        assert fits(page)
        page.screenshot(path=SHOTS / f"core-429-{name}.png", full_page=True)
    assert blocking_violations(page) == []
    assert refused == []


def test_staff_enrol_a_second_factor_before_anything_else(page, site, city, make_role_user):
    city.require_staff_mfa = True
    city.save(update_fields=["require_staff_mfa"])
    official = make_role_user(Role.OFFICIAL, email="urzedniczka@example.org")
    refused = csp_refusals(page)
    log_in(page, site, official.email, "haslo-testowe-123")
    page.goto(f"{site}/biuro/")
    expect(page.get_by_text(re.compile("wymaga od pracowników"))).to_be_visible()
    assert page.url.endswith("/konto/2fa/")
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{site}/konto/2fa/")
        assert fits(page)
        page.screenshot(path=SHOTS / f"accounts-mfa-index-{name}.png", full_page=True)
        page.goto(f"{site}/konto/2fa/totp/activate/")
        if "/reauthenticate/" in page.url:  # allauth: confirm the password first
            page.get_by_label(re.compile(r"^Hasło:?$")).fill("haslo-testowe-123")
            page.get_by_role("main").get_by_role("button", name="Potwierdź").click()
        expect(page.locator("img[src^='data:image/svg+xml']")).to_be_visible()
        assert fits(page)
        page.screenshot(path=SHOTS / f"accounts-mfa-totp-{name}.png", full_page=True)
    assert blocking_violations(page) == []
    assert refused == []
