"""Where the tests find ../shared/data, and a clean skip when it is absent.

The repository is cloned with the project's shared folder beside it (``../shared``);
``WIEC_SHARED_DATA`` points elsewhere when needed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
TEST_DATA = REPO_ROOT / "tests" / "data"


def shared_data_dir() -> Path:
    return Path(os.environ.get("WIEC_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))


def require_shared(*parts: str) -> Path:
    """Return ``../shared/data/<parts>`` or skip the test, saying what is missing."""
    path = shared_data_dir().joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not available: {path} is absent (set WIEC_SHARED_DATA)")
    return path
