"""Paper ballots: one person is one voter however their PESEL or name is written.

Regression tests for issue 13: a paper ballot (entered or imported from CSV) with
the PESEL in Arabic-Indic or full-width digits, or the name and address typed
differently, was a new, valid, unflagged ballot of the same person.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.budgets.test_voting import ids, make_voting_edition
from wiec.accounts.pesel import make_pesel
from wiec.budgets import voting
from wiec.budgets.models import Ballot, BallotState
from wiec.core.roles import Role

pytestmark = pytest.mark.django_db
PESEL = make_pesel(datetime.date(1980, 1, 2), 7, "M")


def in_digits_of(zero: str, text: str = PESEL) -> str:
    return "".join(chr(ord(zero) + int(d)) for d in text)


@pytest.fixture
def setup(city, districts, make_resident, make_role_user):
    edition, pools, projects = make_voting_edition(city, districts, make_resident("podgorze"))
    official = make_role_user(Role.OFFICIAL)

    def enter(voter: voting.PaperVoter, n: int = 1) -> Ballot:
        return voting.enter_paper_ballot(
            actor=official,
            edition=edition,
            channel="post",
            received_on=timezone.localdate(),
            voter=voter,
            selections={pools["podgorze"].pk: ids(projects["podgorze"], n)},
        )

    return edition, official, projects, enter


@pytest.mark.parametrize("zero", ["٠", "０", "۰", "०"])
def test_paper_ballot_with_the_pesel_in_other_digits_is_refused(setup, zero):
    _edition, _official, _projects, enter = setup
    enter(voting.PaperVoter(pesel=PESEL))
    with pytest.raises(ValidationError) as info:
        enter(voting.PaperVoter(pesel=in_digits_of(zero)))
    assert "0–9" in " ".join(info.value.messages)
    assert Ballot.objects.count() == 1


def test_paper_ballot_with_the_pesel_spaced_out_is_the_same_voter(setup):
    _edition, _official, _projects, enter = setup
    first = enter(voting.PaperVoter(pesel=PESEL))
    second = enter(voting.PaperVoter(pesel=f"{PESEL[:6]} {PESEL[6:]}"))
    assert second.duplicate and second.voter_key == first.voter_key
    assert Ballot.objects.filter(state=BallotState.VALID).count() <= 1


def test_paper_ballot_of_the_same_person_typed_differently_is_flagged(setup):
    _edition, _official, _projects, enter = setup
    born = datetime.date(1961, 6, 1)
    enter(voting.PaperVoter(full_name="Jan Kowalski", birth_date=born, address="ul. Długa 5"))
    second = enter(
        voting.PaperVoter(
            full_name="ＪＡＮ  KOWALSKI\u200b", birth_date=born, address="UL. DŁUGA ٥"
        )
    )
    assert second.duplicate
    assert Ballot.objects.filter(state=BallotState.VALID).count() <= 1


def test_csv_with_the_same_pesel_in_two_scripts_is_refused_whole(setup):
    edition, official, projects, _enter = setup
    good = projects["podgorze"][0].pk
    header = ";".join(voting.CSV_COLUMNS) + "\n"
    today = timezone.localdate()
    rows = (
        f"post;{today};{PESEL};;;;podgorze;{good}\n"
        f"post;{today};{in_digits_of('٠')};;;;podgorze;{good}\n"
    )
    with pytest.raises(ValidationError) as info:
        voting.import_paper_ballots(actor=official, edition=edition, rows=header + rows)
    assert "3" in info.value.messages[0] and "0–9" in info.value.messages[0]
    assert not Ballot.objects.exists()


def test_a_receipt_typed_in_full_width_finds_its_ballot(city, districts, make_resident):
    edition, pools, projects = make_voting_edition(city, districts, make_resident("podgorze"))
    cast = voting.cast_ballot(
        actor=make_resident("podgorze"),
        edition=edition,
        selections={pools["podgorze"].pk: ids(projects["podgorze"], 1)},
    )
    typed = "".join(chr(ord(ch) + 0xFEE0) for ch in cast.receipt.lower())
    assert voting.find_receipt(typed) == cast.ballot
