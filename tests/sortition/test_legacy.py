"""LEGACY, the greedy procedure kept for comparison."""

from __future__ import annotations

import pytest

from wiec.sortition import draw, find_distribution
from wiec.sortition.legacy import legacy_panel
from wiec.sortition.problem import compile_problem


def test_legacy_panels_meet_quotas_and_repeat_with_the_seed(small):
    problem = compile_problem(*small, 20)
    for seed in range(20):
        seats = legacy_panel(problem, str(seed))
        assert problem.meets_quotas(seats)
        assert (legacy_panel(problem, str(seed)) == seats).all()


def test_legacy_is_less_fair_than_leximin(small):
    """The lone conservative woman: ~1% under LEGACY, 10% under LEXIMIN (the paper's point)."""
    legacy = find_distribution(*small, 20, algorithm="legacy")
    assert not legacy.exact
    assert legacy.min_probability < 0.05
    assert sum(legacy.probabilities) == pytest.approx(20, abs=1e-9)


def test_legacy_draw_records_its_algorithm(small):
    record = draw(*small, 20, seed="s", algorithm="legacy")
    assert record.algorithm == "legacy" and len(record.panel) == 20
