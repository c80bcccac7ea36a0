"""LEGACY: the older greedy stratified draw, kept for comparison only.

This is the procedure used by the Sortition Foundation before Flanigan et al. (and
kept as ``legacy`` in sortition-algorithms): repeatedly take the quota value whose
unmet minimum is largest relative to the people still available,
``(min − selected) / remaining``; pick a random available person with that value;
remove their household mates; once a value reaches its maximum remove everyone
else with it; start over (up to 100 attempts) when it runs into a dead end or the
result misses a quota. It gives no guarantee on anyone's probability, which is the
point of comparing it with LEXIMIN.

It works on groups (see :mod:`wiec.sortition.problem`): picking a random person with
a value is picking a group in proportion to its available members, so the people are
then seated by the lottery exactly as for the other algorithms.
"""

from __future__ import annotations

import time
from collections import Counter

import numpy as np

from wiec.sortition.colgen import Monitor, Progress, build_distribution
from wiec.sortition.errors import SortitionError
from wiec.sortition.lottery import SeedStream
from wiec.sortition.model import Distribution
from wiec.sortition.problem import Problem

MAX_ATTEMPTS = 100
#: Runs used to estimate LEGACY's selection probabilities (it has no closed form).
ESTIMATE_RUNS = 1000


class _DeadEnd(Exception):
    pass


def _attempt(problem: Problem, stream: SeedStream) -> np.ndarray:
    matrix, lo, hi = problem.matrix, problem.lo, problem.hi
    remaining = problem.caps.copy()
    seats = np.zeros_like(remaining)
    household_of = {g: hh for hh in problem.households for g in hh}
    for r in np.flatnonzero(hi == 0):
        remaining[matrix[r] == 1] = 0
    for _ in range(problem.panel_size):
        available = matrix @ remaining
        selected = matrix @ seats
        needed = lo - selected
        if (needed > available).any():
            raise _DeadEnd
        best, best_ratio = -1, -np.inf
        for r in range(len(lo)):
            if available[r] == 0 or hi[r] == 0:
                continue
            ratio = needed[r] / available[r]
            if ratio > best_ratio:
                best, best_ratio = r, ratio
        if best < 0:
            raise _DeadEnd
        pick = stream.randbelow(int(available[best]))
        for g in np.flatnonzero(matrix[best] == 1):
            if pick < remaining[g]:
                break
            pick -= int(remaining[g])
        seats[g] += 1
        remaining[g] -= 1
        for mate in household_of.get(int(g), ()):
            remaining[mate] = 0
        full = np.flatnonzero((matrix[:, g] == 1) & (matrix @ seats == hi))
        for r in full:
            remaining[matrix[r] == 1] = 0
    if not problem.meets_quotas(seats):
        raise _DeadEnd
    return seats


def legacy_panel(problem: Problem, seed: str) -> np.ndarray:
    """One LEGACY draw (seats per group), reproducible from ``seed``."""
    stream = SeedStream(seed, "legacy")
    for _ in range(MAX_ATTEMPTS):
        try:
            return _attempt(problem, stream)
        except _DeadEnd:
            continue
    raise SortitionError(
        f"the legacy procedure found no panel in {MAX_ATTEMPTS} attempts",
        code="legacy_failed",
        params={"attempts": MAX_ATTEMPTS},
    )


def estimate_legacy(
    problem: Problem, runs: int = ESTIMATE_RUNS, progress: Progress | None = None
) -> Distribution:
    """LEGACY's selection probabilities, estimated from ``runs`` seeded draws.

    Marked ``exact=False``: the figures are frequencies, good to about ±1/√runs.
    """
    started = time.perf_counter()
    counter: Counter[bytes] = Counter()
    shapes: dict[bytes, np.ndarray] = {}
    for run in range(runs):
        seats = legacy_panel(problem, f"estimate-{run}")
        key = seats.tobytes()
        counter[key] += 1
        shapes[key] = seats
        if progress and run % 100 == 0:
            Monitor(progress).report("legacy", run / runs, f"legacy run {run} of {runs}")
    keys = list(counter)
    weights = np.array([counter[k] for k in keys], dtype=np.float64) / runs
    return build_distribution(
        problem, "legacy", [shapes[k] for k in keys], weights, started, exact=False
    )
