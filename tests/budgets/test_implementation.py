"""Where the money went: what a resident sees of the selected projects being carried out."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.urls import reverse

from tests.budgets.conftest import ZL, png_upload
from wiec.budgets import results_views
from wiec.budgets.implementation import report_progress
from wiec.budgets.models import EditionPhase, Implementation
from wiec.budgets.phases import PhaseType

URL = "/bo/realizacja/"


@pytest.fixture
def carried(edition, people, make_proposal):
    """Three selected projects: two in Podgórze (one on the map), one in Nowa Huta."""
    EditionPhase.objects.create(
        edition=edition,
        type=PhaseType.VOTING,
        starts_on=datetime.date(2025, 6, 1),
        ends_on=datetime.date(2025, 6, 30),
    )
    park = make_proposal(
        people["author"], title="Park kieszonkowy", latitude=50.04, longitude=19.95
    )
    bench = make_proposal(people["author"], title="Ławki przy Wiśle", cost=40_000 * ZL)
    library = make_proposal(people["author"], pool="nowa-huta", title="Biblioteka plenerowa")
    return {p.title: Implementation.objects.create(proposal=p) for p in (park, bench, library)}


def page(client, **query):
    response = client.get(URL, query)
    assert response.status_code == 200
    return response.content.decode()


def count(html):
    return re.search(r'data-testid="result-count">([^<]*)', html).group(1)


def test_the_list_counts_projects_in_polish_and_filters_empty_read_all(client, carried):
    html = page(client)
    assert count(html) == "3 projekty"
    assert html.count('<option value="" selected>wszystkie</option>') == 3
    assert "Park kieszonkowy" in html and "Biblioteka plenerowa" in html


def test_filters_by_district_and_status(client, carried, districts, people):
    html = page(client, district=districts["podgorze"].pk)
    assert count(html) == "2 projekty"
    assert "Biblioteka plenerowa" not in html
    report_progress(
        actor=people["official_podgorze"],
        implementation=carried["Ławki przy Wiśle"],
        status="in_progress",
        percent_done=40,
        text="Ławki zamówione.",
    )
    html = page(client, status="in_progress")
    assert count(html) == "1 projekt"
    assert "Ławki przy Wiśle" in html and "Park kieszonkowy" not in html


def test_a_filter_that_matches_nothing_says_so(client, carried, edition):
    html = page(client, edition=edition.pk, status="done")
    assert count(html) == "0 projektów"
    assert "Żaden projekt nie pasuje" in html


def test_a_bad_filter_value_is_not_an_error(client, carried):
    assert count(page(client, district="٣", status="nonsense")) == "3 projekty"


def test_the_map_has_the_projects_with_a_place_and_the_list_has_them_all(client, carried):
    html = page(client)
    points = json.loads(
        re.search(r'id="proposal-points" type="application/json">(.*?)</script>', html).group(1)
    )
    assert [p["title"] for p in points] == ["Park kieszonkowy"]
    assert points[0]["url"] == reverse(
        "budgets:implementation_detail", args=[carried["Park kieszonkowy"].pk]
    )
    assert "Na mapie jest 1 projekt ze wskazanym miejscem" in html


def test_pagination_keeps_the_filters(client, carried, districts, monkeypatch):
    monkeypatch.setattr(results_views, "IMPLEMENTATION_PAGE_SIZE", 1)
    html = page(client, district=districts["podgorze"].pk)
    assert "Strona 1 z 2" in html
    assert f"?district={districts['podgorze'].pk}&amp;page=2" in html


def test_a_project_without_updates_says_so_rather_than_zero_percent(client, carried):
    html = page(client)
    assert "Wybrany w 2025 r." in html
    assert "Gmina nie zgłosiła jeszcze rozpoczęcia prac" in html
    statuses = re.findall(r'data-testid="status">([^<]*)', html)
    assert statuses == ["Wybrany w 2025 r."] * 3
    assert "wykonano 0%" not in html and "<progress" not in html


def test_the_card_shows_progress_latest_update_and_cost_against_the_estimate(
    client, carried, people
):
    bench = carried["Ławki przy Wiśle"]
    for day, text, cost in [
        (datetime.date(2026, 3, 2), "Ławki zamówione.", None),
        (datetime.date(2026, 5, 4), "Ławki stoją.", "41 250,50"),
    ]:
        report_progress(
            actor=people["official_podgorze"],
            implementation=bench,
            status="in_progress",
            percent_done=80,
            text=text,
            day=day,
            actual_cost=int(cost.replace(" ", "").replace(",", "")) if cost else None,
        )
    html = page(client, status="in_progress")
    assert 'value="80"' in html and "wykonano 80%" in html
    assert "Ostatnia aktualność, 4 maja 2026:" in html and "Ławki stoją." in html
    assert "Ławki zamówione." not in html
    assert "40\xa0000,00 zł" in html or "40 000,00 zł" in html
    assert "41 250,50 zł" in html and "więcej niż szacowano" in html


def test_the_detail_page_lists_dated_updates_with_photos(client, carried, people):
    park = carried["Park kieszonkowy"]
    report_progress(
        actor=people["official_podgorze"],
        implementation=park,
        status="in_progress",
        percent_done=30,
        text="Posadzono drzewa.",
        day=datetime.date(2026, 4, 10),
        photo=png_upload("drzewa.png"),
    )
    html = client.get(reverse("budgets:implementation_detail", args=[park.pk])).content.decode()
    assert '<time datetime="2026-04-10">10 kwietnia 2026</time>' in html
    assert "Posadzono drzewa." in html
    img = re.search(r'<img src="([^"]+)" alt="([^"]+)"', html)
    assert img.group(1).startswith("/media/budgets/implementation/")
    assert img.group(2) == "Zdjęcie prac przy projekcie „Park kieszonkowy”, 10 kwietnia 2026"
    assert "Szacowany koszt" in html and "jeszcze nie podano" in html


def test_the_detail_page_of_a_project_without_updates_is_honest(client, carried):
    library = carried["Biblioteka plenerowa"]
    html = client.get(reverse("budgets:implementation_detail", args=[library.pk])).content.decode()
    assert "Projekt wybrano w 2025 r.; gmina nie zgłosiła jeszcze żadnych aktualności." in html
    assert "wykonano 0%" not in html and "<progress" not in html


def test_a_planned_project_with_an_update_does_not_claim_there_are_none(client, carried, people):
    report_progress(
        actor=people["official_podgorze"],
        implementation=carried["Park kieszonkowy"],
        status="planned",
        percent_done=0,
        text="Trwa uzgadnianie projektu.",
    )
    html = page(client, district=carried["Park kieszonkowy"].proposal.pool.district_id)
    assert "Prace jeszcze nie ruszyły." in html
    assert html.count("ani żadnych aktualności") == 1  # only the bench, which has none


def test_the_totals_say_when_nothing_was_spent_yet(client, carried):
    html = page(client)
    assert "Łączny szacowany koszt: 540 000,00 zł; wydatków jeszcze nie zgłoszono." in html
