"""Officials configure voting without code: the edition's voting rules, the pools'
limits, and the edition page's way to voting, counting, results and open data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.budgets.test_voting import close_voting, ids, make_voting_edition
from wiec.budgets import results, voting
from wiec.budgets.models import DuplicateRule, Pool
from wiec.core.models import AuditEvent
from wiec.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def voting_edition(city, districts, make_resident):
    return make_voting_edition(city, districts, make_resident("podgorze"))


def test_coordinator_sets_the_voting_rules(client, voting_edition, make_role_user, make_resident):
    edition, _pools, _projects = voting_edition
    url = reverse("budgets:voting_settings", args=[edition.slug])
    client.force_login(make_resident("podgorze"))
    assert client.get(url).status_code == 403
    assert client.post(url, {"one_district": "on"}).status_code == 403
    client.force_login(make_role_user(Role.COORDINATOR))
    page = client.get(url).content.decode()
    assert "first_counts" in page
    response = client.post(
        url,
        {"ballot_changeable": "on", "identity_required": "on", "duplicate_rule": "first_counts"},
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    settings = edition.voting
    assert settings.ballot_changeable and settings.identity_required
    assert not settings.one_district
    assert settings.duplicate_rule == DuplicateRule.FIRST_COUNTS
    assert AuditEvent.objects.filter(action="budgets.voting_settings_saved").count() == 1
    # A rule that does not exist saves nothing.
    response = client.post(url, {"duplicate_rule": "last_counts"})
    assert response.status_code == 200
    edition.refresh_from_db()
    assert edition.voting.duplicate_rule == DuplicateRule.FIRST_COUNTS


def test_the_pool_form_sets_min_choices_within_max(client, voting_edition, make_role_user):
    edition, pools, _projects = voting_edition
    client.force_login(make_role_user(Role.COORDINATOR))
    url = reverse("budgets:pool_edit", args=[edition.slug, pools["podgorze"].pk])
    data = {
        "kind": "district",
        "name": "Podgórze",
        "district": pools["podgorze"].district_id,
        "amount": "600 000",
        "counting_rule": "greedy",
        "ballot_type": "approval",
        "max_choices": "15",
        "min_choices": "16",
        "min_votes": "100",
        "support_required": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "nie może być większa niż maksymalna" in response.content.decode()
    assert Pool.objects.get(pk=pools["podgorze"].pk).min_choices is None
    response = client.post(url, data | {"min_choices": "2"})
    assert response.status_code == 302
    pool = Pool.objects.get(pk=pools["podgorze"].pk)
    assert (pool.min_choices, pool.max_choices, pool.min_votes) == (2, 15, 100)


def test_the_database_refuses_min_choices_over_max(voting_edition):
    from django.db import IntegrityError, transaction

    _edition, pools, _projects = voting_edition
    with pytest.raises(IntegrityError), transaction.atomic():
        Pool.objects.filter(pk=pools["podgorze"].pk).update(min_choices=16)


def test_the_edition_page_leads_to_voting_counting_results_and_open_data(
    client, voting_edition, make_resident, make_role_user
):
    edition, pools, projects = voting_edition
    page_url = edition.get_absolute_url()
    vote_url = reverse("budgets:vote", args=[edition.slug])
    count_url = reverse("budgets:count", args=[edition.slug])
    results_url = reverse("budgets:results", args=[edition.slug])
    settings_url = reverse("budgets:voting_settings", args=[edition.slug])
    paper_url = reverse("budgets:paper_ballot", args=[edition.slug])

    anonymous = client.get(page_url).content.decode()
    assert vote_url in anonymous and reverse("budgets:receipt_check") in anonymous
    assert results_url not in anonymous and count_url not in anonymous

    voter = make_resident("podgorze")
    client.force_login(voter)
    page = client.get(page_url).content.decode()
    assert f'class="button" href="{vote_url}"' in page
    assert "co najmniej 3 projekty" in page  # the city pool's minimum
    for url in (count_url, settings_url, paper_url, results_url):
        assert url not in page
    voting.cast_ballot(
        actor=voter, edition=edition, selections={pools["city"].pk: ids(projects["city"], 3)}
    )

    coordinator = make_role_user(Role.COORDINATOR)
    client.force_login(coordinator)
    page = client.get(page_url).content.decode()
    for url in (count_url, settings_url, paper_url, results_url):
        assert url in page
    what_if = reverse("budgets:what_if", args=[edition.slug, pools["city"].pk])
    assert what_if not in page  # nothing published yet

    close_voting(edition)
    run = results.start_count(actor=coordinator, edition=edition)
    run.refresh_from_db()
    results.publish_count(actor=coordinator, run=run)
    client.logout()
    page = client.get(page_url).content.decode()
    assert results_url in page and what_if in page
    assert reverse("budgets:pabulib", args=[edition.slug, pools["city"].pk]) in page
    assert reverse("budgets:export", args=[edition.slug, "csv"]) in page
    assert reverse("budgets:statistics", args=[edition.slug]) in page
    assert count_url not in page
    for url in (what_if, reverse("budgets:export", args=[edition.slug, "xlsx"])):
        assert client.get(url).status_code == 200


def test_only_coordinators_save_voting_rules(voting_edition, make_resident, make_role_user):
    from django.core.exceptions import PermissionDenied

    edition, _pools, _projects = voting_edition
    settings = voting.voting_settings(edition)
    settings.ballot_changeable = True
    for actor in (make_resident("podgorze"), make_role_user(Role.OFFICIAL)):
        with pytest.raises(PermissionDenied):
            voting.save_voting_settings(actor=actor, settings=settings)
    voting.save_voting_settings(actor=make_role_user(Role.COORDINATOR), settings=settings)
    edition.refresh_from_db()
    assert edition.voting.ballot_changeable


def test_a_choose_one_pool_cannot_ask_for_more(voting_edition, make_role_user):
    from django.core.exceptions import ValidationError

    from wiec.budgets import services

    _edition, pools, _projects = voting_edition
    pool = pools["nowa-huta"]
    pool.min_choices = 2
    with pytest.raises(ValidationError) as error:
        services.save_pool(actor=make_role_user(Role.COORDINATOR), pool=pool)
    assert "min_choices" in error.value.message_dict
