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
