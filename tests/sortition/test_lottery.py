"""The public lottery: reproducible from the seed alone, and faithful to the distribution."""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter

import pytest

from wiec.sortition import Distribution, draw, find_distribution, verify_draw
from wiec.sortition.lottery import SeedStream, inputs_hash, pick_panel
from wiec.sortition.problem import compile_problem


def test_stream_is_sha256_of_the_documented_string():
    """The procedure in lottery.py's docstring, recomputed with hashlib alone."""
    expected = (
        int.from_bytes(
            hashlib.sha256(b"wiec.sortition/v1|panel|2024-05-01 digits 381|0").digest(), "big"
        )
        % 1000
    )
    assert SeedStream("2024-05-01 digits 381", "panel").randbelow(1000) == expected


def test_same_seed_same_panel_and_reserves(small):
    pool, quotas = small
    first = draw(pool, quotas, 20, seed="4 8 15 16 23 42", reserves=5)
    again = draw(pool, quotas, 20, seed="4 8 15 16 23 42", reserves=5)
    assert first.panel == again.panel and first.reserves == again.reserves
    assert len(first.panel) == 20 and len(first.reserves) == 5
    assert not set(first.panel) & set(first.reserves)
    assert first.inputs_hash == inputs_hash(pool, quotas, 20)
    assert first.seed == "4 8 15 16 23 42" and first.algorithm == "leximin"
    assert "highspy" in first.version


def test_different_seeds_give_different_panels(small):
    pool, quotas = small
    panels = {draw(pool, quotas, 20, seed=str(s)).panel for s in range(5)}
    assert len(panels) == 5


def test_drawn_panel_meets_quotas(small):
    pool, quotas = small
    record = draw(pool, quotas, 20, seed="x")
    problem = compile_problem(pool, quotas, 20)
    counts = [0] * problem.n_groups
    for i in record.panel:
        counts[problem.group_of_person()[i]] += 1
    assert problem.meets_quotas(counts)
    assert record.panel_ids == tuple(pool.people[i].id for i in record.panel)


def test_verify_draw_replays_from_the_published_record(small):
    pool, quotas = small
    record = draw(pool, quotas, 20, seed="public", reserves=3)
    published = Distribution.from_dict(record.distribution.as_dict())
    assert verify_draw(dataclasses.replace(record, distribution=published), pool, quotas)
    forged = dataclasses.replace(record, panel=(0, *record.panel[1:]))
    assert not verify_draw(forged, pool, quotas)
    assert not verify_draw(record, pool, quotas[:-1])  # other inputs, other hash


def test_panel_frequencies_follow_the_distribution(small):
    pool, quotas = small
    dist = find_distribution(pool, quotas, 20)
    runs = 3000
    counts = Counter(pick_panel(dist, f"seed-{s}") for s in range(runs))
    for j, p in enumerate(dist.panel_probabilities):
        assert counts[j] / runs == pytest.approx(p, abs=4 * (p * (1 - p) / runs) ** 0.5 + 1e-3)


def test_reserves_skip_households_already_represented():
    from tests.sortition.conftest import gender_quotas, person
    from wiec.sortition import Pool

    pool = Pool(
        tuple(
            person(str(i), household=f"h{i // 2}", gender="f" if i % 2 else "m") for i in range(8)
        )
    )
    quotas = gender_quotas((1, 2), (1, 2))
    for seed in range(10):
        record = draw(pool, quotas, 2, seed=str(seed), reserves=4)
        households = [pool.people[i].household for i in (*record.panel, *record.reserves)]
        assert len(households) == len(set(households)) == 4  # 4 households, no repeats
