"""The permission matrix of voting, results and implementation (part 2), by role, scope
and phase: who may vote, enter paper ballots, count, preview, see results and report
on the carrying out of a project."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.budgets.test_permissions import ROLES, actors, who  # noqa: F401
from wiec.budgets.models import CountRun, CountState, EditionPhase, Implementation

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
OFFICIALS = {"official_podgorze", "official_nowa_huta", "official_city"}
COUNTING = {"coordinator", "administrator"}
#: Everyone in the fixtures who declared residency in the city.
VERIFIED = {"verified", "author"}


def set_voting(edition, state: str) -> None:
    """Put the edition's vote before, during or after today."""
    today = timezone.localdate()
    starts, ends = {
        "before": (today + 5 * DAY, today + 10 * DAY),
        "open": (today - DAY, today + DAY),
        "after": (today - 10 * DAY, today - DAY),
    }[state]
    EditionPhase.objects.update_or_create(
        edition=edition, type="voting", defaults={"starts_on": starts, "ends_on": ends}
    )
    edition.refresh_from_db()  # the phases are prefetched per object; start afresh


def publish(edition) -> CountRun:
    return CountRun.objects.create(
        edition=edition, state=CountState.DONE, progress=1, published=True
    )


@pytest.mark.parametrize(
    ("phase", "allowed"),
    [("before", set()), ("open", VERIFIED), ("after", set()), ("none", set())],
)
def test_cast_ballot_by_phase(actors, edition, phase, allowed):  # noqa: F811
    if phase != "none":
        set_voting(edition, phase)
    assert who(actors, "budgets.cast_ballot", edition) == allowed


def test_cast_ballot_when_anyone_may_vote(actors, edition):  # noqa: F811
    set_voting(edition, "open")
    edition.who_may_vote = "anyone"
    edition.save()
    assert who(actors, "budgets.cast_ballot", edition) == set(ROLES) - {"anonymous"}
    set_voting(edition, "after")
    assert who(actors, "budgets.cast_ballot", edition) == set()


@pytest.mark.parametrize("phase", ["before", "open", "after"])
def test_paper_ballots_counting_and_preview_are_staff_work_in_every_phase(
    actors,  # noqa: F811
    edition,
    phase,
):
    set_voting(edition, phase)
    # Posted ballots count by their date of receipt, so entry goes on after the vote; the
    # service refuses a ballot received after the end (tests/budgets/test_voting.py).
    assert who(actors, "budgets.enter_paper_ballots", edition) == OFFICIALS | COUNTING
    assert who(actors, "budgets.count_votes", edition) == COUNTING
    assert who(actors, "budgets.preview_results", edition) == OFFICIALS | COUNTING


def test_results_are_public_once_published(actors, edition):  # noqa: F811
    set_voting(edition, "after")
    assert who(actors, "budgets.view_results", edition) == OFFICIALS | COUNTING
    CountRun.objects.create(edition=edition, state=CountState.DONE, progress=1)
    assert who(actors, "budgets.view_results", edition) == OFFICIALS | COUNTING
    publish(edition)
    assert who(actors, "budgets.view_results", edition) == set(ROLES)
    # Publishing does not open the staff's work to anyone else.
    assert who(actors, "budgets.count_votes", edition) == COUNTING
    assert who(actors, "budgets.preview_results", edition) == OFFICIALS | COUNTING


@pytest.mark.parametrize(
    ("pool", "allowed"),
    [
        ("podgorze", {"official_podgorze", "official_city"} | COUNTING),
        ("nowa-huta", {"official_nowa_huta", "official_city"} | COUNTING),
        ("city", {"official_city"} | COUNTING),
    ],
)
def test_report_implementation_by_scope(actors, make_proposal, pool, allowed):  # noqa: F811
    proposal = make_proposal(actors["author"], pool=pool, title=f"Projekt {pool}")
    implementation = Implementation.objects.create(proposal=proposal)
    assert who(actors, "budgets.report_implementation", implementation) == allowed
    # Its author follows the work like everyone else, without reporting on it.
    assert "author" not in who(actors, "budgets.report_implementation", implementation)
