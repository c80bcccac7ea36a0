"""The engine stays a plain library: no Django, and no solver until one is needed."""

from __future__ import annotations

import subprocess
import sys

from tests.shared_data import REPO_ROOT


def test_importing_the_engine_loads_neither_django_nor_highspy():
    code = (
        "import sys, wiec.sortition, wiec.sortition.io, wiec.sortition.lottery, "
        "wiec.sortition.feasibility, wiec.sortition.leximin, wiec.sortition.__main__;"
        "print('django' in sys.modules, 'highspy' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO_ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


def test_solving_loads_highspy_but_still_not_django():
    code = (
        "import sys; from wiec.sortition import Pool, Person, Quota, find_distribution;"
        "p = Pool((Person('a', {'g': 'x'}), Person('b', {'g': 'x'})));"
        "find_distribution(p, (Quota('g', 'x', 0, 1),), 1);"
        "print('django' in sys.modules, 'highspy' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO_ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_no_solver_entry_point_writes_to_standard_output():
    """HiGHS prints a banner from its constructor; none of it may reach our stdout.

    Standard output is a pipe here, as it is for anyone scripting the CLI: native code
    buffers its text there, so this also catches a banner flushed at exit.
    """
    code = (
        "from wiec.sortition import solver;"
        "solver.highs_version(); solver._new_highs();"
        "print('only this')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO_ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "only this\n"
