"""The village fund in a real browser, at 1280 and 390 px, with axe on every page: the
office opens a budget year with each sołectwo's Lm, a resident checks the calculator,
the sołtys files the village assembly's request against the computed fund, and the wójt
accepts it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import blocking_violations, log_in
from wiec.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "haslo-testowe-123"


SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _clean(page, shot: str = "") -> None:
    assert blocking_violations(page) == []
    if shot:
        width = page.viewport_size["width"]
        page.screenshot(path=SHOTS / f"initiatives-{shot}-{width}.png", full_page=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_calculator_assembly_request_and_the_wojts_decision(
    page, site, city, make_resident, make_role_user, width
):
    from wiec.initiatives.models import AssemblyRequest, Solectwo

    Solectwo.objects.create(city=city, name="Wysocice", soltys="Maria Sołtys")
    official = make_role_user(Role.OFFICIAL, email="wojt@example.org")
    soltys = make_resident(email="soltys@example.org")
    budget_year = timezone.localdate().year + 2  # the request's deadline is still ahead
    page.set_viewport_size({"width": width, "height": 900})

    log_in(page, site, official.email, PASSWORD)
    page.goto(f"{site}/inicjatywy/fundusz-solecki/")
    page.get_by_role("link", name="Otwórz nowy rok funduszu").click()
    page.get_by_label("Rok budżetowy").fill(str(budget_year))
    page.get_by_label("Zgoda rady").fill("Uchwała nr III/20 o funduszu sołeckim")
    page.get_by_label(re.compile("^Kb: wykonane dochody")).fill("4 000,00")
    page.get_by_label("Kb według danych z dnia").fill(f"{budget_year - 1}-05-15")
    page.get_by_label("Lm: liczba mieszkańców sołectwa Wysocice").fill("300")
    page.get_by_label("Stan liczby mieszkańców sołectwa Wysocice na dzień").fill(
        f"{budget_year - 1}-12-31"  # wrong on purpose: Lm is counted on 30 June
    )
    page.get_by_role("button", name="Zapisz i przelicz kwoty").click()
    expect(
        page.get_by_text(re.compile("Lm to liczba mieszkańców na dzień 30 czerwca"))
    ).to_be_visible()
    _clean(page, "fund-year-form-error")
    page.get_by_label("Stan liczby mieszkańców sołectwa Wysocice na dzień").fill("")
    page.get_by_role("button", name="Zapisz i przelicz kwoty").click()
    expect(page.get_by_test_id("fund-wysocice")).to_have_text("20 000,00 zł")  # 5 × Kb
    _clean(page, "villagefund")
    page.context.clear_cookies()  # log out (the menu folds away at 390 px)

    page.goto(f"{site}/inicjatywy/fundusz-solecki/")
    page.get_by_label("Lm: liczba mieszkańców na 30 czerwca").fill("300")
    page.get_by_label("Kb: wykonane dochody bieżące na mieszkańca (zł)").fill("4 000,00")
    page.get_by_role("button", name="Oblicz").click()
    expect(page.get_by_test_id("computed")).to_have_text("F = 20 000,00 zł")
    _clean(page)

    log_in(page, site, soltys.email, PASSWORD)
    page.goto(f"{site}/inicjatywy/fundusz-solecki/")
    page.get_by_role("link", name="Złóż wniosek zebrania wiejskiego").click()
    page.get_by_label("Data zebrania wiejskiego").fill(timezone.localdate().isoformat())
    page.get_by_label("Zwołanie zebrania").select_option("soltys")
    page.get_by_label("Uzasadnienie").fill("Dzieci nie mają gdzie się bawić.")
    page.locator("[name=tasks-0-task]").fill("Plac zabaw")
    page.locator("[name=tasks-0-cost]").fill("25 000,00")  # above the fund on purpose
    page.get_by_role("button", name="Wyślij wniosek do wójta").click()
    expect(page.get_by_text(re.compile("więcej niż fundusz sołectwa"))).to_be_visible()
    _clean(page)
    page.locator("[name=tasks-0-cost]").fill("18 000,00")
    page.locator("[name=tasks-1-cost]").fill("500")  # a cost without its task
    page.get_by_role("button", name="Wyślij wniosek do wójta").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Wpisz zadanie, którego dotyczy ten koszt.")
    _clean(page)
    summary.get_by_role("link", name=re.compile("wiersz 2, Zadanie")).click()
    expect(page.locator("[name=tasks-1-task]")).to_be_focused()
    page.locator("[name=tasks-1-cost]").fill("")
    page.get_by_role("button", name="Wyślij wniosek do wójta").click()
    expect(page.get_by_test_id("fund-status")).to_have_text("złożony")
    _clean(page)
    page.context.clear_cookies()  # log out (the menu folds away at 390 px)

    log_in(page, site, official.email, PASSWORD)
    page.goto(f"{site}/biuro/")
    page.get_by_role("link", name=re.compile("Wysocice")).first.click()
    page.get_by_label("przyjąć wniosek").check()
    page.get_by_role("button", name="Zapisz decyzję").click()
    expect(page.get_by_test_id("fund-status")).to_have_text("przyjęty")
    _clean(page, "fund-request-decided")
    assert AssemblyRequest.objects.get().status == "accepted"
