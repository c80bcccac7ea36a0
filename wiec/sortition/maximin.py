"""MAXIMIN: maximise the smallest selection probability, and nothing more.

It is the first stage of LEXIMIN; offered because it is the reference package's
default and a cheaper comparison point. Above the minimum, probabilities are whatever
the LP's vertex gives, which is why LEXIMIN is the recommended algorithm.
"""

from __future__ import annotations

import time

import numpy as np

from wiec.sortition.colgen import FIX_MARGIN, Cancel, ColumnGeneration, Monitor, Progress
from wiec.sortition.model import Distribution
from wiec.sortition.problem import Problem


def find_maximin(
    problem: Problem, progress: Progress | None = None, cancel: Cancel | None = None
) -> Distribution:
    started = time.perf_counter()
    monitor = Monitor(progress, cancel)
    cg = ColumnGeneration(problem, monitor)
    impossible = cg.cover()
    fixed = {int(g): 0.0 for g in np.flatnonzero(impossible)}
    if len(fixed) < problem.n_groups:
        cg.dual.fix(fixed)
        value, _ = cg.stage()
        targets = np.where(impossible, 0.0, max(0.0, value - FIX_MARGIN))
    else:
        targets = np.zeros(problem.n_groups)
    dist = cg.distribution("maximin", targets, started)
    monitor.report("done", 1.0, "maximin found", minimum=dist.min_probability, gap=0.0)
    return dist
