"""MAXIMIN: maximise the smallest selection probability, and nothing more.

It is the first stage of LEXIMIN; offered because it is the reference package's
default and a cheaper comparison point. Above the minimum, probabilities are whatever
the LP's vertex gives, which is why LEXIMIN is the recommended algorithm.
"""

from __future__ import annotations

import time

import numpy as np

from wiec.sortition.colgen import FIX_MARGIN, ColumnGeneration, Progress
from wiec.sortition.model import Distribution
from wiec.sortition.problem import Problem


def find_maximin(problem: Problem, progress: Progress | None = None) -> Distribution:
    started = time.perf_counter()
    cg = ColumnGeneration(problem, progress)
    impossible = cg.cover()
    fixed = {int(g): 0.0 for g in np.flatnonzero(impossible)}
    if len(fixed) < problem.n_groups:
        cg.dual.fix(fixed)
        value, _ = cg.stage()
        targets = np.where(impossible, 0.0, max(0.0, value - FIX_MARGIN))
    else:
        targets = np.zeros(problem.n_groups)
    cg.progress(1.0, "maximin found")
    return cg.distribution("maximin", targets, started)
