"""``python -m wiec.sortition``: the JSON contract and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.shared_data import REPO_ROOT
from tests.sortition.conftest import PUBLISHED_MIN, SMALL
from wiec.sortition.__main__ import main

CATEGORIES = str(SMALL / "categories.csv")
RESPONDENTS = str(SMALL / "respondents.csv")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wiec.sortition", *args],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
    )


def test_json_is_exactly_one_object_with_the_agreed_keys():
    result = run_cli(
        "--categories", CATEGORIES, "--respondents", RESPONDENTS,
        "--panel-size", "20", "--seed", "42", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)  # fails on anything but one JSON document
    assert set(out) == {"algorithm", "min_probability", "probabilities", "panel", "seconds"}
    assert out["algorithm"] == "leximin"
    assert out["min_probability"] == pytest.approx(PUBLISHED_MIN, abs=1e-6)
    assert len(out["probabilities"]) == 200
    assert sum(out["probabilities"]) == pytest.approx(20, abs=1e-6)
    assert len(out["panel"]) == 20 and all(0 <= r < 200 for r in out["panel"])
    assert out["seconds"] >= 0


@pytest.mark.parametrize("algorithm", ["leximin", "maximin", "legacy"])
def test_same_seed_same_panel_through_the_cli(algorithm, capsys):
    args = [
        "--categories", CATEGORIES, "--respondents", RESPONDENTS,
        "--panel-size", "20", "--seed", "town hall 2025", "--json", "--algorithm", algorithm,
    ]  # fmt: skip
    assert main(args) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(args) == 0
    second = json.loads(capsys.readouterr().out)
    assert first["panel"] == second["panel"]
    assert first["algorithm"] == algorithm


def test_human_output_without_json(capsys):
    assert main(["--categories", CATEGORIES, "--respondents", RESPONDENTS, "--panel-size", "20",
                 "--seed", "1", "--reserves", "2"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "min probability:  0.100000" in out
    assert "reserves (rows):" in out


def _write(tmp_path: Path, categories: str, respondents: str) -> tuple[str, str]:
    c, r = tmp_path / "categories.csv", tmp_path / "respondents.csv"
    c.write_text(categories, encoding="utf-8")
    r.write_text(respondents, encoding="utf-8")
    return str(c), str(r)


QUOTAS = "category,feature,min,max\ngender,female,1,2\ngender,male,1,2\n"
BAD_INPUTS = {
    "value not among the quotas": (QUOTAS, "gender\nfemale\nmale\nother\n", "'other'"),
    "missing column": (QUOTAS, "age\nold\nyoung\n", "no column 'gender'"),
    "quota above the pool": (
        "category,feature,min,max\ngender,female,5,6\ngender,male,0,6\n",
        "gender\nfemale\nmale\nmale\n",
        "pool has 1",
    ),
    "empty pool": (QUOTAS, "gender\n", "pool is empty"),
    "panel larger than pool": (QUOTAS, "gender\nfemale\n", "only 1"),
    "bad number": ("category,feature,min,max\ngender,female,x,2\n", "gender\nfemale\n", "'x'"),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_exits_non_zero_with_one_line(case, tmp_path, capsys):
    categories, respondents, expected = BAD_INPUTS[case]
    c, r = _write(tmp_path, categories, respondents)
    status = main(["--categories", c, "--respondents", r, "--panel-size", "2", "--json"])
    captured = capsys.readouterr()
    assert status != 0
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("wiec-sortition: error:")
    assert expected in captured.err


def test_bad_input_in_a_real_process_shows_no_traceback(tmp_path):
    c, r = _write(tmp_path, QUOTAS, "gender\nfemale\nmale\nother\n")
    result = run_cli("--categories", c, "--respondents", r, "--panel-size", "2")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_missing_file_and_bad_arguments_are_one_line(capsys):
    assert main(["--categories", "/nonexistent.csv", "--respondents", RESPONDENTS,
                 "--panel-size", "20"]) == 2  # fmt: skip
    assert capsys.readouterr().err.count("\n") == 1
    with pytest.raises(SystemExit) as caught:
        main(["--categories", CATEGORIES, "--respondents", RESPONDENTS, "--panel-size", "many"])
    assert caught.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1
