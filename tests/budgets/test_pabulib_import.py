"""``import_pabulib``: refusals with a line to look at, people across files, what is shown."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from wiec.budgets.models import Ballot, BallotChoice, Edition, Pool, Proposal, Status
from wiec.budgets.pabulib_import import PabulibImportError, import_pabulib

pytestmark = pytest.mark.django_db

FILE = """META
key;value
description;test
country;Poland
unit;Testowo
instance;2024
{district}num_projects;{num_projects}
num_votes;{num_votes}
budget;{budget}
vote_type;approval
rule;{rule}
min_length;{min_length}
max_length;2
PROJECTS
project_id;cost;votes;name;selected
a;{cost};2;Park;1
b;500;1;Ławki;0
VOTES
voter_id;vote
{votes}
"""


def pb(tmp_path, name="plik.pb", *, voters=("1", "2", "3"), **changes) -> str:
    fields = {
        "district": "",
        "num_projects": "2",
        "num_votes": str(len(voters)),
        "budget": "1000",
        "rule": "greedy",
        "min_length": "1",
        "cost": "600",
        "votes": "\n".join(f"{v};{'a,b' if k == 0 else 'a'}" for k, v in enumerate(voters)),
    }
    fields.update(changes)
    path = tmp_path / name
    path.write_text(FILE.format(**fields), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("changes", "line", "problem"),
    [
        ({"budget": "1" * 40}, 9, "budget is too large"),
        ({"budget": "1e400"}, 9, "budget is too large"),
        ({"budget": "0"}, 9, "budget must be more than zero"),
        ({"cost": "9" * 40}, 16, "the cost of project 'a' is too large or below zero"),
        ({"min_length": "3"}, 12, "min_length (3) is more than max_length (2)"),
        ({"min_length": "1e400"}, 12, "min_length must be between 0 and 32767"),
        ({"num_votes": "84"}, 8, "num_votes is 84 but the file has 3"),
        ({"num_projects": "3"}, 7, "num_projects is 3 but the file has 2"),
        ({"rule": "nonexistent"}, 11, "unknown counting rule 'nonexistent'; known: greedy,"),
    ],
)
def test_a_bad_file_gets_one_line_and_exit_2_and_nothing_is_saved(
    tmp_path, city, changes, line, problem
):
    path = pb(tmp_path, **changes)
    with pytest.raises(CommandError) as info:
        call_command("import_pabulib", path, stdout=io.StringIO(), stderr=io.StringIO())
    assert info.value.returncode == 2
    assert str(info.value).startswith(f"{path}:{line}: {problem}")
    assert "\n" not in str(info.value)
    assert not Edition.objects.exists() and not Ballot.objects.exists()
    assert not Pool.objects.exists() and not Proposal.objects.exists()


def test_a_file_cut_at_a_line_boundary_is_refused_not_published(tmp_path, city):
    voters = [str(n) for n in range(1, 45)]
    path = pb(tmp_path, voters=voters, num_votes="84")
    with pytest.raises(CommandError) as info:
        call_command("import_pabulib", path, stdout=io.StringIO(), stderr=io.StringIO())
    assert str(info.value) == f"{path}:8: num_votes is 84 but the file has 44"
    assert not Edition.objects.exists()


def test_the_command_line_prints_only_the_line(tmp_path, city, capsys):
    from wiec.budgets.management.commands.import_pabulib import Command

    path = pb(tmp_path, budget="0")
    with pytest.raises(SystemExit) as info:
        Command().run_from_argv(["manage.py", "import_pabulib", path])
    assert info.value.code == 2
    assert capsys.readouterr().err == f"{path}:9: budget must be more than zero\n"


def test_a_good_file_still_imports(tmp_path, city):
    out = io.StringIO()
    call_command("import_pabulib", pb(tmp_path), stdout=out, stderr=io.StringIO())
    assert "1 pools, 2 projects, 3 pool ballots (3 voters)" in out.getvalue()


def _city_and_district(tmp_path, city_ids, district_ids):
    return [
        pb(tmp_path, "miasto.pb", voters=city_ids),
        pb(tmp_path, "podgorze.pb", voters=district_ids, district="district;Podgórze\n"),
    ]


def test_ballots_of_one_person_in_several_files_are_one_ballot(tmp_path, city, districts):
    files = _city_and_district(tmp_path, ("11", "12", "13"), ("12", "13", "14"))
    report = import_pabulib(files, city=city)
    assert (report.ballots, report.voters) == (6, 4)
    edition = report.edition
    assert edition.ballots_are_people
    assert Ballot.objects.filter(edition=edition).count() == 4
    both = Ballot.objects.get(edition=edition, source_id="12")
    assert both.district == districts["podgorze"]
    assert set(both.votes.values_list("pool__kind", flat=True)) == {"city", "district"}
    for pool in edition.pools.all():  # each pool keeps its own three ballots
        assert BallotChoice.objects.filter(pool=pool).values("ballot").distinct().count() == 3


def _statistics(client, edition) -> str:
    with translation.override("pl"):
        url = reverse("budgets:statistics", args=[edition.slug])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="pl")
    assert response.status_code == 200
    return response.content.decode()


def test_statistics_count_people_not_pool_ballots(client, tmp_path, city, districts):
    files = _city_and_district(tmp_path, ("11", "12", "13"), ("12", "13", "14"))
    page = _statistics(client, import_pabulib(files, city=city).edition)
    assert "<td>osoby, które głosowały</td><td>4</td>" in page
    assert "<td>Dzielnica Podgórze</td><td>3</td>" in page  # pool figures stay per pool
    assert 'id="h-channel"' in page and "<td>6</td>" not in page


def test_files_numbering_their_own_voters_are_not_added_up_as_people(
    client, tmp_path, city, districts
):
    files = _city_and_district(tmp_path, ("1", "2", "3"), ("1", "2", "3"))
    report = import_pabulib(files, city=city)
    assert report.voters is None and not report.edition.ballots_are_people
    assert Ballot.objects.filter(edition=report.edition).count() == 6
    page = _statistics(client, report.edition)
    assert "osoby, które głosowały" not in page
    assert "nie mówią, które karty z różnych pul należą do tej samej osoby" in page
    assert "<td>Dzielnica Podgórze</td><td>3</td>" in page


def test_anonymous_ballots_draw_no_age_or_sex_chart(client, tmp_path, city):
    page = _statistics(client, import_pabulib([pb(tmp_path)], city=city).edition)
    assert "Wiek i płeć nie są pokazane" in page
    assert 'id="h-age"' not in page and 'id="h-sex"' not in page
    assert 'id="h-channel"' in page


def test_imported_projects_show_their_result_and_no_address(client, tmp_path, city):
    edition = import_pabulib([pb(tmp_path)], city=city).edition
    park = Proposal.objects.get(edition=edition, title="Park")
    benches = Proposal.objects.get(edition=edition, title="Ławki")
    assert (park.status, benches.status) == (Status.SELECTED, Status.NOT_SELECTED)
    page = client.get(park.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "wybrany do realizacji" in page
    assert "dopuszczony do głosowania" not in page
    assert "import z pabulib" in page and "@" not in page.split("<main", 1)[1]
    listing = client.get(
        reverse("budgets:proposals", args=[edition.slug]), HTTP_ACCEPT_LANGUAGE="pl"
    ).content.decode()
    assert '<span class="badge " data-testid="status">niewybrany</span>' in listing


def test_the_polish_pages_of_an_import_have_no_english(client, tmp_path, city):
    edition = import_pabulib([pb(tmp_path), pb(tmp_path, "b.pb")], city=city).edition
    page = client.get(edition.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "Zaimportowano z pabulib (2 pliki)." in page
    assert "Imported" not in page and "files" not in page


CUMULATIVE = """META
key;value
description;test
country;Poland
unit;Testowo
instance;2024
num_projects;2
num_votes;2
budget;1000
vote_type;cumulative
rule;greedy
max_sum_points;5
PROJECTS
project_id;cost;name
a;600;Park
b;500;Ławki
VOTES
voter_id;vote;points
1;a,b,a;{points}
2;b;3
"""


def test_a_project_named_twice_on_a_ballot_is_one_vote_with_its_points_added(tmp_path, city):
    path = tmp_path / "punkty.pb"
    path.write_text(CUMULATIVE.format(points="2,1,2"), encoding="utf-8")
    edition = import_pabulib([str(path)], city=city).edition
    votes = BallotChoice.objects.filter(pool__edition=edition).order_by(
        "ballot__source_id", "position"
    )
    assert [(v.ballot.source_id, v.proposal.title, v.position, v.points) for v in votes] == [
        ("1", "Park", 1, 4),
        ("1", "Ławki", 2, 1),
        ("2", "Ławki", 1, 3),
    ]
    # The database still refuses a ballot over the pool's budget of points afterwards.
    ballot = Ballot.objects.get(edition=edition, source_id="2")
    park = Proposal.objects.get(edition=edition, title="Park")
    with pytest.raises(IntegrityError), transaction.atomic():
        BallotChoice.objects.create(
            ballot=ballot, pool=park.pool, proposal=park, position=2, pool_limit=3, points=3
        )


def test_a_ballot_over_the_points_budget_is_refused_with_its_line(tmp_path, city):
    path = tmp_path / "punkty.pb"
    path.write_text(CUMULATIVE.format(points="2,1,4"), encoding="utf-8")
    with pytest.raises(PabulibImportError) as refused:
        import_pabulib([str(path)], city=city)
    assert str(refused.value) == (
        f"{path}:19: voter '1' gives 7 points, more than max_sum_points (5)"
    )
    assert not Edition.objects.exists()
