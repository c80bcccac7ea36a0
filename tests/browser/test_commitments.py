# ruff: noqa: F811  (the fixtures imported from the commitments tests are redefined as arguments)
"""What became of it, in the browser: a panel recommendation the city accepts becomes a
commitment, gets an update, shows late after its date and is overseen by a monitoring
panel whose question the office answers; every tool's promises share one page."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import blocking_violations
from tests.commitments.conftest import (  # noqa: F401
    category,
    consulted,
    edition,
    make_panel,
    make_proposal,
    organiser,
    people,
    pools,
    project,
    promise,
    recommendation,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "haslo-testowe-123"


def log_in(page, site: str, email: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{site}/konto/login/")
    page.get_by_label("Adres e-mail").fill(email)
    page.get_by_label(re.compile(r"^Hasło:?$")).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name=re.compile("^Zaloguj")).click()
    expect(page).not_to_have_url(re.compile("/konto/login/"))


def test_an_accepted_recommendation_is_followed_to_an_answer(page, site, recommendation, organiser):
    from wiec.commitments.models import Commitment

    panel = recommendation.panel
    # The coordinator answers the recommendation on the panel's own page.
    log_in(page, site, organiser.email)
    page.goto(f"{site}/panele/{panel.slug}/rekomendacje/{recommendation.pk}/")
    page.locator("[name=response]").fill("Przyjmujemy. Nasadzenia od wiosny.")
    page.locator("select[name=status]").first.select_option("planned")
    page.get_by_role("button", name="Zapisz odpowiedź").click()

    # It is a commitment on the city's page, planned.
    page.goto(f"{site}/zobowiazania/")
    card = page.get_by_test_id("commitment").filter(has_text="Więcej drzew na ulicach")
    expect(card.get_by_test_id("commitment-status")).to_have_text("zaplanowane")
    assert not blocking_violations(page)
    card.get_by_role("link", name="Więcej drzew na ulicach").click()

    # The office reports progress, then sets a date that has passed: it shows late.
    office = page.get_by_role("region", name="Dla urzędu")
    office.get_by_label("Status").select_option("in_progress")
    office.get_by_label("Co się wydarzyło").fill("Wybrano 40 lokalizacji.")
    office.get_by_role("button", name="Opublikuj aktualność").click()
    expect(page.get_by_test_id("updates")).to_contain_text("Wybrano 40 lokalizacji.")
    expect(page.get_by_test_id("commitment-status").first).to_have_text("w realizacji")
    past = timezone.localdate() - datetime.timedelta(days=3)
    office = page.get_by_role("region", name="Dla urzędu")
    office.get_by_label("Jednostka odpowiedzialna").fill("Zarząd Zieleni Miejskiej")
    office.get_by_label("Planowany termin realizacji").fill(past.isoformat())
    office.get_by_role("button", name="Zapisz plan").click()
    expect(page.get_by_test_id("commitment-status").first).to_have_text("opóźnione")
    assert not blocking_violations(page)
    commitment = Commitment.objects.get()

    # The panel is given the commitment to oversee.
    page.goto(f"{site}/zobowiazania/panel/{panel.slug}/")
    page.get_by_label("Więcej drzew na ulicach").check()
    page.get_by_role("button", name="Przekaż panelowi").click()
    expect(page.get_by_role("table")).to_contain_text("opóźnione")

    # A panelist asks; the late commitment and the question wait in the office inbox.
    log_in(page, site, "panelistka@example.org")
    page.goto(f"{site}/zobowiazania/{commitment.pk}/")
    page.get_by_label("Pytanie do jednostki odpowiedzialnej").fill("Dlaczego są opóźnienia?")
    page.get_by_role("button", name="Wyślij pytanie").click()
    expect(page.get_by_test_id("question")).to_contain_text("Czeka na odpowiedź.")

    log_in(page, site, organiser.email)
    page.goto(f"{site}/biuro/")
    expect(page.get_by_role("main")).to_contain_text("Opóźnione zobowiązanie: Zarząd Zieleni")
    page.get_by_role("link", name="Więcej drzew na ulicach").last.click()
    page.get_by_test_id("question").get_by_label("Odpowiedź").fill("Susza opóźniła dostawy.")
    page.get_by_role("button", name="Opublikuj odpowiedź").click()
    expect(page.get_by_test_id("answer")).to_contain_text("Susza opóźniła dostawy.")

    log_in(page, site, "panelistka@example.org")
    page.goto(f"{site}/zobowiazania/{commitment.pk}/")
    expect(page.get_by_test_id("answer")).to_contain_text("Susza opóźniła dostawy.")
    page.get_by_label("Ocena panelu").select_option("late")
    page.get_by_label("Uzasadnienie").fill("Termin minął, prace trwają.")
    page.get_by_role("button", name="Opublikuj ocenę").click()
    expect(page.get_by_test_id("panel-verdict")).to_have_text("opóźnione")


def test_a_consultation_promise_and_a_budget_project_share_the_page(page, site, project, promise):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{site}/zobowiazania/")
    cards = page.get_by_test_id("commitment")
    expect(cards.filter(has_text="Park kieszonkowy")).to_contain_text("Budżet obywatelski")
    expect(cards.filter(has_text="Dodamy 50 stojaków")).to_contain_text("Plan rowerowy")
    expect(cards.filter(has_text="Buspas w godzinach szczytu")).to_contain_text(
        "przyjęte częściowo"
    )
    assert not blocking_violations(page)
    page.get_by_label("Skąd pochodzi").select_option("consultations")
    page.get_by_role("button", name="Pokaż").click()
    expect(page.get_by_test_id("result-count")).to_have_text("2 zobowiązania")


def test_representativeness_hides_a_group_of_four(page, site, city, consulted):
    from wiec.places.models import District

    year = timezone.localdate().year
    page.goto(f"{site}/zobowiazania/reprezentatywnosc/?rok={year}")
    expect(page.get_by_test_id("participants")).to_contain_text("Policzono 29 osób.")
    page.get_by_role("link", name="Park linearny").click()
    districts = page.get_by_test_id("dimension-district")
    nowa_huta = District.objects.get(city=city, slug="nowa-huta").name
    row = districts.get_by_role("row").filter(has_text=nowa_huta)
    expect(row).to_contain_text("ukryte, by chronić małą grupę")
    expect(row).not_to_contain_text("4")
    expect(page.get_by_test_id("dimension-age")).to_contain_text("Nie zbieramy")
    assert not blocking_violations(page)


def test_the_yearly_report_pdf_is_tagged_and_names_every_process(
    page, site, consulted, recommendation
):
    import io

    from pypdf import PdfReader

    year = timezone.localdate().year
    page.goto(f"{site}/zobowiazania/raport/{year}/")
    expect(page.get_by_test_id("report-processes")).to_contain_text("Park linearny")
    assert not blocking_violations(page)
    link = page.get_by_role("link", name="Raport w PDF (dostępny, z tagami)")
    response = page.request.get(f"{site}{link.get_attribute('href')}")
    reader = PdfReader(io.BytesIO(response.body()))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    text = " ".join(p.extract_text() for p in reader.pages)
    for title in ("Park linearny", recommendation.panel.topic):
        assert title in text
