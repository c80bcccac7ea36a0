"""Small helpers to build elections by hand, the way the web app will."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from tests.shared_data import TEST_DATA
from wiec.tally import Ballot, Election, Project

PABULIB = TEST_DATA / "pabulib"


def election(
    costs: dict[str, int], ballots: Sequence[Sequence[str]], budget: int, **kwargs
) -> Election:
    """An approval election from {id: cost} and lists of approved ids."""
    return Election(
        projects=[Project(pid, cost) for pid, cost in costs.items()],
        ballots=[Ballot(tuple(b), voter_id=f"v{k}") for k, b in enumerate(ballots)],
        budget=budget,
        **kwargs,
    )


@pytest.fixture
def pabulib_dir():
    return PABULIB
