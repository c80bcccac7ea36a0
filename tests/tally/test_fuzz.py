"""Fuzzing the Pabulib reader: any text is an election or a PabulibError, never a crash.

``make fuzz`` runs these with many more examples (WIEC_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wiec.tally.errors import TallyError
from wiec.tally.io.pabulib import parse_pabulib

EXAMPLES = int(os.environ.get("WIEC_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

VALID = """META
key;value
description;Test
num_projects;2
num_votes;2
budget;100
vote_type;approval
PROJECTS
project_id;cost;name
1;60;Ławka
2;50;Drzewo
VOTES
voter_id;vote
v1;1,2
v2;2
"""


def parse(text: str) -> None:
    try:
        election = parse_pabulib(text)
    except TallyError as error:
        assert error.code, "every refusal names the problem with a code"
    else:
        assert election.budget >= 0


@FUZZ
@given(st.text(max_size=400))
def test_any_text_is_parsed_or_refused_with_a_code(text):
    parse(text)


@FUZZ
@given(st.integers(0, len(VALID)), st.integers(0, 40), st.text(max_size=20))
def test_a_valid_file_with_a_splice_is_parsed_or_refused_with_a_code(at, cut, insert):
    parse(VALID[:at] + insert + VALID[at + cut :])


@FUZZ
@given(st.lists(st.sampled_from(VALID.splitlines()), max_size=30))
def test_its_own_lines_in_any_order_are_parsed_or_refused(lines):
    parse("\n".join(lines) + "\n")
