"""Browser tests run the real site (live_server) in Debian's chromium."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

BLOCKING_IMPACTS = {"serious", "critical"}


expect.set_options(timeout=10_000)


@pytest.fixture
def context(context):
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def site(live_server, city):
    from wiec.accessibility import demo

    demo.load(city)
    return live_server.url


def blocking_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in BLOCKING_IMPACTS
    ]


def log_in(page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/konto/login/")
    page.get_by_label("Adres e-mail").fill(email)
    page.get_by_label(re.compile(r"^Hasło:?$")).fill(password)
    page.get_by_role("main").get_by_role("button", name=re.compile(r"^Zaloguj")).click()
