"""The demo budgets tell one story: an edition in every phase today, in order, plausible."""

from __future__ import annotations

import datetime
import itertools
import re

import pytest
from django.db import transaction
from django.utils import timezone

from wiec.budgets import demo
from wiec.budgets.models import Edition, Implementation, Proposal, Status
from wiec.budgets.phases import ORDER, PhaseType
from wiec.budgets.selectors import support_count

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo budgets (Kraków 2019 apart: test_krakow_2019), loaded once for the module
    in a transaction rolled back after its last test; each test runs in a savepoint."""
    from wiec.accounts import demo as accounts_demo
    from wiec.places import demo as places_demo

    with django_db_blocker.unblock(), transaction.atomic():
        city = places_demo.load()
        accounts_demo.load(city)
        demo.load(city, krakow_2019=False)
        yield city
        transaction.set_rollback(True)


def _phases(edition):
    return sorted(edition.phases.all(), key=lambda p: ORDER.index(p.type))


def test_every_phase_has_an_edition_in_it_today(loaded):
    current = {e.slug: e.current_phase().type for e in Edition.objects.all()}
    assert set(current.values()) == set(PhaseType.values)
    assert current[demo.GREEN] == PhaseType.SUBMISSION
    assert current[demo.SLUG] == PhaseType.VERIFICATION
    assert current[demo.YOUTH] == PhaseType.APPEALS
    assert current[demo.KRAKOW_VOTING] == current[demo.WARSAW_VOTING] == PhaseType.VOTING
    assert current[demo.IMPLEMENTING] == PhaseType.IMPLEMENTATION
    assert current[demo.SCHOOLS] == PhaseType.RESULTS


def test_the_edition_in_results_was_counted_after_its_vote_and_says_who_won(loaded, client):
    edition = Edition.objects.get(slug=demo.SCHOOLS)
    run = edition.counts.get(published=True)
    voting = edition.phase(PhaseType.VOTING)
    assert timezone.localtime(run.published_at).date() > voting.ends_on
    assert all(voting.starts_on <= b.received_on <= voting.ends_on for b in edition.ballots.all())
    statuses = dict(edition.proposals.values_list("title", "status"))
    won = set(
        run.pools.get().projects.filter(selected=True).values_list("proposal__title", flat=True)
    )
    assert won and {t for t, s in statuses.items() if s == Status.SELECTED} == won
    assert set(statuses.values()) == {Status.SELECTED, Status.NOT_SELECTED}
    spent = sum(p.cost for p in edition.proposals.filter(status=Status.SELECTED))
    assert spent <= edition.pools.get().amount
    page = client.get(f"/bo/{edition.slug}/").content.decode()
    assert edition.name in page


def test_phases_follow_one_another_and_names_carry_the_edition_year(loaded):
    for edition in Edition.objects.all():
        phases = _phases(edition)
        for phase in phases:
            assert phase.starts_on <= phase.ends_on, (edition.slug, phase.type)
        for before, after in itertools.pairwise(phases):
            # Appeals open after verification, the vote after the appeals, and so on.
            assert before.ends_on < after.starts_on, (edition.slug, before.type, after.type)
        year = re.search(r"\b(20\d\d)$", edition.name)
        if edition.phase(PhaseType.IMPLEMENTATION):
            # Named after the year of the vote, as Kraków names its editions; built by the
            # end of the following year.
            assert year, edition.name
            assert int(year.group(1)) == edition.phase(PhaseType.VOTING).ends_on.year
            implementation = edition.phase(PhaseType.IMPLEMENTATION)
            assert implementation.ends_on == datetime.date(int(year.group(1)) + 1, 12, 31)
        else:  # a demonstration vote: no budget year, nothing to build
            assert not year and "pokazowe" in edition.name
    main = Edition.objects.get(slug=demo.SLUG)
    previous = Edition.objects.get(slug=demo.IMPLEMENTING)
    assert previous.name == main.name.replace(main.name[-4:], str(int(main.name[-4:]) - 1))


@pytest.mark.parametrize("month", range(1, 13))
def test_the_timetable_holds_whatever_day_the_demo_is_loaded(month):
    today = datetime.date(2026, month, 14 + month)
    main_year = demo.edition_year(demo.timetable(today, PhaseType.VERIFICATION, 38))
    for current in ORDER[:-1]:
        dates = demo.timetable(today, current, 5)
        assert dates[current][0] <= today <= dates[current][1]
        spans = [dates[p] for p in ORDER]
        assert all(a[1] < b[0] for a, b in itertools.pairwise(spans))
        assert dates[PhaseType.IMPLEMENTATION][1].year == demo.edition_year(dates) + 1
        assert demo.edition_year(dates) >= today.year
    elapsed = 60
    while (
        demo.edition_year(dates := demo.timetable(today, PhaseType.IMPLEMENTATION, elapsed))
        >= main_year
    ):
        elapsed += 10
    assert demo.edition_year(dates) == main_year - 1
    assert dates[PhaseType.IMPLEMENTATION][0] <= today <= dates[PhaseType.IMPLEMENTATION][1]


def test_an_edition_is_open_for_proposals_and_a_resident_can_submit(loaded, client):
    from wiec.accounts.models import User

    green = Edition.objects.get(slug=demo.GREEN)
    assert green.is_open(PhaseType.SUBMISSION)
    client.force_login(User.objects.get(email="mieszkanka@demo.wiec.pl"))
    page = client.get(f"/bo/{green.slug}/zglos/")
    assert page.status_code == 200
    listing = client.get(f"/bo/{green.slug}/").content.decode()
    assert "Zielony Budżet Krakowa" in listing


def test_proposals_have_addresses_plausible_costs_and_dates_inside_their_phases(loaded):
    today = timezone.localdate()
    for proposal in Proposal.objects.select_related("edition", "pool"):
        assert proposal.address and proposal.address != "Kraków", proposal.title
        assert loaded.contains_point(proposal.latitude, proposal.longitude), proposal.title
        assert 10_000_00 <= proposal.cost <= 3_000_000_00, proposal.title
        submission = proposal.edition.phase(PhaseType.SUBMISSION)
        if proposal.submitted_at and submission:
            assert timezone.localtime(proposal.submitted_at).date() <= submission.ends_on
        history = list(proposal.history.order_by("pk"))
        assert [h.created_at for h in history] == sorted(h.created_at for h in history)
        assert all(timezone.localdate(h.created_at) <= today for h in history)
        if hasattr(proposal, "appeal"):
            verdict = proposal.verification_sheet.merit_at
            assert verdict < proposal.appeal.filed_at
        if proposal.status in (Status.READY, Status.POSITIVE):
            assert proposal.cost <= proposal.pool.amount
        if proposal.edition.support_signatures and proposal.status not in (
            Status.DRAFT,
            Status.SUBMITTED,
        ):
            # Verified proposals gathered the support their pool requires.
            assert support_count(proposal) >= proposal.pool.support_required, proposal.title
    built = Implementation.objects.filter(proposal__edition__slug=demo.IMPLEMENTING)
    assert built.count() == 3 and built.filter(percent_done=100).exists()
    assert all(item.updates.exists() for item in built)
