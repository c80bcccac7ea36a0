"""LEXIMIN and MAXIMIN on the public instances and on pools small enough to check by hand."""

from __future__ import annotations

import itertools
import time

import numpy as np
import pytest

from tests.sortition.conftest import PUBLISHED_MIN, gender_quotas, person
from wiec.sortition import Pool, ProgressReport, Quota, find_distribution
from wiec.sortition.leximin import find_leximin
from wiec.sortition.problem import compile_problem


def assert_every_panel_meets_quotas(pool, quotas, dist) -> None:
    problem = compile_problem(pool, quotas, dist.panel_size)
    assert problem.groups == dist.groups
    for panel, weight in zip(dist.panels, dist.panel_probabilities, strict=True):
        assert weight > 0
        assert problem.meets_quotas(panel), panel


def test_small_instance_reaches_published_minimum_fast(small):
    pool, quotas = small
    started = time.perf_counter()
    dist = find_distribution(pool, quotas, 20, algorithm="leximin")
    assert time.perf_counter() - started < 1.0
    assert dist.min_probability == pytest.approx(PUBLISHED_MIN, abs=1e-6)
    assert sum(dist.probabilities) == pytest.approx(20, abs=1e-6)
    assert len(dist.probabilities) == len(pool) == 200
    assert sum(dist.panel_probabilities) == pytest.approx(1.0, abs=1e-9)
    assert_every_panel_meets_quotas(pool, quotas, dist)


@pytest.mark.shared_data
def test_large_instance_reaches_published_minimum_within_a_minute(large):
    pool, quotas = large
    started = time.perf_counter()
    dist = find_distribution(pool, quotas, 200, algorithm="leximin")
    assert time.perf_counter() - started < 60.0
    assert dist.min_probability == pytest.approx(PUBLISHED_MIN, abs=1e-6)
    assert sum(dist.probabilities) == pytest.approx(200, abs=1e-6)
    assert_every_panel_meets_quotas(pool, quotas, dist)


@pytest.mark.parametrize(
    "instance", ["small", pytest.param("large", marks=pytest.mark.shared_data)]
)
def test_maximin_minimum_equals_leximin_minimum(instance, request):
    pool, quotas = request.getfixturevalue(instance)
    size = 20 if instance == "small" else 200
    leximin = find_distribution(pool, quotas, size, algorithm="leximin")
    maximin = find_distribution(pool, quotas, size, algorithm="maximin")
    assert maximin.min_probability == pytest.approx(leximin.min_probability, abs=1e-6)
    assert sum(maximin.probabilities) == pytest.approx(size, abs=1e-6)
    assert_every_panel_meets_quotas(pool, quotas, maximin)


def test_reduction_to_groups_changes_no_probability(small):
    """Solving person by person (no groups) gives the same leximin probabilities."""
    pool, quotas = small
    grouped = find_leximin(compile_problem(pool, quotas, 20))
    people = find_leximin(compile_problem(pool, quotas, 20, group_types=False))
    assert len(grouped.groups) == 3 and len(people.groups) == 200
    np.testing.assert_allclose(grouped.probabilities, people.probabilities, atol=1e-6)


def test_forced_person_gets_probability_one():
    pool = Pool((person("f1", gender="f"), *(person(f"m{i}", gender="m") for i in range(3))))
    dist = find_distribution(pool, gender_quotas((1, 1), (1, 1)), 2)
    np.testing.assert_allclose(dist.probabilities, [1.0, 1 / 3, 1 / 3, 1 / 3], atol=1e-9)


def test_leximin_raises_the_second_smallest_where_maximin_need_not():
    """Two female seats out of 3 women, and the men split the third seat of 3."""
    pool = Pool(
        (
            *(person(f"f{i}", gender="f", age="young") for i in range(3)),
            person("m0", gender="m", age="old"),
            person("m1", gender="m", age="young"),
        )
    )
    quotas = (
        *gender_quotas((2, 2), (1, 1)),
        Quota("age", "young", 0, 3),
        Quota("age", "old", 0, 1),
    )
    dist = find_distribution(pool, quotas, 3)
    np.testing.assert_allclose(dist.probabilities, [2 / 3] * 3 + [0.5, 0.5], atol=1e-9)


def _brute_force_maximin(pool: Pool, quotas, size: int) -> float:
    """Max-min probability by an LP over every valid panel (only for a handful of people)."""
    import highspy

    problem = compile_problem(pool, quotas, size, group_types=False)
    panels = []
    for combo in itertools.combinations(range(len(pool)), size):
        counts = np.zeros(len(pool), dtype=int)
        counts[list(combo)] = 1
        if problem.meets_quotas(counts):
            panels.append(counts)
    h = highspy.Highs()
    h.silent()
    m = len(panels)
    # variables p_1..p_m, z ; maximise z ; Σp = 1 ; Σ_{P∋i} p_P − z ≥ 0
    h.addVars(m + 1, np.zeros(m + 1), np.full(m + 1, highspy.kHighsInf))
    h.changeColCost(m, 1.0)
    h.addRow(1.0, 1.0, m, np.arange(m, dtype=np.int32), np.ones(m))
    for i in range(len(pool)):
        idx = [j for j in range(m) if panels[j][i]] + [m]
        vals = [1.0] * (len(idx) - 1) + [-1.0]
        h.addRow(0.0, highspy.kHighsInf, len(idx), np.array(idx, np.int32), np.array(vals))
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.run()
    return h.getInfo().objective_function_value


@pytest.mark.parametrize("trial", range(6))
def test_minimum_matches_brute_force_on_random_tiny_pools(trial):
    rng = np.random.default_rng(trial)
    n, size = 9, 4
    pool = Pool(
        tuple(
            person(
                str(i),
                household=f"h{i // 2}" if trial % 2 and i < 4 else None,
                gender=str(rng.choice(["f", "m"])),
                age=str(rng.choice(["young", "mid", "old"])),
            )
            for i in range(n)
        )
    )
    quotas = (
        *gender_quotas((1, 3), (1, 3)),
        Quota("age", "young", 1, 2),
        Quota("age", "mid", 0, 2),
        Quota("age", "old", 1, 2),
    )
    from wiec.sortition import check_feasibility

    if not check_feasibility(pool, quotas, size).feasible:
        pytest.skip("random pool happens to be infeasible")
    dist = find_distribution(pool, quotas, size)
    assert dist.min_probability == pytest.approx(_brute_force_maximin(pool, quotas, size), abs=1e-6)
    assert sum(dist.probabilities) == pytest.approx(size, abs=1e-6)
    assert_every_panel_meets_quotas(pool, quotas, dist)


def test_progress_is_reported_from_zero_to_one(small):
    pool, quotas = small
    seen: list[ProgressReport] = []
    find_distribution(pool, quotas, 20, progress=seen.append)
    fractions = [r.fraction for r in seen]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions)
    assert seen[-1].stage == "done" and seen[-1].minimum == pytest.approx(PUBLISHED_MIN)


def _brute_force_leximin(pool: Pool, quotas, size: int) -> np.ndarray:
    """Leximin probabilities by LPs over every valid panel, person by person.

    Each stage maximises the smallest free probability, then fixes every person who
    cannot get more without lowering someone fixed (one LP per person: slow but
    plainly right, for a handful of people).
    """
    import highspy

    problem = compile_problem(pool, quotas, size, group_types=False)
    n = len(pool)
    panels = []
    for combo in itertools.combinations(range(n), size):
        counts = np.zeros(n, dtype=int)
        counts[list(combo)] = 1
        if problem.meets_quotas(counts):
            panels.append(counts)
    m = len(panels)
    share = np.array(panels, dtype=float).T  # n x m

    def solve(objective: int | None, floors: dict[int, float], t_free: bool) -> float:
        h = highspy.Highs()
        h.silent()
        h.addVars(m + 1, np.zeros(m + 1), np.full(m + 1, highspy.kHighsInf))
        h.addRow(1.0, 1.0, m, np.arange(m, dtype=np.int32), np.ones(m))
        for i in range(n):
            idx = np.flatnonzero(share[i])
            if i in floors:
                h.addRow(
                    floors[i] - 1e-9,
                    highspy.kHighsInf,
                    len(idx),
                    idx.astype(np.int32),
                    share[i, idx],
                )
            elif t_free:
                cols = np.append(idx, m).astype(np.int32)
                h.addRow(0.0, highspy.kHighsInf, len(cols), cols, np.append(share[i, idx], -1.0))
        if objective is None:
            h.changeColCost(m, 1.0)
        else:
            idx = np.flatnonzero(share[objective])
            h.changeColsCost(len(idx), idx.astype(np.int32), share[objective, idx])
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        h.run()
        return h.getInfo().objective_function_value

    fixed: dict[int, float] = {}
    while len(fixed) < n:
        t = solve(None, fixed, True)
        floors = dict(fixed)
        floors.update({i: t for i in range(n) if i not in fixed})
        for i in range(n):
            if (
                i not in fixed
                and solve(i, {j: v for j, v in floors.items() if j != i}, False) <= t + 1e-7
            ):
                fixed[i] = t
    return np.array([fixed[i] for i in range(n)])


@pytest.mark.parametrize("trial", range(8))
def test_leximin_equals_brute_force_on_random_pools_with_many_features(trial):
    """4 to 6 features (each person nearly a type of their own), quotas around shares."""
    rng = np.random.default_rng(100 + trial)
    n, size = 10, 4
    n_features = 4 + trial % 3
    features = {f"f{c}": ["a", "b", "c"][: 2 + (c % 2)] for c in range(n_features)}
    pool = Pool(
        tuple(
            person(
                str(i),
                household=f"h{i // 2}" if trial % 4 == 3 and i < 4 else None,
                **{c: str(rng.choice(values)) for c, values in features.items()},
            )
            for i in range(n)
        )
    )
    quotas = []
    for c, values in features.items():
        for v in values:
            have = sum(p.features[c] == v for p in pool)
            quotas.append(Quota(c, v, int(have > 2), min(size, max(1, have // 2 + 1))))
    from wiec.sortition import check_feasibility

    if not check_feasibility(pool, quotas, size).feasible:
        pytest.skip("random pool happens to be infeasible")
    dist = find_distribution(pool, quotas, size)
    np.testing.assert_allclose(
        dist.probabilities, _brute_force_leximin(pool, quotas, size), atol=1e-6
    )
    assert sum(dist.probabilities) == pytest.approx(size, abs=1e-6)
    assert_every_panel_meets_quotas(pool, quotas, dist)


def test_classic_stages_agree_with_bound_and_reach(small):
    """The fallback (stage by stage) gives the same probabilities as the fast path."""
    from wiec.sortition.colgen import Monitor
    from wiec.sortition.leximin import classic_leximin

    pool, quotas = small
    problem = compile_problem(pool, quotas, 20)
    fast = find_leximin(problem)
    classic = classic_leximin(problem, Monitor(), time.perf_counter())
    np.testing.assert_allclose(fast.probabilities, classic.probabilities, atol=1e-6)


def test_a_cancelled_run_stops_with_a_code(small):
    from wiec.sortition import CancelledError

    pool, quotas = small
    with pytest.raises(CancelledError) as error:
        find_distribution(pool, quotas, 20, cancel=lambda: True)
    assert error.value.code == "cancelled"
