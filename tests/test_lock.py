"""The committed lock is what gets installed: it must cover pyproject.toml and agree with itself."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s\\;]+)", re.MULTILINE)


def pins(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text()
    return {canonicalize_name(m[1]): m[2] for m in PIN.finditer(text)}


def declared(extra: str | None = None) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = project["dependencies"] if extra is None else project["optional-dependencies"][extra]
    return [Requirement(r) for r in names]


def test_every_pin_carries_a_hash():
    for name in ("requirements.txt", "requirements-test.txt"):
        blocks = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / name).read_text())
        for block in blocks:
            if PIN.match(block):
                assert "--hash=sha256:" in block, (name, block.splitlines()[0])


def test_the_lock_satisfies_every_range_in_pyproject():
    """Someone who adds or narrows a dependency without `make lock` is told here."""
    run, test = pins("requirements.txt"), pins("requirements-test.txt")
    for requirement in declared():
        version = run.get(canonicalize_name(requirement.name))
        assert version, f"{requirement.name} is missing from requirements.txt: run make lock"
        assert requirement.specifier.contains(version, prereleases=True), (requirement, version)
    for requirement in declared() + declared("test"):
        version = test.get(canonicalize_name(requirement.name))
        assert version, f"{requirement.name} is missing from requirements-test.txt"
        assert requirement.specifier.contains(version, prereleases=True), (requirement, version)


def test_run_and_test_locks_name_the_same_versions():
    run, test = pins("requirements.txt"), pins("requirements-test.txt")
    differing = {name: (v, test.get(name)) for name, v in run.items() if test.get(name) != v}
    assert not differing


def test_the_build_backend_is_locked_too():
    """The project is installed without build isolation, from the locked setuptools."""
    build = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    for requirement in map(Requirement, build):
        version = pins("requirements.txt").get(canonicalize_name(requirement.name))
        assert version and requirement.specifier.contains(version)
