"""The engine must stay usable without Django (cities and researchers use it alone)."""

from __future__ import annotations

import subprocess
import sys

from tests.shared_data import REPO_ROOT


def test_importing_wiec_tally_leaves_django_out():
    code = (
        "import sys, wiec.tally, wiec.tally.__main__; "
        "from wiec.tally.rules import greedy, equalshares, phragmen; "
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules "
        "if m.startswith('django'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
