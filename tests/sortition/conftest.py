"""Fixtures for the sortition engine tests: the two public instances and tiny pools."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.shared_data import TEST_DATA, require_shared
from wiec.sortition import Person, Pool, Quota
from wiec.sortition.io import read_pool, read_quotas

SMALL = TEST_DATA / "sortition" / "example_small_20"
#: Published exact leximin minimum for both public instances (Flanigan et al. 2021).
PUBLISHED_MIN = 0.10


def load(directory: Path) -> tuple[Pool, tuple[Quota, ...]]:
    quotas = read_quotas(directory / "categories.csv")
    pool = read_pool(directory / "respondents.csv", categories=[q.category for q in quotas])
    return pool, quotas


@pytest.fixture(scope="session")
def small() -> tuple[Pool, tuple[Quota, ...]]:
    return load(SMALL)


@pytest.fixture(scope="session")
def large() -> tuple[Pool, tuple[Quota, ...]]:
    return load(require_shared("sortition", "example_large_200"))


def person(pid: str, household: str | None = None, **features: str) -> Person:
    return Person(pid, features, household)


def gender_quotas(f: tuple[int, int], m: tuple[int, int]) -> tuple[Quota, ...]:
    return (Quota("gender", "f", *f), Quota("gender", "m", *m))
