"""Pools shaped like real recruitment (wiec.sortition.synthetic), small enough for the suite.

Not timed here (benchmarks/sortition_vs_reference.py prints the times); what is
checked is that the answer is exact: the minimum equals the reference's maximin, the
probabilities add up to the panel size, and every panel meets every quota.
"""

from __future__ import annotations

import pytest

from tests.sortition.test_leximin import assert_every_panel_meets_quotas
from wiec.sortition import find_distribution
from wiec.sortition.problem import compile_problem
from wiec.sortition.synthetic import realistic_instance


@pytest.mark.parametrize(
    ("n", "size", "features", "households"),
    [(120, 12, 4, 0.0), (150, 15, 5, 0.0), (150, 15, 5, 0.2), (200, 20, 7, 0.2)],
)
def test_small_realistic_pools_are_solved_exactly(n, size, features, households):
    pool, quotas = realistic_instance(
        n, size, features=features, households=households, seed=n + features
    )
    leximin = find_distribution(pool, quotas, size, algorithm="leximin")
    maximin = find_distribution(pool, quotas, size, algorithm="maximin")
    assert leximin.min_probability == pytest.approx(maximin.min_probability, abs=1e-6)
    assert sum(leximin.probabilities) == pytest.approx(size, abs=1e-6)
    assert_every_panel_meets_quotas(pool, quotas, leximin)
    if households:
        problem = compile_problem(pool, quotas, size)
        assert problem.households
        for panel in leximin.panels:
            for members in problem.households:
                assert sum(panel[g] for g in members) <= 1


def test_the_generator_is_seeded_and_skewed():
    pool, quotas = realistic_instance(600, 40, features=5, seed=3)
    again, _ = realistic_instance(600, 40, features=5, seed=3)
    assert pool == again
    higher = sum(p.features["education"] == "higher" for p in pool) / len(pool)
    census = next(q for q in quotas if q.value == "higher")
    assert higher > 1.5 * 0.27  # the educated volunteer far more than their share
    assert census.min <= 0.27 * 40 <= census.max


def test_households_share_an_area():
    pool, _ = realistic_instance(300, 20, features=7, households=0.2, seed=5)
    by_household: dict[str, set[str]] = {}
    for p in pool:
        if p.household:
            by_household.setdefault(p.household, set()).add(p.features["area"])
    assert by_household and all(len(areas) == 1 for areas in by_household.values())
    assert 0.15 * 300 <= sum(p.household is not None for p in pool) <= 0.25 * 300


@pytest.mark.parametrize(("features", "households"), [(6, 0.0), (7, 0.2)])
def test_the_minimum_reaches_the_relaxations_bound(features, households):
    """The LP relaxation's maximin bounds every lottery's minimum from above, so a
    minimum that reaches it is optimal, with no reference needed (as on city_2000)."""
    from wiec.sortition.colgen import FIX_EPS
    from wiec.sortition.leximin import REACHED, find_leximin
    from wiec.sortition.solver import relaxed_leximin

    pool, quotas = realistic_instance(300, 30, features=features, households=households, seed=7)
    problem = compile_problem(pool, quotas, 30)
    bound = relaxed_leximin(problem, FIX_EPS, 0.0).min()
    stages = []
    dist = find_leximin(problem, progress=lambda report: stages.append(report.stage))
    assert "stages" not in stages  # reached by the decomposition, no fallback
    assert bound - 2 * REACHED <= dist.min_probability <= bound + 1e-9
    assert sum(dist.probabilities) == pytest.approx(30, abs=1e-9)
    assert_every_panel_meets_quotas(pool, quotas, dist)


def test_the_same_inputs_give_the_same_distribution():
    """The lottery is re-run from the published distribution, but the distribution
    itself must not depend on the run either (single thread, fixed solver seed)."""
    pool, quotas = realistic_instance(150, 15, features=6, households=0.2, seed=11)
    first = find_distribution(pool, quotas, 15)
    again = find_distribution(pool, quotas, 15)
    assert first.panels == again.panels
    assert first.panel_probabilities == again.panel_probabilities


def test_a_run_can_be_cancelled_once_the_bound_is_known():
    """The organiser's 'stop' reaches the engine between the bound and the panels."""
    from wiec.sortition import CancelledError

    pool, quotas = realistic_instance(300, 30, features=7, households=0.2, seed=7)
    reports = []
    with pytest.raises(CancelledError):
        find_distribution(
            pool, quotas, 30, progress=reports.append, cancel=lambda: len(reports) >= 2
        )
    assert [r.stage for r in reports] == ["relaxation", "relaxation"]
    assert reports[-1].minimum is not None and reports[-1].minimum > 0
