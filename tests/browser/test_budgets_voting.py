"""A verified resident votes in every ballot type, gets a receipt and checks it."""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from playwright.sync_api import expect

from tests.browser.conftest import blocking_violations
from tests.browser.test_budgets import as_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def vote_site(site, city):
    from tests.budgets.test_voting import make_voting_edition
    from wiec.accounts import demo as accounts_demo
    from wiec.accounts.models import User
    from wiec.places.models import District

    accounts_demo.load(city)
    author = User.objects.get(email="mieszkanka@demo.wiec.pl")
    districts = {d.slug: d for d in District.objects.filter(city=city)}
    edition, _pools, projects = make_voting_edition(city, districts, author, slug="bo-glosuj")
    edition.voting.one_district = False
    edition.voting.save()
    return site, edition, projects


def test_resident_votes_in_every_ballot_type_and_checks_the_receipt(page, vote_site):
    site, edition, projects = vote_site
    as_user(page, site, "mieszkaniec@demo.wiec.pl")
    page.goto(f"{site}/bo/{edition.slug}/glosuj/")
    assert blocking_violations(page) == []
    city = projects["city"]
    for rank, proposal in enumerate(city[:3], start=1):
        page.get_by_label(proposal.title, exact=True).select_option(str(rank))
    page.get_by_label(projects["podgorze"][0].title, exact=True).check()
    page.get_by_label(projects["podgorze"][1].title, exact=True).check()
    page.get_by_label(projects["nowa-huta"][2].title, exact=True).check()
    page.get_by_label(projects["green"][0].title, exact=True).fill("7")
    page.get_by_role("button", name="Przejdź do podsumowania").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sprawdź swój głos")
    page.get_by_role("button", name="Oddaj głos").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Twój głos został zapisany")
    assert blocking_violations(page) == []
    code = page.locator("#receipt-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", code)
    page.get_by_role("link", name="Sprawdź potwierdzenie teraz").click()
    expect(page.get_by_role("status")).to_contain_text("Policzony")
    assert blocking_violations(page) == []
    # The same person again: refused.
    page.goto(f"{site}/bo/{edition.slug}/glosuj/")
    expect(page.get_by_text("Twój głos w tej edycji jest już zapisany")).to_be_visible()
    from wiec.budgets.models import Ballot

    assert Ballot.objects.filter(edition=edition).count() == 1
    assert Ballot.objects.get(edition=edition).votes.count() == 7


@pytest.fixture
def demo_site(site, city):
    from wiec.accounts import demo as accounts_demo
    from wiec.budgets import demo

    with transaction.atomic():  # as `load_demo`: the search index is rebuilt once
        accounts_demo.load(city)
        demo.load(city, krakow_2019=False)  # Kraków 2019's import is tested in tests/budgets
    return site


def test_coordinator_sets_the_rules_and_a_resident_votes_krakow_style(page, demo_site):
    from wiec.budgets import demo
    from wiec.budgets.models import Ballot, Edition, Pool

    site = demo_site
    edition = Edition.objects.get(slug=demo.KRAKOW_VOTING)
    as_user(page, site, "koordynator@demo.wiec.pl")
    page.goto(f"{site}/bo/{edition.slug}/")
    expect(page.get_by_role("heading", name="Głosowanie i wyniki")).to_be_visible()
    assert blocking_violations(page) == []
    page.get_by_role("link", name="Zasady głosowania w tej edycji").click()
    assert blocking_violations(page) == []
    page.get_by_role("radio", name="liczy się pierwsza otrzymana karta").check()
    page.get_by_role("button", name="Zapisz").click()
    expect(page.get_by_text("Zasady głosowania zostały zapisane.")).to_be_visible()
    edition.voting.refresh_from_db()
    assert edition.voting.duplicate_rule == "first_counts"

    as_user(page, site, "mieszkaniec@demo.wiec.pl")  # lives in Podgórze
    page.goto(f"{site}/bo/{edition.slug}/")
    page.get_by_role("link", name="Głosuj", exact=True).click()
    assert blocking_violations(page) == []
    city_pool = Pool.objects.get(edition=edition, kind="city")
    district_pool = Pool.objects.get(edition=edition, district__slug="podgorze")
    for pool in (city_pool, district_pool):
        titles = list(pool.proposals.order_by("title").values_list("title", flat=True))
        for rank, title in enumerate(titles[:2], start=1):
            page.get_by_label(title, exact=True).select_option(str(rank))
    page.get_by_role("button", name="Przejdź do podsumowania").click()
    # Kraków asks for exactly three in each pool: two are refused, nothing is stored.
    expect(page.get_by_role("alert")).to_contain_text("wybierz co najmniej tyle projektów: 3")
    assert not Ballot.objects.filter(edition=edition).exists()
    for pool in (city_pool, district_pool):
        title = pool.proposals.order_by("title").values_list("title", flat=True)[2]
        page.get_by_label(title, exact=True).select_option("3")
    page.get_by_role("button", name="Przejdź do podsumowania").click()
    page.get_by_role("button", name="Oddaj głos").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Twój głos został zapisany")
    ballot = Ballot.objects.get(edition=edition)
    assert sorted(ballot.votes.values_list("points", flat=True)) == [1, 1, 2, 2, 3, 3]
