"""The network in a browser: an editor publishes a good practice, a resident subscribes
to the newsletter and confirms, the ranking shows its indicators with their sources."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import blocking_violations
from tests.browser.test_budgets import as_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def network_site(site, city):
    from wiec.network import demo

    demo._editor()  # siec@demo.wiec.pl, a network editor (the demo's password)
    return site


@pytest.fixture
def submitted(city, make_user):
    from wiec.network import services

    author = make_user("autorka@example.org")
    services.join_network(
        actor=author, data={"city": city, "name": "Ola Autorka", "kind": "official"}, listed=True
    )
    practice = services.create_practice(
        actor=author,
        data={
            "city": city,
            "title": "Spacer badawczy po Zabłociu",
            "problem": "Mało uwag do planu miejscowego.",
            "method": "Trzy spacery z urbanistką.",
            "participants": "Mieszkańcy, rada dzielnicy, szkoła.",
            "outcome": "112 uwag, 41 uwzględnionych.",
            "lessons": "Osobna trasa dla osób na wózkach.",
            "contact": "planowanie@example.org",
        },
    )
    return services.submit_practice(actor=author, practice=practice)


def test_a_network_editor_publishes_a_good_practice(page, network_site, submitted):
    site = network_site
    as_user(page, site, "siec@demo.wiec.pl")
    page.goto(f"{site}/siec/dobre-praktyki/do-przegladu/")
    page.get_by_role("link", name="Spacer badawczy po Zabłociu").click()
    expect(page.get_by_text("czeka na przegląd")).to_be_visible()
    page.get_by_role("button", name="Opublikuj").click()
    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text(
        "Praktyka jest opublikowana"
    )
    page.context.clear_cookies()
    page.goto(f"{site}/siec/dobre-praktyki/")
    page.get_by_label("Szukane słowa").fill("spacer zabłocie")
    page.get_by_role("button", name="Szukaj", exact=True).last.click()
    expect(page.get_by_role("link", name="Spacer badawczy po Zabłociu")).to_be_visible()
    assert blocking_violations(page) == []


def test_a_resident_subscribes_to_the_newsletter_and_confirms(page, network_site):
    from wiec.network.models import Subscriber

    site = network_site
    page.goto(f"{site}/siec/newsletter/")
    page.get_by_label("Twój adres e-mail").fill("mieszkanka@example.org")
    page.get_by_role("main").get_by_role("button", name="Zapisz się").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sprawdź pocztę")
    assert not Subscriber.objects.get(email="mieszkanka@example.org").active
    (message,) = mail.outbox
    assert message.to == ["mieszkanka@example.org"]
    link = re.search(r"https?://\S+/siec/newsletter/potwierdz/\S+/", message.body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Potwierdzam subskrypcję").click()
    expect(page.get_by_role("status")).to_contain_text("Subskrypcja jest potwierdzona")
    assert Subscriber.objects.get(email="mieszkanka@example.org").active
    assert blocking_violations(page) == []


def test_the_ranking_shows_indicators_with_their_sources(page, network_site, city):
    site = network_site
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site}/siec/ranking/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Najbardziej partycypacyjna")
    turnout = page.locator("#budget_turnout")
    expect(turnout).to_contain_text("Frekwencja w głosowaniu budżetu obywatelskiego")
    turnout.get_by_text("Źródło: zapytanie, które go wylicza").click()
    expect(turnout.locator("pre").first).to_contain_text("budgets_ballot")
    expect(page.locator("#local_initiatives")).to_contain_text("jeszcze niedostępny")
    expect(page.locator("#local_initiatives pre")).to_have_count(0)
    expect(page.get_by_role("row").filter(has_text=city.name)).to_have_count(1)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width} px)"
    assert blocking_violations(page) == []


@pytest.mark.parametrize("width", [1280, 390])
def test_an_editor_creates_an_event_and_a_resident_registers(page, network_site, make_user, width):
    import datetime

    from django.utils import timezone

    from wiec.accounts.demo import DEMO_PASSWORD
    from wiec.network.models import Event

    site = network_site
    page.set_viewport_size({"width": width, "height": 900})
    as_user(page, site, "siec@demo.wiec.pl")
    page.goto(f"{site}/siec/wydarzenia/")
    page.get_by_role("link", name="Nowe wydarzenie").click()
    start = timezone.localtime() + datetime.timedelta(days=30)
    page.get_by_label("Tytuł").fill("Laboratorium partycypacji w Wieliczce")
    page.get_by_label("Rodzaj").select_option("lab")
    page.get_by_label("Opis").fill("Warsztat o zielonym budżecie.")
    page.get_by_label("Miejsce").fill("Wieliczka, Rynek Górny 1")
    page.get_by_label("Początek").fill(start.strftime("%Y-%m-%dT10:00"))
    page.get_by_label("Koniec").fill(start.strftime("%Y-%m-%dT09:00"))
    page.get_by_label("Liczba miejsc").fill("20")
    page.get_by_role("button", name="Zapisz wydarzenie").click()
    expect(page.locator("#id_ends_at_error")).to_have_text(
        "Wydarzenie musi się skończyć po rozpoczęciu."
    )
    assert blocking_violations(page) == []
    page.get_by_label("Koniec").fill(start.strftime("%Y-%m-%dT16:00"))
    page.get_by_role("button", name="Zapisz wydarzenie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Laboratorium partycypacji w Wieliczce"
    )
    assert blocking_violations(page) == []
    event = Event.objects.get()

    make_user("mieszkanka@example.org", password=DEMO_PASSWORD)
    as_user(page, site, "mieszkanka@example.org")
    page.goto(f"{site}/siec/wydarzenia/")
    page.get_by_role("link", name="Laboratorium partycypacji w Wieliczce").click()
    page.get_by_role("main").get_by_role("button", name="Zapisz się").click()
    expect(page.locator(".messages")).to_contain_text("Zapis przyjęty. Do zobaczenia!")
    expect(page.get_by_text("Masz zapis.", exact=True)).to_be_visible()
    assert blocking_violations(page) == []
    assert event.registrations.get().user.email == "mieszkanka@example.org"

    as_user(page, site, "siec@demo.wiec.pl")
    page.goto(f"{site}{event.get_absolute_url()}zapisani/")
    expect(page.get_by_role("cell", name="mieszkanka@example.org")).to_be_visible()
    assert blocking_violations(page) == []
