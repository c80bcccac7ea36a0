"""Ballot keys: one ballot per person and edition, without a join to the person."""

from __future__ import annotations

import datetime
import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tests.budgets.test_voting import ids, make_voting_edition
from wiec.accounts.models import ResidencyDeclaration
from wiec.accounts.pesel import make_pesel
from wiec.budgets import voting
from wiec.budgets.models import Ballot
from wiec.core.roles import Role

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
MIGRATION = importlib.import_module("wiec.budgets.migrations.0011_points_budget_and_voter_key")


@pytest.fixture
def editions(city, districts, make_resident):
    author = make_resident("podgorze")
    return [
        make_voting_edition(city, districts, author, slug=slug)
        for slug in ("bo-klucze-1", "bo-klucze-2")
    ]


@pytest.fixture
def pesel_voter(make_user, city, districts):
    from wiec.accounts import services as accounts
    from wiec.accounts.models import IdentityPolicy

    policy = IdentityPolicy.objects.create(city=city, name="PESEL", ask_pesel=True)
    pesel = make_pesel(datetime.date(1984, 6, 3), 42, "F")
    user = make_user()
    accounts.declare_residency(
        actor=user,
        policy=policy,
        declaration=accounts.Declaration(
            full_name="Ola Nowak",
            street_address="ul. Krótka 2",
            postal_code="31-001",
            town="Kraków",
            district=districts["podgorze"],
            pesel=pesel,
        ),
    )
    return user, pesel


def cast(voter, edition, pools, projects):
    return voting.cast_ballot(
        actor=voter,
        edition=edition,
        selections={pools["nowa-huta"].pk: ids(projects["nowa-huta"], 1)},
    )


def test_a_ballots_key_joins_no_identity_and_differs_between_editions(
    editions, pesel_voter, make_resident
):
    voter, _pesel = pesel_voter
    plain = make_resident("podgorze")  # a declaration without a key: the account's key
    ballots = [cast(v, *edition).ballot for edition in editions for v in (voter, plain)]
    keys = [b.voter_key for b in ballots]
    assert len(set(keys)) == 4
    identity = ResidencyDeclaration.objects.get(user=voter).identity_key
    assert identity and identity not in keys
    joined = Ballot.objects.filter(
        voter_key__in=ResidencyDeclaration.objects.values("identity_key")
    )
    assert not joined.exists()
    assert not any(k.startswith("account:") for k in keys)
    for edition, _pools, _projects in editions:
        assert voting.has_voted(voter, edition) and voting.has_voted(plain, edition)


def test_the_same_person_still_cannot_vote_twice(editions, pesel_voter):
    voter, _pesel = pesel_voter
    edition, pools, projects = editions[0]
    first = cast(voter, edition, pools, projects)
    with pytest.raises(ValidationError) as info:
        cast(voter, edition, pools, projects)
    assert info.value.code == "already_voted"
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(
            edition=edition,
            voter_key=voting.voter_key_of(voter, voting.voting_settings(edition)),
            channel="online",
            received_on=timezone.localdate(),
        )
    assert list(Ballot.objects.filter(edition=edition)) == [first.ballot]
    assert voting.find_receipt(first.receipt) == first.ballot


def test_paper_and_online_ballots_of_one_person_are_found_by_the_ballot_key(
    editions, pesel_voter, make_role_user
):
    voter, pesel = pesel_voter
    edition, pools, projects = editions[0]
    online = cast(voter, edition, pools, projects)
    official = make_role_user(Role.OFFICIAL)
    header = ";".join(voting.CSV_COLUMNS) + "\n"
    row = f"post;{timezone.localdate()};{pesel};;;;podgorze;{projects['podgorze'][0].pk}\n"
    assert voting.import_paper_ballots(actor=official, edition=edition, rows=header + row) == 1
    paper = Ballot.objects.exclude(pk=online.ballot.pk).get(edition=edition)
    assert paper.duplicate and paper.voter_key == online.ballot.voter_key
    assert voting.PaperVoter(pesel=pesel).key(edition) == online.ballot.voter_key
    assert set(Ballot.objects.filter(edition=edition).values_list("state", flat=True)) == {"void"}
    other, other_pools, other_projects = editions[1]  # another edition: a first ballot
    ballot = voting.enter_paper_ballot(
        actor=official,
        edition=other,
        channel="post",
        received_on=timezone.localdate(),
        voter=voting.PaperVoter(pesel=pesel),
        selections={other_pools["podgorze"].pk: ids(other_projects["podgorze"], 1)},
    )
    assert not ballot.duplicate and ballot.voter_key != paper.voter_key


def test_the_migration_turns_identity_keys_into_ballot_keys(editions, pesel_voter):
    """The data migration's copy of the formula is the code's, and it rekeys ballots."""
    voter, _pesel = pesel_voter
    edition, pools, projects = editions[0]
    identity = ResidencyDeclaration.objects.get(user=voter).identity_key
    old = Ballot.objects.create(
        edition=edition, voter_key=identity, channel="online", received_on=timezone.localdate()
    )
    anonymous = Ballot.objects.create(
        edition=edition, channel="imported", received_on=timezone.localdate()
    )

    class SchemaEditor:
        pass

    editor = SchemaEditor()
    editor.connection = connection
    MIGRATION.rekey_ballots(apps, editor)
    old.refresh_from_db()
    anonymous.refresh_from_db()
    assert old.voter_key == voting.voter_key_of(voter, voting.voting_settings(edition))
    assert anonymous.voter_key is None
    with pytest.raises(ValidationError):  # the person's rekeyed ballot still counts as theirs
        cast(voter, edition, pools, projects)


def test_production_needs_its_own_ballot_key():
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("WIEC_") and k != "DJANGO_SETTINGS_MODULE"
    }
    env |= {"WIEC_SECRET_KEY": "s" * 40, "WIEC_IDENTITY_HMAC_KEY": "i" * 40}
    code = "import wiec.settings"
    missing = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert missing.returncode != 0 and "WIEC_BALLOT_HMAC_KEY" in missing.stderr
    same = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env | {"WIEC_BALLOT_HMAC_KEY": "i" * 40},
        capture_output=True,
        text=True,
    )
    assert same.returncode != 0 and "must differ" in same.stderr
    own = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env | {"WIEC_BALLOT_HMAC_KEY": "b" * 40},
        capture_output=True,
        text=True,
    )
    assert own.returncode == 0, own.stderr
