"""The ballot page's per-process copy of the ballot never outlives a change to it."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.budgets.test_voting import make_voting_edition
from wiec.budgets import ballot_cache
from wiec.budgets.models import Ballot, Edition, Status, VotingSettings
from wiec.budgets.voting import voting_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def voting(city, districts, make_resident, client):
    edition, pools, projects = make_voting_edition(city, districts, make_resident("podgorze"))
    voter = make_resident("podgorze")
    client.force_login(voter)
    assert client.get(f"/bo/{edition.slug}/glosuj/").status_code == 200  # the copy is read
    return edition, pools, projects


def ballot(pools, projects, podgorze):
    data = {"dzielnica": str(pools["podgorze"].pk)}
    data |= {f"rank-{p.pk}": str(k) for k, p in enumerate(projects["city"][:3], start=1)}
    data[f"pool-{pools['podgorze'].pk}"] = [str(podgorze.pk)]
    return data


def test_a_project_taken_off_the_ballot_cannot_be_voted_for_a_moment_later(voting, client):
    edition, pools, projects = voting
    withdrawn = projects["podgorze"][0]
    withdrawn.status = Status.WITHDRAWN
    withdrawn.save()
    response = client.post(f"/bo/{edition.slug}/glosuj/", ballot(pools, projects, withdrawn))
    assert response.status_code == 400
    assert "wybieraj tylko projekty z karty tej puli" in response.content.decode()
    assert not Ballot.objects.exists()


def test_voting_closed_early_refuses_the_next_ballot(voting, client):
    edition, pools, projects = voting
    phase = edition.phases.get(type="voting")
    phase.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    phase.starts_on = phase.ends_on - datetime.timedelta(days=3)
    phase.save()
    response = client.post(
        f"/bo/{edition.slug}/glosuj/", ballot(pools, projects, projects["podgorze"][0])
    )
    assert response.status_code == 200
    assert 'id="receipt-code"' not in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_changed_limit_applies_to_the_next_ballot(voting, client):
    edition, pools, projects = voting
    podgorze = pools["podgorze"]
    podgorze.max_choices = 1
    podgorze.save()
    data = ballot(pools, projects, projects["podgorze"][0])
    data[f"pool-{podgorze.pk}"] = [str(p.pk) for p in projects["podgorze"][:2]]
    response = client.post(f"/bo/{edition.slug}/glosuj/", data)
    assert response.status_code == 400
    assert not Ballot.objects.exists()


def test_each_request_gets_its_own_copy(voting):
    edition, _pools, _projects = voting
    first, _ready = ballot_cache.voting_edition(edition.slug)
    first.name = "zmienione"
    first.pools.all()[0].name = "zmienione"
    first.voting.ballot_changeable = not first.voting.ballot_changeable
    second, _ready = ballot_cache.voting_edition(edition.slug)
    assert second.name == edition.name
    assert second.pools.all()[0].name != "zmienione"
    assert second.voting.ballot_changeable == edition.voting.ballot_changeable


def test_another_edition_under_the_same_address_is_read_afresh(
    voting, city, districts, make_resident
):
    edition, _pools, _projects = voting
    slug = edition.slug
    ballot_cache.voting_edition(slug)
    Edition.objects.filter(pk=edition.pk).update(slug="poprzednia")
    again, _pools, projects = make_voting_edition(
        city, districts, make_resident("podgorze"), slug=slug
    )
    Edition.objects.filter(pk=again.pk).update(ballot_version=edition.ballot_version)
    fresh, ready = ballot_cache.voting_edition(slug)
    assert fresh.pk == again.pk
    assert set(ready) == {
        p.pk for group in projects.values() for p in group if p.status == Status.READY
    }


def test_only_changes_the_ballot_shows_raise_the_version(voting):
    edition, pools, projects = voting
    proposal = projects["podgorze"][0]
    before = Edition.objects.get(pk=edition.pk).ballot_version
    proposal.submitted_at = proposal.submitted_at
    proposal.save(update_fields=["submitted_at"])  # not on the ballot
    assert Edition.objects.get(pk=edition.pk).ballot_version == before
    proposal.save(update_fields=["status"])
    pools["city"].save()
    edition.accepted_policies.clear()
    assert Edition.objects.get(pk=edition.pk).ballot_version == before + 3


def test_an_edition_without_voting_rules_yet_gets_the_defaults(voting):
    edition, _pools, _projects = voting
    VotingSettings.objects.filter(edition=edition).delete()
    fresh, _ready = ballot_cache.voting_edition(edition.slug)
    assert voting_settings(fresh).ballot_changeable is False
    assert VotingSettings.objects.filter(edition=edition).count() == 1
