"""``make fuzz`` names its files one by one: a fuzz test left out of it would only ever
run with the few examples of the normal suite."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_fuzz_file_is_in_make_fuzz():
    target = (ROOT / "Makefile").read_text().split("\nfuzz:", 1)[1].split("\n\n", 1)[0]
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").rglob("test_fuzz.py"))
    assert files and [f for f in files if f not in target] == []
