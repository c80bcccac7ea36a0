"""Choosing e-mail notifications and stopping them from a link, in the browser (issue 15)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import blocking_violations, log_in


@pytest.mark.parametrize("width", [1280, 390])
def test_choose_summaries_then_stop_a_kind_from_the_link(page, site, make_user, width):

    user = make_user(email="powiadomienia@example.org")
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, site, user.email, "haslo-testowe-123")
    page.goto(f"{site}/konto/profil/edycja/")
    expect(page.get_by_role("group", name="Budżet obywatelski")).to_contain_text(
        "Zaproszenia do współautorstwa projektu"
    )
    assert blocking_violations(page) == []
    page.get_by_label("Raz w tygodniu, w jednym podsumowaniu").check()
    page.get_by_label("Nowe możliwości udziału").check()
    page.get_by_role("button", name="Zapisz").click()
    expect(page.get_by_role("heading", name="Moje konto")).to_be_visible()
    user.refresh_from_db()
    assert user.email_delivery == "weekly" and user.wants_email("news")

    page.context.clear_cookies()  # the link works without signing in
    page.goto(site + user.unsubscribe_path("news"))
    expect(page.get_by_text(re.compile("zrezygnować z e-maili w sprawie"))).to_be_visible()
    assert blocking_violations(page) == []
    page.get_by_role("button", name="Nie wysyłaj mi tych e-maili").click()
    expect(page.get_by_test_id("unsubscribe-done")).to_contain_text("Nowe możliwości udziału")
    user.refresh_from_db()
    assert not user.wants_email("news")

    page.goto(f"{site}/konto/wypisz/zepsuty:link/")
    expect(page.get_by_test_id("unsubscribe-error")).to_contain_text("Ten link jest nieprawidłowy")
    assert blocking_violations(page) == []
