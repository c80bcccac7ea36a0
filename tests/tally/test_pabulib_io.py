"""The pabulib reader and writer: fidelity, speed-critical paths and error lines."""

from __future__ import annotations

import pytest

from tests.tally.conftest import PABULIB
from wiec.tally import (
    Election,
    PabulibError,
    Project,
    VoteType,
    parse_pabulib,
    read_pabulib,
    write_pabulib,
)

SMALL = '''META
key;value
description;test
budget;1000.50
vote_type;cumulative
rule;greedy
max_sum_points;5
PROJECTS
project_id;cost;votes;score;name;category;selected;latitude;longitude
a;600.25;2;7;"Park ""Zielony""";sport,greenery;1;50.1;19.9
b;400;1;3;Ławki;;0;;
VOTES
voter_id;vote;points;age;sex;voting_method;district
1;a,b;4,3;34;F;internet;Nowa Huta
2;a;3;;M;paper;Podgórze
'''


def test_reads_typed_fields_and_keeps_the_rest():
    e = parse_pabulib(SMALL)
    assert e.vote_type is VoteType.CUMULATIVE
    assert e.money_scale == 100  # decimal amounts are read in grosze
    assert e.budget == 100050
    assert e.projects[0] == Project(
        "a",
        60025,
        name='Park "Zielony"',
        category=("sport", "greenery"),
        latitude=50.1,
        longitude=19.9,
        votes=2,
        score=7,
        selected=1,
    )
    assert e.max_sum_points == 5
    assert e.meta == {"description": "test"}
    first = e.ballots[0]
    assert first.projects == ("a", "b") and first.points == (4, 3)
    assert (first.age, first.sex, first.voting_method) == (34, "F", "internet")
    assert first.extra == {"district": "Nowa Huta"}
    assert e.ballots[1].age is None
    assert e.arrays().score.tolist() == [7, 3]


def test_round_trip_of_text_and_of_constructed_elections():
    e = parse_pabulib(SMALL)
    assert parse_pabulib(write_pabulib(e)) == e
    built = Election(
        projects=[Project("p1", 300), Project("p2", 200)],
        ballots=parse_pabulib(SMALL).ballots[:0],
        budget=500,
    )
    again = parse_pabulib(write_pabulib(built))
    assert again.projects[0].cost == 300 and again.budget == 500


@pytest.mark.parametrize("name", sorted(p.name for p in PABULIB.glob("*.pb")))
def test_real_files_round_trip(name, tmp_path):
    e = read_pabulib(PABULIB / name)
    out = tmp_path / name
    write_pabulib(e, out)
    assert read_pabulib(out) == e


@pytest.mark.parametrize(
    "name", ["Poland_Gdynia_2020_Babie_Doly__small.pb", "Poland_Krakow_2019_Bienczyce.pb"]
)
def test_written_files_pass_pabulib_checker(name):
    from pabulib.checker import Checker

    text = write_pabulib(read_pabulib(PABULIB / name))
    report = Checker().process_files([text])
    results = [v for k, v in report.items() if k not in ("metadata", "summary")]
    assert results and all(not r["results"]["errors"] for r in results), results


def _broken(old: str, new: str) -> str:
    assert old in SMALL
    return SMALL.replace(old, new)


@pytest.mark.parametrize(
    ("text", "line", "code"),
    [
        (_broken("PROJECTS\n", ""), None, "missing_section"),
        (_broken("b;400;1;3", "b;4x0;1;3"), 11, "not_a_number"),
        (_broken("2;a;3;;M", "2;a,zz;3,1;;M"), 15, "unknown_project"),
        (_broken("2;a;3;;M", "1;a;3;;M"), 15, "duplicate_voter"),
        (_broken("1;a,b;4,3", "1;a,b;4"), 14, "points_mismatch"),
        (_broken("2;a;3;;M;paper;Podgórze", "2;a;3;;M;paper"), 15, "field_count"),
        (_broken("vote_type;cumulative", "vote_type;lottery"), 5, "unknown_vote_type"),
        (_broken("rule;greedy", "rule;greedy\nnum_votes;84"), 7, "count_mismatch"),
        (_broken("rule;greedy", "rule;greedy\nnum_projects;3"), 7, "count_mismatch"),
        (_broken("rule;greedy", "rule;greedy\nnum_votes;x"), 7, "not_a_number"),
    ],
)
def test_errors_name_the_line(text, line, code):
    with pytest.raises(PabulibError) as info:
        parse_pabulib(text)
    assert info.value.code == code
    if line is not None:
        assert info.value.line == line
        assert str(info.value).startswith(f"<text>:{line}: ")


def test_error_names_the_file(tmp_path):
    path = tmp_path / "x.pb"
    path.write_text(_broken("b;400;1;3", "b;4x0;1;3"), encoding="utf-8")
    with pytest.raises(PabulibError) as info:
        read_pabulib(path)
    assert str(info.value) == f"{path}:11: cost is not a number: '4x0'"


def test_a_file_cut_after_a_whole_line_is_refused():
    text = _broken("rule;greedy", "rule;greedy\nnum_votes;2").rsplit("2;a;3", 1)[0]
    with pytest.raises(PabulibError) as info:
        parse_pabulib(text)
    assert str(info.value) == "<text>:7: num_votes is 2 but the file has 1"
    assert parse_pabulib(_broken("rule;greedy", "rule;greedy\nnum_votes;2")).budget == 100050


def test_repeated_project_in_a_vote_is_kept_but_counted_once():
    text = (
        SMALL.replace("vote_type;cumulative", "vote_type;approval")
        .replace("1;a,b;4,3", "1;a,a,b;1,1,1")
        .replace("2;a;3", "2;a;1")
    )
    e = parse_pabulib(text)
    assert e.ballots[0].projects == ("a", "a", "b")
    assert e.arrays().votes.tolist() == [2, 1]
