"""Voting: every ballot type, one ballot per person in the database, receipts, paper."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from wiec.accounts import services as accounts
from wiec.accounts.pesel import make_pesel
from wiec.budgets import voting
from wiec.budgets.models import (
    Ballot,
    BallotChoice,
    BallotState,
    Edition,
    EditionPhase,
    Pool,
    Proposal,
    Status,
    VotingSettings,
)
from wiec.core.roles import Role
from wiec.places import tenancy

pytestmark = pytest.mark.django_db
ZL = 100


def make_voting_edition(city, districts, author, slug="bo-glos"):
    """Kraków-like city pool (3-2-1, exactly 3), Warsaw-like pools, and the other types."""
    edition = Edition.objects.create(city=city, name="BO głosowanie", slug=slug)
    today = timezone.localdate()
    EditionPhase.objects.create(
        edition=edition,
        type="voting",
        starts_on=today - datetime.timedelta(1),
        ends_on=today + datetime.timedelta(5),
    )
    VotingSettings.objects.create(edition=edition)
    pools = {
        "city": Pool.objects.create(
            edition=edition,
            kind="city",
            name="Ogólnomiejska",
            amount=500_000 * ZL,
            ballot_type="ordinal",
            points="3,2,1",
            max_choices=3,
            min_choices=3,
        ),
        "podgorze": Pool.objects.create(
            edition=edition,
            kind="district",
            name="Podgórze",
            district=districts["podgorze"],
            amount=600_000 * ZL,
            ballot_type="approval",
            max_choices=15,
            min_votes=2,
        ),
        "nowa-huta": Pool.objects.create(
            edition=edition,
            kind="district",
            name="Nowa Huta",
            district=districts["nowa-huta"],
            amount=500_000 * ZL,
            ballot_type="choose_one",
        ),
        "green": Pool.objects.create(
            edition=edition,
            kind="thematic",
            name="Zielony",
            amount=300_000 * ZL,
            ballot_type="cumulative",
            points_budget=10,
        ),
    }
    projects = {}
    for key, pool in pools.items():
        projects[key] = [
            Proposal.objects.create(
                edition=edition,
                pool=pool,
                author=author,
                title=f"{pool.name} {n}",
                description="opis",
                cost=(100_000 + 50_000 * n) * ZL,
                status=Status.READY,
            )
            for n in range(5)
        ]
    return edition, pools, projects


def close_voting(edition):
    """Let the edition's voting end yesterday, so its ballots may be counted."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    phase = edition.phases.get(type="voting")
    phase.starts_on, phase.ends_on = yesterday - datetime.timedelta(days=7), yesterday
    phase.save()


@pytest.fixture
def setup(city, districts, make_resident):
    author = make_resident("podgorze")
    return make_voting_edition(city, districts, author)


@pytest.fixture
def pesel_resident(make_user, city, districts):
    from wiec.accounts.models import IdentityPolicy

    policy = IdentityPolicy.objects.create(city=city, name="PESEL", ask_pesel=True)

    def make(pesel, district="podgorze"):
        user = make_user()
        accounts.declare_residency(
            actor=user,
            policy=policy,
            declaration=accounts.Declaration(
                full_name="Ala Kot",
                street_address="ul. Długa 1",
                postal_code="31-001",
                town="Kraków",
                district=districts[district],
                pesel=pesel,
            ),
        )
        return user

    return make


def ids(proposals, n):
    return [(p.pk, None) for p in proposals[:n]]


def test_each_ballot_type_is_stored_whole_with_a_receipt(setup, make_resident):
    edition, pools, projects = setup
    voter = make_resident("podgorze")
    cast = voting.cast_ballot(
        actor=voter,
        edition=edition,
        selections={
            pools["city"].pk: ids(projects["city"], 3),
            pools["podgorze"].pk: ids(projects["podgorze"], 4),
            pools["green"].pk: [(projects["green"][0].pk, 6), (projects["green"][1].pk, 4)],
        },
    )
    points = dict(cast.ballot.votes.values_list("proposal_id", "points"))
    assert [points[p.pk] for p in projects["city"][:3]] == [3, 2, 1]
    assert points[projects["green"][0].pk] == 6
    assert cast.ballot.votes.count() == 9
    found = voting.find_receipt(cast.receipt.lower())
    assert found == cast.ballot
    assert cast.receipt not in (cast.ballot.receipt_hash or "")
    assert voting.find_receipt("AAAA-BBBB-CCCC-DDDD") is None


def test_second_ballot_of_the_same_person_is_refused(setup, make_resident):
    edition, pools, projects = setup
    voter = make_resident("podgorze")
    voting.cast_ballot(
        actor=voter,
        edition=edition,
        selections={pools["nowa-huta"].pk: ids(projects["nowa-huta"], 1)},
    )
    with pytest.raises(ValidationError) as info:
        voting.cast_ballot(
            actor=voter,
            edition=edition,
            selections={pools["nowa-huta"].pk: ids(projects["nowa-huta"], 1)},
        )
    assert info.value.code == "already_voted"
    assert Ballot.objects.filter(edition=edition).count() == 1


def test_the_database_refuses_a_second_ballot_and_too_many_votes(setup, make_resident):
    edition, pools, projects = setup
    voter = make_resident("podgorze")
    cast = voting.cast_ballot(
        actor=voter,
        edition=edition,
        selections={pools["nowa-huta"].pk: ids(projects["nowa-huta"], 1)},
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(
            edition=edition,
            voter_key=cast.ballot.voter_key,
            channel="online",
            received_on=timezone.localdate(),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        BallotChoice.objects.create(
            ballot=cast.ballot,
            pool=pools["nowa-huta"],
            proposal=projects["nowa-huta"][1],
            position=2,
            pool_limit=1,
        )


def test_a_ballot_whose_vote_the_database_refuses_is_not_stored_at_all(setup, make_resident):
    """``store_new_ballot`` (one statement on PostgreSQL): whole or nothing."""
    edition, pools, projects = setup
    voter = make_resident("podgorze")
    ballot = Ballot(
        edition=edition,
        voter_key="klucz-testowy",
        channel="online",
        received_on=timezone.localdate(),
    )
    good = BallotChoice(pool=pools["podgorze"], proposal=projects["podgorze"][0], position=1)
    good.pool_limit, good.points = 4, 1
    over = BallotChoice(pool=pools["podgorze"], proposal=projects["podgorze"][1], position=2)
    over.pool_limit, over.points = 1, 1  # position beyond the pool's limit
    with pytest.raises(IntegrityError):
        voting.store_new_ballot(ballot, [good, over])
    with pytest.raises(ValueError):
        voting.store_new_ballot(ballot, [])
    assert not Ballot.objects.filter(voter_key="klucz-testowy").exists()
    assert not BallotChoice.objects.exists()
    stored = Ballot(
        edition=edition,
        voter_key=voting.voter_key_of(voter, voting.voting_settings(edition)),
        channel="online",
        received_on=timezone.localdate(),
    )
    voting.store_new_ballot(stored, [good])
    assert stored.pk is not None
    assert list(stored.votes.values_list("proposal_id", "points")) == [
        (projects["podgorze"][0].pk, 1)
    ]


def test_pool_rules_are_checked(setup, make_resident):
    edition, pools, projects = setup
    voter = make_resident("podgorze")
    bad = [
        {pools["city"].pk: ids(projects["city"], 2)},  # Kraków: exactly three
        {pools["nowa-huta"].pk: ids(projects["nowa-huta"], 2)},  # choose one
        {pools["green"].pk: [(projects["green"][0].pk, 11)]},  # over the points budget
        {
            pools["podgorze"].pk: ids(projects["podgorze"], 1),
            pools["nowa-huta"].pk: ids(projects["nowa-huta"], 1),
        },  # two districts
        {pools["podgorze"].pk: ids(projects["city"], 1)},  # a project of another pool
        {},
    ]
    for selections in bad:
        with pytest.raises(ValidationError):
            voting.cast_ballot(actor=voter, edition=edition, selections=selections)
    assert not Ballot.objects.exists() and not BallotChoice.objects.exists()


def test_a_changeable_ballot_is_replaced_and_the_old_receipt_dies(setup, make_resident):
    edition, pools, projects = setup
    edition.voting.ballot_changeable = True
    edition.voting.save()
    voter = make_resident("podgorze")
    first = voting.cast_ballot(
        actor=voter,
        edition=edition,
        selections={pools["nowa-huta"].pk: ids(projects["nowa-huta"], 1)},
    )
    second = voting.cast_ballot(
        actor=voter,
        edition=edition,
        selections={pools["podgorze"].pk: ids(projects["podgorze"], 2)},
    )
    assert second.changed and second.ballot.pk == first.ballot.pk
    assert voting.find_receipt(first.receipt) is None
    assert set(second.ballot.votes.values_list("pool_id", flat=True)) == {pools["podgorze"].pk}


def test_identity_required_refuses_a_plain_declaration(setup, make_resident, pesel_resident):
    edition, pools, projects = setup
    edition.voting.identity_required = True
    edition.voting.save()
    with pytest.raises(ValidationError) as info:
        voting.cast_ballot(
            actor=make_resident("podgorze"),
            edition=edition,
            selections={pools["nowa-huta"].pk: ids(projects["nowa-huta"], 1)},
        )
    assert info.value.code == "identity_required"
    pesel = make_pesel(datetime.date(1990, 5, 17), 123, "F")
    cast = voting.cast_ballot(
        actor=pesel_resident(pesel),
        edition=edition,
        selections={pools["nowa-huta"].pk: ids(projects["nowa-huta"], 1)},
    )
    assert cast.ballot.sex == "F" and cast.ballot.age is not None


@pytest.mark.parametrize(("rule", "valid"), [("void_all", 0), ("first_counts", 1)])
def test_paper_ballot_of_someone_who_voted_online_is_resolved_by_the_rule(
    setup, pesel_resident, make_role_user, rule, valid
):
    edition, pools, projects = setup
    edition.voting.duplicate_rule = rule
    edition.voting.save()
    pesel = make_pesel(datetime.date(1980, 1, 2), 7, "M")
    online = voting.cast_ballot(
        actor=pesel_resident(pesel),
        edition=edition,
        selections={pools["nowa-huta"].pk: ids(projects["nowa-huta"], 1)},
    )
    official = make_role_user(Role.OFFICIAL)
    paper = voting.enter_paper_ballot(
        actor=official,
        edition=edition,
        channel="post",
        received_on=timezone.localdate(),
        voter=voting.PaperVoter(pesel=pesel),
        selections={pools["podgorze"].pk: ids(projects["podgorze"], 2)},
    )
    assert paper.duplicate
    states = Ballot.objects.filter(pk__in=[online.ballot.pk, paper.pk]).values_list(
        "state", flat=True
    )
    assert list(states).count(BallotState.VALID) == valid
    assert voting.find_receipt(online.receipt).state == (
        BallotState.VALID if valid else BallotState.VOID
    )


def test_csv_of_paper_ballots_is_stored_whole_or_not_at_all(setup, make_role_user):
    edition, _pools, projects = setup
    official = make_role_user(Role.OFFICIAL)
    pesel = make_pesel(datetime.date(1970, 3, 4), 11, "F")
    good = projects["podgorze"][0].pk
    header = ";".join(voting.CSV_COLUMNS) + "\n"
    row = f"in_person;{timezone.localdate()};{pesel};;;;podgorze;{good}\n"
    broken = "home;2020-13-45;;Jan;1960-01-01;ul. X 1;podgorze;999999\n"
    with pytest.raises(ValidationError) as info:
        voting.import_paper_ballots(actor=official, edition=edition, rows=header + row + broken)
    assert "3" in info.value.messages[0]
    assert not Ballot.objects.exists()
    assert voting.import_paper_ballots(actor=official, edition=edition, rows=header + row) == 1


def test_the_ballot_page_stores_a_ballot_in_a_bounded_number_of_queries(
    client, setup, make_resident, django_assert_max_num_queries
):
    """The vote path under load (benchmarks/ballots_load.py): every query counts.

    The answer to the POST is the receipt itself: one request per ballot, and the code
    is kept nowhere but on the voter's screen (only its hash is stored).
    """
    edition, pools, projects = setup
    voter = make_resident("podgorze")
    client.force_login(voter)
    client.get(f"/bo/{edition.slug}/glosuj/")  # the process's copy of the ballot is read
    data = {"dzielnica": str(pools["podgorze"].pk)}
    data |= {f"rank-{p.pk}": str(k) for k, p in enumerate(projects["city"][:3], start=1)}
    data[f"pool-{pools['podgorze'].pk}"] = [str(projects["podgorze"][0].pk)]
    # session, municipality, user (with residency, whether they hold a role in the
    # municipality or the network, and the unread count), the edition's version, the
    # ballot and its votes in one transaction; on PostgreSQL the row-level security's scope
    with django_assert_max_num_queries(8 + tenancy.request_queries()):
        response = client.post(f"/bo/{edition.slug}/glosuj/", data)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    ballot = Ballot.objects.get(edition=edition)
    assert ballot.votes.count() == 4
    code = page.split('id="receipt-code">')[1].split("<")[0]
    assert voting.find_receipt(code) == ballot
    assert code not in str(dict(client.session.items()))
    assert ballot.receipt_hash != code and code not in ballot.receipt_hash


@pytest.mark.parametrize("value", ["²", "٣", "9" * 5000])
def test_a_ballot_with_numbers_in_other_digits_is_refused_not_a_500(value):
    from types import SimpleNamespace

    from django.core.exceptions import BadRequest
    from django.http import QueryDict

    from wiec.budgets.models import BallotType
    from wiec.budgets.voting_views import parse_ballot

    points = SimpleNamespace(
        pk=1, ballot_type=BallotType.CUMULATIVE, name="Miasto", points_budget=10
    )
    selections, problems = parse_ballot(QueryDict(f"points-7={value}"), [points], {7: 1})
    assert problems and not selections
    approval = SimpleNamespace(pk=2, ballot_type=BallotType.APPROVAL, name="Podgórze")
    with pytest.raises(BadRequest):
        parse_ballot(QueryDict(f"pool-2=8&pool-2={value}"), [approval], {8: 2})


def _paper_rows(good, **changes):
    row = {
        "channel": "in_person",
        "received_on": str(timezone.localdate()),
        "pesel": make_pesel(datetime.date(1970, 3, 4), 11, "F"),
        "full_name": "",
        "birth_date": "",
        "address": "",
        "district": "podgorze",
        "projects": str(good),
    }
    row.update(changes)
    return ";".join(voting.CSV_COLUMNS) + "\n" + ";".join(row.values()) + "\n"


@pytest.mark.parametrize(
    "case, expected",
    [
        ("short", "Wiersz 3 ma pól: 3; nagłówek ma ich 8."),
        ("long", "Wiersz 3 ma pole dłuższe niż 131072 znaków."),
        ("points", "Wiersz 3: Punkty dla projektu"),
        ("nul", "Wiersz 3 zawiera znak NUL"),
        ("district", "Wiersz 3: Nieznana dzielnica „nigdzie”"),
        ("date", "Wiersz 3: Wpisz daty w formacie RRRR-MM-DD."),
    ],
)
def test_a_bad_paper_ballot_csv_names_the_row_in_polish_and_stores_nothing(
    setup, make_role_user, case, expected
):
    edition, _pools, projects = setup
    official = make_role_user(Role.OFFICIAL)
    good = projects["podgorze"][0].pk
    first = _paper_rows(good)
    second = {
        "short": "in_person;2026-01-01;x\n",
        "long": _paper_rows(good, full_name="x" * 140_000).split("\n", 1)[1],
        "points": _paper_rows(good, projects=f"{good}:{'9' * 30}").split("\n", 1)[1],
        "nul": _paper_rows(good, address="ul.\x00X").split("\n", 1)[1],
        "district": _paper_rows(good, district="nigdzie").split("\n", 1)[1],
        "date": _paper_rows(good, received_on="2026-13-45").split("\n", 1)[1],
    }[case]
    with pytest.raises(ValidationError) as info:
        voting.import_paper_ballots(actor=official, edition=edition, rows=first + second)
    assert expected in " ".join(info.value.messages)
    assert not Ballot.objects.exists()


def test_a_paper_ballot_csv_not_in_utf8_names_the_row(client, setup, make_role_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    edition, _pools, projects = setup
    official = make_role_user(Role.OFFICIAL)
    good = projects["podgorze"][0].pk
    # 0x98 is a byte neither UTF-8 nor Windows-1250 reads.
    data = _paper_rows(good).encode() + _paper_rows(good, full_name="Zo\x98").split("\n", 1)[
        1
    ].encode("latin-1")
    client.force_login(official)
    response = client.post(
        reverse("budgets:paper_ballot", args=[edition.slug]),
        {"csv": SimpleUploadedFile("karty.csv", data, content_type="text/csv")},
    )
    page = response.content.decode()
    assert "Wiersz 3 nie jest tekstem w UTF-8 ani w Windows-1250" in page
    assert "RRRR-MM-DD" not in page
    assert not Ballot.objects.exists()
