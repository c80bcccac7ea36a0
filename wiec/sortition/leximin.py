"""LEXIMIN: the fairest distribution over panels (Flanigan et al., Nature 2021).

Maximise the smallest selection probability; among those distributions, the second
smallest; and so on. Each *stage* solves the maximin problem for the groups whose
probability is still free, then fixes those the dual says are stuck at that minimum.
Leximin probabilities are unique, which is what makes the reduction to groups exact.
"""

from __future__ import annotations

import time

import numpy as np

from wiec.sortition.colgen import FIX_EPS, FIX_MARGIN, ColumnGeneration, Progress
from wiec.sortition.model import Distribution
from wiec.sortition.problem import Problem


def find_leximin(problem: Problem, progress: Progress | None = None) -> Distribution:
    started = time.perf_counter()
    cg = ColumnGeneration(problem, progress)
    n = problem.n_groups
    fixed: dict[int, float] = {int(g): 0.0 for g in np.flatnonzero(cg.cover())}
    cg.dual.fix(fixed)
    cg.progress(0.0, "initial panels found")
    while len(fixed) < n:
        value, y = cg.stage()
        free = np.array([g not in fixed for g in range(n)])
        stuck = np.flatnonzero(free & (y > FIX_EPS))
        if len(stuck) == 0:  # all weights tiny: fix the heaviest, which is still correct
            stuck = [int(np.argmax(np.where(free, y, -1.0)))]
        newly = {int(g): max(0.0, value - FIX_MARGIN) for g in stuck}
        fixed.update(newly)
        cg.dual.fix(newly)
        cg.progress(len(fixed) / n, f"fixed {len(fixed)} of {n} groups at {value:.6f}")
    targets = np.array([fixed[g] for g in range(n)])
    return cg.distribution("leximin", targets, started)
