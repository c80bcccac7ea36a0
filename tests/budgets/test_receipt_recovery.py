"""A voter whose answer was lost after the ballot was stored recovers a receipt."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.budgets.test_voting import ids, setup  # noqa: F401 (the fixture)
from wiec.budgets import voting
from wiec.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def lost(setup, make_resident):  # noqa: F811
    """A ballot stored whose receipt the voter never saw."""
    edition, pools, projects = setup
    voter = make_resident("podgorze")
    cast = voting.cast_ballot(
        actor=voter,
        edition=edition,
        selections={pools["city"].pk: ids(projects["city"], 3)},
    )
    return edition, voter, cast


def test_the_reloaded_page_says_the_ballot_is_stored_and_offers_a_new_code(client, lost):
    edition, voter, cast = lost
    client.force_login(voter)
    page = client.get(reverse("budgets:vote", args=[edition.slug])).content.decode()
    assert "jest już zapisany" in page
    assert reverse("budgets:receipt_reissue", args=[edition.slug]) in page

    votes_before = sorted(cast.ballot.votes.values_list("proposal_id", "points"))
    response = client.post(reverse("budgets:receipt_reissue", args=[edition.slug]))
    assert response.status_code == 200
    code = re.search(r'id="receipt-code">([A-Z0-9-]+)<', response.content.decode()).group(1)
    assert voting.find_receipt(code) == cast.ballot
    assert voting.find_receipt(cast.receipt) is None  # the old hash is replaced
    assert sorted(cast.ballot.votes.values_list("proposal_id", "points")) == votes_before
    event = AuditEvent.objects.get(action="budgets.receipt_reissued")
    assert event.target_id == str(edition.pk)  # the edition, never the ballot
    assert "ballot" not in event.target_type.lower()


def test_nobody_else_gets_a_code_for_the_ballot(client, lost, make_resident):
    edition, _voter, cast = lost
    client.force_login(make_resident("podgorze"))
    response = client.post(reverse("budgets:receipt_reissue", args=[edition.slug]), follow=True)
    assert "Nie zapisano Twojej karty" in response.content.decode()
    assert voting.find_receipt(cast.receipt) == cast.ballot


def test_an_anonymous_visitor_is_sent_to_sign_in(client, lost):
    edition, _voter, cast = lost
    response = client.post(reverse("budgets:receipt_reissue", args=[edition.slug]))
    assert response.status_code == 302 and "login" in response["Location"]
    assert voting.find_receipt(cast.receipt) == cast.ballot


def test_the_form_sent_again_after_a_lost_answer_offers_a_new_code(client, lost, setup):  # noqa: F811
    """A browser resending the ballot whose answer never arrived (found by
    benchmarks/ballots_faults.py): not the ballot form with an error, but the stored
    ballot and the way to a receipt."""
    edition, voter, cast = lost
    _edition, pools, projects = setup
    client.force_login(voter)
    data = {f"rank-{p.pk}": str(k) for k, p in enumerate(projects["city"][:3], start=1)}
    data["dzielnica"] = str(pools["podgorze"].pk)
    response = client.post(reverse("budgets:vote", args=[edition.slug]), data)
    page = response.content.decode()
    assert "jest już zapisany" in page
    assert reverse("budgets:receipt_reissue", args=[edition.slug]) in page
    assert "Przejdź do podsumowania" not in page  # no ballot to fill in again
    assert edition.ballots.count() == 1
    assert voting.find_receipt(cast.receipt) == cast.ballot  # nothing changed by itself
