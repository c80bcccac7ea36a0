"""The CLI contract: one JSON object, or one error line and a non-zero status."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.shared_data import REPO_ROOT
from tests.tally.conftest import PABULIB


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wiec.tally", *args],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
    )


def test_json_is_exactly_one_object_with_the_file_rule():
    done = run(str(PABULIB / "Poland_Wieliczka_2023_Green_Budget.pb"), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)  # fails if anything else is printed
    assert set(data) == {"rule", "budget", "spent", "selected"}
    assert data["rule"] == "equalshares/add1-comparison"
    assert data["budget"] == 1000000 and len(data["selected"]) == 30


def test_rule_and_utilities_options():
    done = run(str(PABULIB / "Poland_Swiecie_2023.pb"), "--rule", "greedy", "--json")
    assert json.loads(done.stdout)["rule"] == "greedy"
    done = run(
        str(PABULIB / "Poland_Swiecie_2023.pb"),
        "--rule",
        "equalshares",
        "--utilities",
        "cardinality",
    )
    assert done.returncode == 0 and "rule: equalshares" in done.stdout


def test_table_by_default():
    done = run(str(PABULIB / "Poland_Gdynia_2020_Babie_Doly__small.pb"))
    assert done.returncode == 0
    assert "greedy-no-skip" in done.stdout and "selected" in done.stdout


GOOD = """META
key;value
budget;100
vote_type;approval
rule;greedy
PROJECTS
project_id;cost;votes
a;50;1
VOTES
voter_id;vote
1;a
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD.replace("PROJECTS\n", ""), ":11: missing section PROJECTS"),
        (GOOD.replace("a;50;1", "a;fifty;1"), ":8: cost is not a number: 'fifty'"),
        (GOOD.replace("1;a\n", "1;b\n"), ":11: vote for unknown project 'b'"),
        (GOOD + "1;a\n", ":12: duplicate voter id '1' (first on line 11)"),
    ],
)
def test_bad_input_is_one_line_never_a_traceback(tmp_path, text, expected):
    path = tmp_path / "bad.pb"
    path.write_text(text, encoding="utf-8")
    done = run(str(path), "--json")
    assert done.returncode != 0
    assert done.stdout == ""
    assert done.stderr.strip() == f"{path}{expected}"
    assert "Traceback" not in done.stderr


def test_missing_file_is_one_line(tmp_path):
    done = run(str(tmp_path / "nope.pb"))
    assert done.returncode != 0 and len(done.stderr.strip().splitlines()) == 1
