"""The platform as residents and officials meet it: one search, the home page's open
vote, "my activity", and the office's inbox across tools."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import transaction
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import blocking_violations
from tests.browser.test_budgets import as_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def platform_site(site, city):
    from wiec.accounts import demo as accounts_demo
    from wiec.budgets import demo as budgets_demo
    from wiec.consultations.models import ConsultationRequest, RequestStatus
    from wiec.core import search

    with transaction.atomic():  # as `load_demo`: the search index is rebuilt once
        accounts_demo.load(city)
        budgets_demo.load(city, krakow_2019=False)
    today = timezone.localdate()
    ConsultationRequest.objects.create(
        city=city,
        title="Konsultacje w sprawie placu Wolnica",
        justification="Mieszkańcy chcą mieć wpływ na przebudowę placu.",
        threshold=10,
        status=RequestStatus.SUBMITTED,
        submitted_at=timezone.now() - datetime.timedelta(days=33),
        answer_due_on=today - datetime.timedelta(days=3),
    )
    search.rebuild()
    return site


def _cast(page) -> None:
    """Go to the ballot's summary, then cast it there."""
    page.get_by_role("button", name="Przejdź do podsumowania").click()
    page.get_by_role("button", name="Oddaj głos").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Twój głos został zapisany")


def test_a_resident_finds_votes_and_sees_the_ballot_in_my_activity(page, platform_site):
    from wiec.budgets import demo
    from wiec.budgets.models import Edition, Pool

    site = platform_site
    edition = Edition.objects.get(slug=demo.KRAKOW_VOTING)
    as_user(page, site, "mieszkaniec@demo.wiec.pl")  # lives in Podgórze
    page.goto(f"{site}/")
    open_now = page.get_by_role("list").filter(has_text=edition.name).first
    expect(open_now.get_by_role("link", name=re.compile(r"^Głosuj do "))).not_to_have_count(0)
    assert blocking_violations(page) == []

    page.get_by_role("navigation", name="Nawigacja główna").get_by_role(
        "link", name="Szukaj"
    ).click()
    page.get_by_label("Szukane słowa").fill("lawka")  # "ławkami" in the title, no diacritics
    page.get_by_role("main").get_by_role("button", name="Szukaj").click()
    expect(
        page.get_by_role("link", name=re.compile("Zielony skwer z ławkami")).first
    ).to_be_visible()
    assert blocking_violations(page) == []

    page.goto(f"{site}/bo/{edition.slug}/glosuj/")
    for pool in (
        Pool.objects.get(edition=edition, kind="city"),
        Pool.objects.get(edition=edition, district__slug="podgorze"),
    ):
        titles = sorted(pool.proposals.values_list("title", flat=True))
        for rank, title in enumerate(titles[:3], start=1):
            page.get_by_label(title, exact=True).select_option(str(rank))
    _cast(page)

    page.get_by_role("link", name="Moja aktywność").click()
    ballot = page.get_by_role("listitem").filter(has_text="Mój głos").filter(has_text=edition.name)
    expect(ballot).to_contain_text("zapisany")
    assert blocking_violations(page) == []


def test_an_official_sees_overdue_work_first_and_not_the_appeal_against_their_check(
    page, platform_site
):
    from wiec.budgets.models import Appeal

    site = platform_site
    verified_by_them = Appeal.objects.filter(
        status="pending", proposal__verification_sheet__merit_by__email="urzednik@demo.wiec.pl"
    )
    as_user(page, site, "urzednik@demo.wiec.pl")
    page.get_by_role("link", name="Skrzynka zadań urzędu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skrzynka zadań urzędu")
    assert blocking_violations(page) == []
    request = page.get_by_role("listitem").filter(has_text="placu Wolnica")
    expect(request).to_contain_text("3 dni po terminie")
    titles = page.locator("ul.inbox > li h2").all_inner_texts()
    assert titles[0] == "Konsultacje w sprawie placu Wolnica"  # overdue first
    expect(page.get_by_role("listitem").filter(has_text="Zweryfikuj projekt")).not_to_have_count(0)
    # This official made the checks the authors appealed against: those appeals are not theirs.
    for appeal in verified_by_them:
        expect(page.get_by_role("link", name=appeal.proposal.title)).to_have_count(0)
    request.get_by_role("link", name="Konsultacje w sprawie placu Wolnica").click()
    expect(page.get_by_role("main")).to_contain_text("placu Wolnica")
    assert blocking_violations(page) == []


def test_a_coordinator_decides_an_appeal_from_the_inbox(page, platform_site):
    from wiec.budgets.models import Appeal

    site = platform_site
    appeal = Appeal.objects.filter(status="pending").order_by("pk").first()
    as_user(page, site, "koordynator@demo.wiec.pl")
    page.get_by_role("link", name="Skrzynka zadań urzędu").click()
    task = (
        page.get_by_role("listitem")
        .filter(has_text="Rozstrzygnij odwołanie")
        .filter(has_text=appeal.proposal.title)
    )
    expect(task).to_have_count(1)
    task.get_by_role("link", name=appeal.proposal.title).click()
    assert blocking_violations(page) == []
    page.get_by_label("uwzględnić odwołanie").check()
    page.get_by_label("Uzasadnienie").fill("Projekt mieści się w zadaniach gminy.")
    page.get_by_role("button", name="Zapisz rozstrzygnięcie").click()
    expect(page.get_by_text("Rozstrzygnięcie odwołania zostało zapisane.")).to_be_visible()
    appeal.refresh_from_db()
    assert appeal.status == "upheld"
    page.goto(f"{site}/biuro/")
    expect(page.get_by_role("link", name=appeal.proposal.title)).to_have_count(0)
