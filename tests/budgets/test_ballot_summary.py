"""Issue 16: before the ballot is cast, a summary of the choices per pool (places,
points, the cost against the pool), then one confirmation; without JavaScript, in
two POSTs of which only the last stores anything, and stores it in one request."""

from __future__ import annotations

import re

import pytest

from tests.budgets.test_voting import setup  # noqa: F401 (a fixture)
from wiec.budgets.models import Ballot, Proposal
from wiec.places import tenancy

pytestmark = pytest.mark.django_db


def ballot(edition, pools, projects) -> dict:
    data = {"dzielnica": str(pools["podgorze"].pk)}
    data |= {f"rank-{p.pk}": str(k) for k, p in enumerate(projects["city"][:3], start=1)}
    data[f"pool-{pools['podgorze'].pk}"] = [str(p.pk) for p in projects["podgorze"][:2]]
    data[f"points-{projects['green'][0].pk}"] = "7"
    return data


def test_review_shows_places_points_and_totals_and_stores_nothing(
    client,
    setup,  # noqa: F811
    make_resident,
):
    edition, pools, projects = setup
    client.force_login(make_resident("podgorze"))
    data = ballot(edition, pools, projects) | {"review": "1"}
    html = client.post(f"/bo/{edition.slug}/glosuj/", data).content.decode()
    assert not Ballot.objects.exists()
    assert "Sprawdź swój głos" in html
    city = re.search(r'<ol class="summary-list">(.*?)</ol>', html, re.S)[1]
    assert city.index("Ogólnomiejska 0") < city.index("Ogólnomiejska 1")
    assert "miejsce 1 · 3 punkty" in city and "miejsce 3 · 1 punkt" in city
    # 100 000 + 150 000 zł of Podgórze's 600 000 zł
    assert "Wybrane projekty kosztują razem 250 000,00 zł; pula ma 600 000,00 zł." in html
    assert "Przyznano 7 z 10 punktów." in html
    assert 'name="confirm"' in html and "Oddaj głos" in html and "Zmień wybór" in html
    assert f'name="rank-{projects["city"][0].pk}" value="1"' in html


def test_change_returns_to_the_ballot_with_the_choices(client, setup, make_resident):  # noqa: F811
    edition, pools, projects = setup
    client.force_login(make_resident("podgorze"))
    data = ballot(edition, pools, projects) | {"change": "1"}
    response = client.post(f"/bo/{edition.slug}/glosuj/", data)
    html = response.content.decode()
    assert response.status_code == 200 and not Ballot.objects.exists()
    first = projects["podgorze"][0].pk
    assert re.search(rf'value="{first}" id="p-{first}"\s*checked', html)
    assert "Przejdź do podsumowania" in html


def test_confirm_stores_the_ballot_in_one_request(
    client,
    setup,  # noqa: F811
    make_resident,
    django_assert_max_num_queries,
):
    edition, pools, projects = setup
    client.force_login(make_resident("podgorze"))
    client.get(f"/bo/{edition.slug}/glosuj/")
    data = ballot(edition, pools, projects) | {"confirm": "1"}
    # As in test_voting's bounded-queries test.
    with django_assert_max_num_queries(9 + tenancy.request_queries()):
        response = client.post(f"/bo/{edition.slug}/glosuj/", data)
    assert response.status_code == 200 and 'id="receipt-code"' in response.content.decode()
    assert Ballot.objects.get().votes.count() == 6


def test_a_wrong_ballot_is_sent_back_before_the_summary(client, setup, make_resident):  # noqa: F811
    edition, pools, projects = setup
    client.force_login(make_resident("podgorze"))
    data = ballot(edition, pools, projects) | {"review": "1"}
    data[f"rank-{projects['city'][1].pk}"] = "1"  # two first places
    response = client.post(f"/bo/{edition.slug}/glosuj/", data)
    assert response.status_code == 400
    assert "bez luk i powtórzeń" in response.content.decode() or "Sprawdź swój głos" not in (
        response.content.decode()
    )


def test_projects_are_in_polish_alphabetical_order(client, setup, make_resident):  # noqa: F811
    edition, _pools, projects = setup
    for title, proposal in zip(["Zieleń", "Łąka", "Lampy"], projects["nowa-huta"], strict=False):
        Proposal.objects.filter(pk=proposal.pk).update(title=title)
    edition.save()  # the ballot's version: the cached copy is read again
    client.force_login(make_resident("nowa-huta"))
    html = client.get(f"/bo/{edition.slug}/glosuj/").content.decode()
    assert html.index(">Lampy<") < html.index(">Łąka<") < html.index(">Zieleń<")


def test_the_pools_rules_are_checked_before_the_summary(client, setup, make_resident):  # noqa: F811
    edition, pools, projects = setup
    client.force_login(make_resident("podgorze"))
    data = ballot(edition, pools, projects) | {"review": "1"}
    del data[f"rank-{projects['city'][2].pk}"]  # Kraków-style: exactly three
    response = client.post(f"/bo/{edition.slug}/glosuj/", data)
    assert response.status_code == 400
    assert "Sprawdź swój głos" not in response.content.decode()
    assert not Ballot.objects.exists()
