"""Issue 16: the proposal list sorts (Polish alphabet included), counts what it found
in Polish, offers "wszystkie" in its filters and pages by 24 keeping the filters."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.budgets.conftest import ZL
from wiec.budgets import services
from wiec.core.collation import polish_key

pytestmark = pytest.mark.django_db


def url() -> str:
    return reverse("budgets:proposals", args=["bo-2027"])


def titles(client, **params) -> list[str]:
    html = client.get(url(), params).content.decode()
    return re.findall(r'<h2><a href="/bo/projekt/\d+/">([^<]+)</a></h2>', html)


def test_polish_key_follows_the_polish_alphabet():
    words = ["Zieleń", "Łąka", "Lato", "łabędź", "Ćma", "Cyrk", "Żabka", "Źródło", "Ósemka", "Oś"]
    assert sorted(words, key=polish_key) == [
        "Cyrk",
        "Ćma",
        "Lato",
        "łabędź",
        "Łąka",
        "Oś",
        "Ósemka",
        "Zieleń",
        "Źródło",
        "Żabka",
    ]


def test_polish_key_ignores_case_and_punctuation_first():
    assert sorted(["b", "A", "a", "„Ala”", "Ala ma"], key=polish_key) == [
        "a",
        "A",
        "„Ala”",
        "Ala ma",
        "b",
    ]


def test_alphabetical_order_puts_l_with_stroke_after_l(client, people, make_proposal):
    for title in ["Zieleń", "Łąka kwietna", "Lampy", "Ścieżka"]:
        make_proposal(people["author"], title=title)
    assert titles(client, sort="nazwa") == ["Lampy", "Łąka kwietna", "Ścieżka", "Zieleń"]


def test_cost_and_newest_orders(client, people, make_proposal):
    make_proposal(people["author"], title="Drogi", cost=300_000 * ZL)
    make_proposal(people["author"], title="Tani", cost=10_000 * ZL)
    make_proposal(people["author"], title="Średni", cost=50_000 * ZL)
    assert titles(client, sort="koszt") == ["Tani", "Średni", "Drogi"]
    assert titles(client, sort="koszt-malejaco") == ["Drogi", "Średni", "Tani"]
    assert titles(client) == ["Średni", "Tani", "Drogi"]


def test_most_supported_first(client, people, make_proposal, make_resident):
    quiet = make_proposal(people["author"], title="Cichy")
    popular = make_proposal(people["author"], title="Popularny")
    for _ in range(2):
        services.endorse_proposal(actor=make_resident("podgorze"), proposal=popular)
    services.endorse_proposal(actor=make_resident("podgorze"), proposal=quiet)
    assert titles(client, sort="poparcie") == ["Popularny", "Cichy"]


@pytest.mark.parametrize(
    ("count", "words"),
    [(1, "Znaleziono 1 projekt"), (3, "Znaleziono 3 projekty"), (5, "Znaleziono 5 projektów")],
)
def test_the_count_in_polish_plurals(client, people, make_proposal, count, words):
    for n in range(count):
        make_proposal(people["author"], title=f"Projekt {n}")
    assert words in client.get(url()).content.decode()


def test_filters_offer_all_as_the_empty_choice(client, pools):
    html = client.get(url()).content.decode()
    assert html.count('<option value="" selected>wszystkie</option>') == 4
    assert "dowolny" not in html and "---------" not in html


def test_pages_of_24_keep_the_filters_and_the_order(client, people, make_proposal, pools):
    for n in range(26):
        make_proposal(people["author"], title=f"Projekt {n:02d}", cost=(n + 1) * 1_000 * ZL)
    make_proposal(people["author"], pool="nowa-huta", title="Nowohucki")
    first = titles(client, pool=pools["podgorze"].pk, sort="koszt")
    assert len(first) == 24 and first[0] == "Projekt 00"
    html = client.get(url(), {"pool": pools["podgorze"].pk, "sort": "koszt"}).content.decode()
    assert "Znaleziono 26 projektów" in html
    assert f"?pool={pools['podgorze'].pk}&amp;sort=koszt&amp;page=2" in html
    second = titles(client, pool=pools["podgorze"].pk, sort="koszt", page=2)
    assert second == ["Projekt 24", "Projekt 25"]


def plan(queryset) -> str:
    from django.db import connection

    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " | ".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.parametrize(
    ("sort", "index"), [("poparcie", "budgets_proposal_by_support"), ("nazwa", "by_title")]
)
def test_support_and_name_orders_read_an_index_without_sorting(
    people, make_proposal, edition, sort, index
):
    from django.db import connection

    from wiec.budgets.models import Proposal
    from wiec.budgets.selectors import filter_proposals

    if connection.vendor != "sqlite":
        pytest.skip("The plan is read with SQLite's EXPLAIN QUERY PLAN.")
    make_proposal(people["author"], title="Ławki")
    ordered = filter_proposals(Proposal.objects.filter(edition=edition), {"sort": sort})
    text = plan(ordered[:24])
    assert index in text
    assert "TEMP B-TREE" not in text


def test_the_stored_support_equals_the_rows(people, make_proposal, make_resident):
    from wiec.budgets.selectors import support_count

    proposal = make_proposal(people["author"], title="Ławki")
    for _ in range(3):
        services.endorse_proposal(actor=make_resident("podgorze"), proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.supports == support_count(proposal) == 3
    assert proposal.collection.valid_count == 3
