"""Several sessions vote for the same person at once: exactly one ballot is stored."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tests.budgets.test_voting import ids, make_voting_edition
from wiec.budgets import voting
from wiec.budgets.models import Ballot, BallotChoice

pytestmark = pytest.mark.django_db(transaction=True)


def test_racing_ballots_of_one_person_store_exactly_one(city, districts, make_resident):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write, so threads cannot race; run on PostgreSQL")
    author = make_resident("podgorze")
    edition, pools, projects = make_voting_edition(city, districts, author, slug="bo-wyscig")
    voter = make_resident("podgorze")
    selections = {pools["city"].pk: ids(projects["city"], 3)}
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def vote() -> None:
        try:
            barrier.wait()
            voting.cast_ballot(actor=voter, edition=edition, selections=selections)
            outcomes.append("stored")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote) for _n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already_voted"] * 7 + ["stored"]
    assert Ballot.objects.filter(edition=edition).count() == 1
    assert BallotChoice.objects.filter(ballot__edition=edition).count() == 3
