"""Counting, publishing, recounting, the public pages and open data."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tests.budgets.test_voting import close_voting, ids, make_voting_edition
from wiec.budgets import results, voting
from wiec.budgets.models import BallotChoice, Implementation, ProjectResult
from wiec.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(city, districts, make_resident, make_role_user):
    author = make_resident("podgorze")
    edition, pools, projects = make_voting_edition(city, districts, author)
    for n in range(6):
        voter = make_resident("podgorze")
        voting.cast_ballot(
            actor=voter,
            edition=edition,
            selections={
                pools["city"].pk: ids(projects["city"][n % 2 :], 3),
                pools["podgorze"].pk: ids(projects["podgorze"], 1 + n % 3),
            },
        )
    coordinator = make_role_user(Role.COORDINATOR)
    close_voting(edition)
    run = results.start_count(actor=coordinator, edition=edition)
    run.refresh_from_db()
    return edition, pools, projects, run, coordinator


def test_nobody_counts_while_residents_still_vote(
    client, city, districts, make_resident, make_role_user
):
    edition, pools, projects = make_voting_edition(city, districts, make_resident("podgorze"))
    voting.cast_ballot(
        actor=make_resident("podgorze"),
        edition=edition,
        selections={pools["city"].pk: ids(projects["city"], 3)},
    )
    coordinator = make_role_user(Role.COORDINATOR)
    with pytest.raises(ValidationError) as info:
        results.start_count(actor=coordinator, edition=edition)
    assert info.value.code == "voting_open"
    client.force_login(coordinator)
    count_url = reverse("budgets:count", args=[edition.slug])
    page = client.get(count_url).content.decode()
    assert "Głosy liczy się po zakończeniu głosowania" in page
    assert 'name="rule"' not in page
    client.post(count_url, {"rule": ""})
    assert not edition.counts.exists()
    close_voting(edition)
    assert 'name="rule"' in client.get(count_url).content.decode()
    assert results.start_count(actor=coordinator, edition=edition).pk


def test_count_preview_publish_and_pages(client, counted, make_resident):
    edition, pools, _projects, run, coordinator = counted
    assert run.state == "done" and run.progress == 1
    url = reverse("budgets:pool_results", args=[edition.slug, pools["city"].pk])
    assert client.get(url).status_code == 404  # not published yet
    client.force_login(coordinator)
    assert client.get(f"{url}?podglad={run.pk}").status_code == 200
    results.publish_count(actor=coordinator, run=run)
    client.logout()
    page = client.get(url).content.decode()
    top = ProjectResult.objects.filter(pool_result__run=run, pool_result__pool=pools["city"])
    assert top.filter(selected=True).exists()
    assert top.first().explain() in page
    assert Implementation.objects.filter(proposal__in=[r.proposal for r in top if r.selected])
    podgorze = client.get(
        reverse("budgets:pool_results", args=[edition.slug, pools["podgorze"].pk])
    )
    assert "threshold-row" in podgorze.content.decode()  # min. 2 votes in Podgórze
    for name, args in [
        ("results", [edition.slug]),
        ("statistics", [edition.slug]),
        ("what_if", [edition.slug, pools["city"].pk]),
        ("implementation", []),
    ]:
        # Plain MES: add1 on six ballots would raise the budget zloty by zloty for long.
        response = client.get(reverse(f"budgets:{name}", args=args) + "?regula=equalshares")
        assert response.status_code == 200, name
    stats = client.get(reverse("budgets:statistics", args=[edition.slug])).content.decode()
    assert "<svg" in stats and "<title" in stats and "<table" in stats
    assert client.get(reverse("budgets:export", args=[edition.slug, "csv"])).status_code == 200
    xlsx = client.get(reverse("budgets:export", args=[edition.slug, "xlsx"]))
    assert xlsx.content[:2] == b"PK"


def test_exported_pools_pass_pabulib_checker(client, counted):
    from pabulib.checker import Checker

    edition, pools, _projects, run, coordinator = counted
    results.publish_count(actor=coordinator, run=run)
    for pool in pools.values():
        text = client.get(reverse("budgets:pabulib", args=[edition.slug, pool.pk])).content
        report = Checker().process_files([text.decode()])
        checked = [v for k, v in report.items() if k not in ("metadata", "summary")]
        if pool.proposals.filter(votes__isnull=False).exists():
            assert checked and all(not r["results"]["errors"] for r in checked), checked


def test_recount_reports_a_changed_ballot(counted):
    _edition, pools, projects, run, coordinator = counted
    results.publish_count(actor=coordinator, run=run)
    call_command("recount_results", stdout=io.StringIO())
    vote = BallotChoice.objects.filter(pool=pools["city"], position=1).first()
    BallotChoice.objects.filter(pk=vote.pk).update(proposal=projects["city"][4])
    with pytest.raises(CommandError):
        call_command("recount_results", stdout=io.StringIO(), stderr=io.StringIO())


def test_counting_needs_a_coordinator(counted, make_resident):
    from django.core.exceptions import PermissionDenied

    edition = counted[0]
    with pytest.raises(PermissionDenied):
        results.start_count(actor=make_resident("podgorze"), edition=edition)


def test_void_ballots_are_left_out_of_the_count(counted):
    from wiec.budgets.adapters import election_for
    from wiec.budgets.models import Ballot, BallotState

    edition, pools, _projects, _run, _coordinator = counted
    assert len(election_for(pools["city"]).ballots) == 6
    void = Ballot.objects.filter(edition=edition).order_by("pk").first()
    Ballot.objects.filter(pk=void.pk).update(state=BallotState.VOID)
    election = election_for(pools["city"])
    assert len(election.ballots) == 5
    assert str(void.pk) not in {b.voter_id for b in election.ballots}
    # Every ballot keeps its votes in rank order, with the points of a 3-2-1 ranking.
    first = election.ballots[0]
    stored = Ballot.objects.get(pk=int(first.voter_id)).votes.filter(pool=pools["city"])
    assert first.projects == tuple(str(v.proposal_id) for v in stored.order_by("position"))


@pytest.mark.parametrize("value", ["²", "٣", "9" * 5000])
def test_a_preview_or_publish_number_that_is_not_ascii_is_a_bad_request(client, counted, value):
    edition, pools, _projects, run, coordinator = counted
    client.force_login(coordinator)
    url = reverse("budgets:pool_results", args=[edition.slug, pools["city"].pk])
    assert client.get(url, {"podglad": value}).status_code == 400
    count_url = reverse("budgets:count", args=[edition.slug])
    assert client.post(count_url, {"publish": value}).status_code == 400
    assert client.post(count_url, {"publish": "abc"}).status_code == 400
    run.refresh_from_db()
    assert not run.published


def test_an_implementation_percentage_in_other_digits_is_a_message(client, counted):
    *_rest, run, coordinator = counted
    results.publish_count(actor=coordinator, run=run)
    item = Implementation.objects.first()
    client.force_login(coordinator)
    url = reverse("budgets:implementation_detail", args=[item.pk])
    for percent in ["²", "٣", "9" * 5000]:
        response = client.post(url, {"status": "in_progress", "percent_done": percent})
        assert response.status_code == 400
        assert "0–9" in response.content.decode()
    item.refresh_from_db()
    assert item.percent_done == 0


def test_a_huge_actual_cost_gets_a_polish_message(client, counted):
    *_rest, run, coordinator = counted
    results.publish_count(actor=coordinator, run=run)
    item = Implementation.objects.first()
    client.force_login(coordinator)
    url = reverse("budgets:implementation_detail", args=[item.pk])
    data = {"status": "in_progress", "percent_done": "10", "actual_cost": "9" * 25}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Wpisz kwotę nie większą niż" in response.content.decode()
    item.refresh_from_db()
    assert item.actual_cost is None and item.percent_done == 0


def test_a_title_that_looks_like_a_formula_is_not_one_in_the_exports(client, counted):
    import csv

    from openpyxl import load_workbook

    edition, _pools, projects, run, coordinator = counted
    results.publish_count(actor=coordinator, run=run)
    proposal = projects["city"][0]
    proposal.title = '=1+HYPERLINK("http://zly.example")'
    proposal.save(update_fields=["title"])
    text = client.get(reverse("budgets:export", args=[edition.slug, "csv"])).content.decode()
    titles = [row[2] for row in csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")]
    assert "'" + proposal.title in titles and proposal.title not in titles
    xlsx = client.get(reverse("budgets:export", args=[edition.slug, "xlsx"])).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    cells = [row[2] for row in sheet.iter_rows(values_only=True)]
    assert "'" + proposal.title in cells
    assert all(isinstance(row[4], int) for row in list(sheet.iter_rows(values_only=True))[1:])
