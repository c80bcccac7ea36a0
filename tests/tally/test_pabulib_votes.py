"""The VOTES section's fast path (one split, numbers read by numpy) against the careful
line-by-line path: same elections, same errors on the same lines."""

from __future__ import annotations

import pytest

from wiec.tally import PabulibError, parse_pabulib

NUMBERED = """META
key;value
budget;100
vote_type;approval
PROJECTS
project_id;cost
1;40
7;30
12;50
VOTES
voter_id;vote;sex
1;1,7;F
2;7,1;M
3;12;F
4;12,12;M
5;;F
"""


def _votes_only(election):
    return [(b.voter_id, b.projects, b.sex) for b in election.ballots]


def test_numbered_ids_read_like_strings():
    e = parse_pabulib(NUMBERED)
    assert _votes_only(e) == [
        ("1", ("1", "7"), "F"),
        ("2", ("7", "1"), "M"),
        ("3", ("12",), "F"),
        ("4", ("12", "12"), "M"),
        ("5", (), "F"),
    ]
    arrays = e.arrays()
    assert arrays.votes.tolist() == [2, 2, 2]
    # "1,7" and "7,1" are one group; "12" and "12,12" stay two, as they always were.
    assert sorted(arrays.weight.tolist()) == [1, 1, 1, 2]


@pytest.mark.parametrize(
    "variant",
    [
        NUMBERED.replace("3;12;F\n", "3;12;F\n\n"),  # a blank line
        NUMBERED.replace("3;12;F\n", "3;12;F\n   \n"),  # a line of spaces
        NUMBERED.replace("1;1,7;F", '1;"1,7";F'),  # quotes
        NUMBERED.replace("\n", "\r\n"),  # Windows line ends
        NUMBERED.rstrip("\n"),  # no newline at the end
    ],
)
def test_unusual_sections_give_the_same_election(variant):
    assert _votes_only(parse_pabulib(variant)) == _votes_only(parse_pabulib(NUMBERED))


@pytest.mark.parametrize(
    ("old", "new", "line", "code", "params"),
    [
        ("3;12;F", "3;99;F", 14, "unknown_project", {"project": "99", "voter": "3"}),
        ("3;12;F", "3;07;F", 14, "unknown_project", {"project": "07", "voter": "3"}),
        ("3;12;F", "3;12,,1;F", 14, "unknown_project", {"project": "", "voter": "3"}),
        ("3;12;F", "3;1x;F", 14, "unknown_project", {"project": "1x", "voter": "3"}),
        # One line a field short and the next one a field over: the counts add up, the
        # lines do not.
        ("2;7,1;M\n3;12;F", "2;7,1\n3;12;F;x", 13, "field_count", {"found": 2, "expected": 3}),
        ("4;12,12;M", "2;12,12;M", 15, "duplicate_voter", {"voter": "2"}),
    ],
)
def test_errors_in_numbered_votes_name_the_line(old, new, line, code, params):
    assert old in NUMBERED
    with pytest.raises(PabulibError) as info:
        parse_pabulib(NUMBERED.replace(old, new))
    assert (info.value.code, info.value.line) == (code, line)
    assert info.value.params == params
