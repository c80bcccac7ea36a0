"""``import_pabulib``: refusals with a line to look at."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from wiec.budgets.models import Ballot, Edition, Pool, Proposal

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
    assert "1 pools, 2 projects, 3 ballots" in out.getvalue()
