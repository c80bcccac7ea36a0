"""Points on cumulative ballots are bounded: by the pool's budget, in the form, the
service and the database, and whatever a voter types on the ballot page."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tests.budgets.test_voting import make_voting_edition
from wiec.budgets import services, voting
from wiec.budgets.models import MAX_POINTS, Ballot, BallotChoice, Pool
from wiec.core.roles import Role

pytestmark = pytest.mark.django_db
#: PostgreSQL refuses a number beyond its integer column before any CHECK sees it.
REFUSED = (IntegrityError, DataError)


@pytest.fixture
def setup(city, districts, make_resident):
    return make_voting_edition(city, districts, make_resident("podgorze"))


def green_ballot(edition, key="klucz-punktow"):
    return Ballot(
        edition=edition, voter_key=key, channel="online", received_on=timezone.localdate()
    )


def green_votes(pools, projects, *points):
    return [
        BallotChoice(pool=pools["green"], proposal=p, position=k, pool_limit=5, points=pts)
        for k, (p, pts) in enumerate(zip(projects["green"], points, strict=False), start=1)
    ]


@pytest.mark.parametrize("budget", ["", "0", str(MAX_POINTS + 1), "3000000000"])
def test_the_pool_form_refuses_a_cumulative_pool_without_a_sane_budget(
    client, make_role_user, edition, budget
):
    client.force_login(make_role_user(Role.COORDINATOR))
    response = client.post(
        reverse("budgets:pool_create", args=[edition.slug]),
        {
            "kind": "city",
            "name": "Zielona pula",
            "amount": "300 000",
            "counting_rule": "greedy",
            "ballot_type": "cumulative",
            "points_budget": budget,
        },
    )
    assert response.status_code == 200
    assert not edition.pools.exists()
    if budget != "3000000000":  # above the column's range: the field's own message
        assert "Głosowanie kumulatywne wymaga podania" in response.content.decode()


def test_the_service_refuses_a_cumulative_pool_without_a_budget(setup, make_role_user):
    _edition, pools, _projects = setup
    pool = pools["green"]
    pool.points_budget = None
    with pytest.raises(ValidationError) as info:
        services.save_pool(actor=make_role_user(Role.COORDINATOR), pool=pool)
    assert info.value.error_dict["points_budget"][0].code == "points_budget"
    pool.refresh_from_db()
    assert pool.points_budget == 10


@pytest.mark.parametrize("budget", [None, 0, MAX_POINTS + 1, 3_000_000_000])
def test_the_database_refuses_a_cumulative_pool_without_a_sane_budget(setup, budget):
    edition, _pools, _projects = setup
    with pytest.raises(REFUSED), transaction.atomic():
        Pool.objects.create(
            edition=edition,
            kind="thematic",
            name="Bez budżetu",
            amount=100,
            ballot_type="cumulative",
            points_budget=budget,
        )


def test_the_database_refuses_a_ballot_over_its_pools_budget(setup):
    """One statement on PostgreSQL, a transaction elsewhere: refused whole."""
    edition, pools, projects = setup
    for points in [(6, 5), (11,), (3_000_000_000,), (MAX_POINTS + 1,)]:
        with pytest.raises(REFUSED):
            voting.store_new_ballot(green_ballot(edition), green_votes(pools, projects, *points))
        assert not Ballot.objects.exists() and not BallotChoice.objects.exists()
    ballot = green_ballot(edition)
    voting.store_new_ballot(ballot, green_votes(pools, projects, 6, 4))
    assert sorted(ballot.votes.values_list("points", flat=True)) == [4, 6]


def test_the_database_refuses_votes_added_or_raised_over_the_budget(setup):
    edition, pools, projects = setup
    ballot = green_ballot(edition)
    voting.store_new_ballot(ballot, green_votes(pools, projects, 6, 4))
    with pytest.raises(IntegrityError), transaction.atomic():
        BallotChoice.objects.create(
            ballot=ballot,
            pool=pools["green"],
            proposal=projects["green"][2],
            position=3,
            pool_limit=5,
            points=1,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ballot.votes.filter(position=1).update(points=7)
    assert sum(ballot.votes.values_list("points", flat=True)) == 10


def test_a_budget_below_a_ballot_already_cast_is_refused(setup, make_role_user):
    edition, pools, projects = setup
    voting.store_new_ballot(green_ballot(edition), green_votes(pools, projects, 6, 4))
    pool = pools["green"]
    pool.points_budget = 9
    with pytest.raises(ValidationError) as info:
        services.save_pool(actor=make_role_user(Role.COORDINATOR), pool=pool)
    assert info.value.error_dict["points_budget"][0].code == "points_below_cast"
    with pytest.raises(IntegrityError), transaction.atomic():
        Pool.objects.filter(pk=pool.pk).update(points_budget=9)
    pool.points_budget = 12
    services.save_pool(actor=make_role_user(Role.COORDINATOR), pool=pool)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("²", "punkty muszą być liczbami całkowitymi"),
        ("٣", "punkty muszą być liczbami całkowitymi"),
        ("1e3", "punkty muszą być liczbami całkowitymi"),
        ("11", "możesz rozdać najwyżej 10 pkt łącznie"),
        ("9" * 25, "możesz rozdać najwyżej 10 pkt łącznie"),
        ("9" * 5000, "możesz rozdać najwyżej 10 pkt łącznie"),
    ],
)
def test_points_typed_on_the_ballot_get_a_polish_message(
    client, setup, make_resident, typed, message
):
    edition, pools, projects = setup
    client.force_login(make_resident("podgorze"))
    response = client.post(
        f"/bo/{edition.slug}/glosuj/",
        {"dzielnica": str(pools["podgorze"].pk), f"points-{projects['green'][0].pk}": typed},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Ballot.objects.exists()


def test_digits_other_than_ascii_are_no_500_anywhere_on_the_ballot(client, setup, make_resident):
    edition, pools, projects = setup
    client.force_login(make_resident("podgorze"))
    # A checkbox's value is never typed by a person: a tampered one is a bad request.
    response = client.post(
        f"/bo/{edition.slug}/glosuj/",
        {
            "dzielnica": str(pools["podgorze"].pk),
            f"pool-{pools['podgorze'].pk}": ["²", str(projects["podgorze"][0].pk)],
        },
    )
    assert response.status_code == 400
    assert not Ballot.objects.exists()
    # A rank typed in other digits marks nothing, and the rest of the ballot counts.
    response = client.post(
        f"/bo/{edition.slug}/glosuj/",
        {
            "dzielnica": str(pools["podgorze"].pk),
            f"pool-{pools['podgorze'].pk}": [str(projects["podgorze"][0].pk)],
            f"rank-{projects['city'][0].pk}": "¹",
        },
    )
    assert response.status_code == 200
    ballot = Ballot.objects.get()
    assert list(ballot.votes.values_list("proposal_id", flat=True)) == [projects["podgorze"][0].pk]
