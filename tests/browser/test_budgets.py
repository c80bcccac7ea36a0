"""The participatory budget in a real browser: the whole path to the vote, and axe."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import transaction
from playwright.sync_api import expect

from tests.browser.conftest import blocking_violations
from tests.budgets.test_results import counted  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def bo(site, city):
    """The demo accounts and budget, plus an edition open for proposals today."""
    from django.utils import timezone

    from wiec.accounts import demo as accounts_demo
    from wiec.budgets import demo
    from wiec.budgets.models import Edition, EditionPhase, Pool
    from wiec.places.models import District

    with transaction.atomic():  # as `load_demo`: the search index is rebuilt once
        accounts_demo.load(city)
        demo.load(city, krakow_2019=False)  # Kraków 2019 is tested in tests/budgets
    edition = Edition.objects.create(city=city, name="BO Kraków 2028", slug="bo-2028")
    today = timezone.localdate()
    EditionPhase.objects.create(edition=edition, type="submission", starts_on=today, ends_on=today)
    EditionPhase.objects.create(
        edition=edition,
        type="verification",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=20),
    )
    Pool.objects.create(
        edition=edition,
        kind="district",
        name="Dzielnica XIII Podgórze",
        district=District.objects.get(slug="podgorze"),
        amount=1_000_000_00,
    )
    return site


def as_user(page, site, email):
    from wiec.accounts.demo import DEMO_PASSWORD

    page.context.clear_cookies()
    # The shared log_in() expects "Zaloguj się"; allauth's Polish button says "Zaloguj".
    page.goto(f"{site}/konto/login/")
    page.get_by_label("Adres e-mail").fill(email)
    page.get_by_label(re.compile(r"^Hasło:?$")).fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button", name=re.compile(r"^Zaloguj")).click()
    expect(page).not_to_have_url(re.compile("/konto/login/"))


def test_submit_verify_negatively_appeal_upheld_ready_for_the_vote(page, bo):
    site = bo
    as_user(page, site, "mieszkaniec@demo.wiec.pl")
    page.goto(f"{site}/bo/bo-2028/zglos/")
    page.get_by_label("Tytuł").fill("Ogród deszczowy na Zabłociu")
    page.get_by_label("Pula").select_option(label="Dzielnica XIII Podgórze")
    page.get_by_label(re.compile(r"^Opis:?$")).fill("Ogród deszczowy przy szkole.")
    page.get_by_label("Pozycja kosztorysu 1").fill("Projekt i budowa")
    page.get_by_label("Kwota pozycji 1").fill("0")
    page.get_by_role("button", name="Zgłoś projekt").click()
    expect(page.get_by_role("alert")).to_contain_text("Kwota musi być większa od zera.")
    page.get_by_label("Kwota pozycji 1").fill("240 000,00")
    page.get_by_role("button", name="Zgłoś projekt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ogród deszczowy na Zabłociu")
    expect(page.get_by_test_id("status")).to_have_text("zgłoszony")
    expect(page.get_by_test_id("cost")).to_have_text("240 000,00 zł")
    proposal_url = page.url

    as_user(page, site, "urzedniczka.podgorze@demo.wiec.pl")
    page.goto(proposal_url)
    page.get_by_role("link", name="Dokonaj oceny formalnej").click()
    page.get_by_role("radio", name="pozytywna").check()
    page.get_by_role("button", name="Zapisz wynik").click()
    expect(page.get_by_test_id("status")).to_have_text("w weryfikacji")
    page.get_by_role("link", name="Dokonaj oceny merytorycznej").click()
    page.get_by_role("radio", name="negatywny", exact=True).check()
    page.get_by_role("button", name="Zapisz wynik").click()
    expect(page.get_by_role("alert")).to_contain_text("Negatywny wynik wymaga uzasadnienia.")
    page.get_by_label("Uzasadnienie").fill("Działka nie należy do Gminy Miejskiej Kraków.")
    page.get_by_role("button", name="Zapisz wynik").click()
    expect(page.get_by_test_id("status")).to_have_text("zweryfikowany negatywnie")

    as_user(page, site, "mieszkaniec@demo.wiec.pl")
    page.goto(proposal_url)
    page.get_by_role("link", name="Odwołaj się od negatywnego wyniku").click()
    page.get_by_label("Twoja odpowiedź").fill("Działka jest miejska: wypis w załączniku.")
    page.get_by_role("button", name="Złóż odwołanie").click()
    expect(page.get_by_test_id("status")).to_have_text("odwołanie złożone")

    as_user(page, site, "koordynator@demo.wiec.pl")
    page.goto(proposal_url)
    page.get_by_role("link", name="Rozstrzygnij odwołanie").click()
    page.get_by_role("radio", name="uwzględnić odwołanie").check()
    page.get_by_label("Uzasadnienie").fill("Wypis potwierdza, że działka należy do Gminy.")
    page.get_by_role("button", name="Zapisz rozstrzygnięcie").click()
    expect(page.get_by_test_id("status")).to_have_text("odwołanie uwzględnione")
    page.goto(f"{site}/bo/bo-2028/")
    page.get_by_role("button", name=re.compile("Dopuść pozytywnie")).click()
    page.goto(proposal_url)
    expect(page.get_by_test_id("status")).to_have_text("dopuszczony do głosowania")
    expect(page.get_by_test_id("appeal-status")).to_have_text("uwzględnione")
    history = page.locator(".history li")
    expect(history).to_have_count(7)

    page.goto(f"{site}/bo/bo-2028/odwolania/")
    expect(page.get_by_role("cell", name=re.compile("Ogród deszczowy"))).to_be_visible()


def test_proposal_list_and_page_pass_axe(page, bo):
    site = bo
    page.goto(f"{site}/bo/bo-krakow/projekty/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Projekty")
    assert not blocking_violations(page)
    page.get_by_role("link", name="Fontanna na Rynku Podgórskim").click()
    expect(page.get_by_role("heading", name="Karta weryfikacji")).to_be_visible()
    assert not blocking_violations(page)


@pytest.fixture
def published(site, counted):  # noqa: F811
    from wiec.budgets import results

    edition, pools, _projects, run, coordinator = counted
    results.publish_count(actor=coordinator, run=run)
    return site, edition, pools


@pytest.mark.parametrize("width", [1280, 390])
def test_what_if_explains_rules_and_unspent_money_in_polish(page, published, width):
    site, edition, pools = published
    page.set_viewport_size({"width": width, "height": 900})
    from django.urls import reverse

    what_if = site + reverse("budgets:what_if", args=[edition.slug, pools["city"].pk])
    page.goto(what_if + "?regula=greedy")  # 3-2-1 points: no Phragmén
    expect(page.get_by_test_id("not-offered")).to_contain_text("Phragmén sekwencyjny")
    options = page.get_by_label("Inna reguła").locator("option").all_inner_texts()
    assert "Phragmén sekwencyjny" not in options
    assert "metoda równych udziałów (MES)" in options
    page.goto(site + reverse("budgets:what_if", args=[edition.slug, pools["podgorze"].pk]))
    page.get_by_label("Inna reguła").select_option(label="metoda równych udziałów (MES)")
    page.get_by_role("button", name="Porównaj").click()
    expect(page.get_by_test_id("unspent")).to_contain_text("To nie błąd")
    wide = page.evaluate(
        "w => [...document.querySelectorAll('body *')].filter(e => "
        "e.getBoundingClientRect().right > w + 1).map(e => e.tagName + '.' + e.className)"
        ".slice(0, 8)",
        width,
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width, wide
    assert blocking_violations(page) == []
    page.get_by_role(
        "link", name="Porównaj z regułą „metoda równych udziałów z uzupełnieniem (MES + Add1)”"
    ).click()
    expect(page.get_by_label("Inna reguła")).to_have_value("equalshares/add1")
    expect(page.get_by_test_id("unspent")).to_have_count(0)
