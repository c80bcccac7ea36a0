"""LEXIMIN: the fairest distribution over panels (Flanigan et al., Nature 2021).

Maximise the smallest selection probability; among those distributions, the second
smallest; and so on. Leximin probabilities are unique, which is what makes the
reduction to groups exact.

Realistic pools have hundreds of groups, and the classic method (one column
generation per stage, an integer program per column) then needs hundreds of stages.
So the work is done in the other order:

1. *Bound.* Compute the leximin point of the LP relaxation of the panel polytope
   (quotas, size and households on expected seats): a short series of small LPs.
   Every lottery over panels lies in that relaxation, so no lottery is leximin-better.
2. *Reach.* Find panels whose mixture gives exactly those probabilities (column
   generation on the total shortfall, confined to the face the bound lies on, pricing
   by LP first and by integer program only when the LP is fractional). If the
   shortfall reaches zero the bound is achieved, hence it *is* the leximin optimum.
3. *Fall back.* If a proven-optimal pricing IP says no panel helps while some
   shortfall remains, the relaxation's point is not a lottery (it can happen: quotas
   on three or more features do not make an integral polytope). Then the classic
   stage-by-stage method runs, starting from every panel found so far.
"""

from __future__ import annotations

import time

import numpy as np

from wiec.sortition.colgen import (
    FIX_EPS,
    FIX_MARGIN,
    Cancel,
    ColumnGeneration,
    Monitor,
    Pricer,
    Progress,
)
from wiec.sortition.model import Distribution
from wiec.sortition.problem import Problem

#: The decomposition has reached its target when the summed shortfall (in expected
#: seats over all groups) is below this; each probability is then within it too.
REACHED = 1e-8
MAX_DECOMPOSITION_ROUNDS = 20_000
#: Cheap extra panels per round (see :meth:`Pricer.more`); fewer rounds of the master LP.
EXTRA_COLUMNS = 8


def find_leximin(
    problem: Problem, progress: Progress | None = None, cancel: Cancel | None = None
) -> Distribution:
    started = time.perf_counter()
    monitor = Monitor(progress, cancel)
    from wiec.sortition.solver import relaxed_leximin

    monitor.report("relaxation", 0.0, "bounding the leximin probabilities")
    target = relaxed_leximin(problem, FIX_EPS, FIX_MARGIN)
    monitor.check()
    monitor.report(
        "relaxation",
        0.05,
        f"leximin bound found: minimum {target.min():.6f}",
        minimum=float(target.min()),
    )
    panels, reached = reach(problem, target, monitor)
    if reached:
        cg = ColumnGeneration(problem, monitor=monitor)
        for counts in panels:
            cg.add(counts)
        dist = cg.distribution("leximin", target, started)
        monitor.report("done", 1.0, "leximin found", minimum=dist.min_probability, gap=0.0)
        return dist
    monitor.report(
        "stages",
        0.0,
        "the bound is not a lottery of panels: solving stage by stage",
        minimum=float(target.min()),
    )
    return classic_leximin(problem, monitor, started, seed_panels=panels)


def reach(problem: Problem, target: np.ndarray, monitor: Monitor) -> tuple[list[np.ndarray], bool]:
    """Panels whose mixture gives every group ``target``, and whether they do.

    When they do not, the panels found are still good starting columns.
    """
    from wiec.sortition.errors import SolverError
    from wiec.sortition.solver import Decomposition, Face

    seats = target * problem.caps
    pricer = Pricer(problem)
    pricer.restrict(Face(problem, seats))
    master = Decomposition(seats)
    panels: list[np.ndarray] = []
    seen: set[bytes] = set()

    def add(counts: np.ndarray) -> bool:
        key = counts.astype(np.int64).tobytes()
        if key in seen:
            return False
        seen.add(key)
        panels.append(counts.astype(np.int64))
        master.add_panel(counts)
        return True

    try:
        start = pricer.improving(np.ones(problem.n_groups), -np.inf)
    except SolverError:  # no panel on the face at all
        return [], False
    for counts in start:
        add(counts)
    first_gap: float | None = None
    for rounds in range(MAX_DECOMPOSITION_ROUNDS):
        monitor.check()
        shortfall, mu, y = master.solve()
        if first_gap is None:
            first_gap = max(shortfall, REACHED)
        if rounds % 10 == 0:
            # Progress on a log scale: each tenfold cut of the shortfall is a step.
            span = np.log(first_gap / REACHED)
            done = np.log(first_gap / max(shortfall, REACHED)) / span if span > 0 else 1.0
            monitor.report(
                "decomposition",
                0.05 + 0.9 * float(np.clip(done, 0.0, 1.0)),
                f"{len(panels)} panels, {shortfall:.2e} expected seats short of the bound",
                minimum=float(target.min()),
                gap=shortfall,
            )
        if shortfall <= REACHED:
            return panels, True
        try:
            found = pricer.improving(y, -mu)
        except SolverError:
            found = []
        if not [c for c in found if add(c)]:
            break
        for counts in pricer.more(y, -mu, found[0], EXTRA_COLUMNS):
            add(counts)
    return panels, False


def classic_leximin(
    problem: Problem,
    monitor: Monitor,
    started: float,
    seed_panels: list[np.ndarray] | None = None,
) -> Distribution:
    """Stage by stage: maximin over the free groups, fix those the dual pins, repeat."""
    cg = ColumnGeneration(problem, monitor=monitor)
    for counts in seed_panels or []:
        cg.add(counts)
    n = problem.n_groups
    fixed: dict[int, float] = {int(g): 0.0 for g in np.flatnonzero(cg.cover())}
    cg.dual.fix(fixed)
    while len(fixed) < n:
        value, y = cg.stage()
        free = np.array([g not in fixed for g in range(n)])
        stuck = np.flatnonzero(free & (y > FIX_EPS))
        if len(stuck) == 0:  # all weights tiny: fix the heaviest, which is still correct
            stuck = [int(np.argmax(np.where(free, y, -1.0)))]
        newly = {int(g): max(0.0, value - FIX_MARGIN) for g in stuck}
        fixed.update(newly)
        cg.dual.fix(newly)
        positive = [v for v in fixed.values() if v > 0]
        monitor.report(
            "stages",
            len(fixed) / n,
            f"fixed {len(fixed)} of {n} groups at {value:.6f}",
            minimum=min(positive) if positive else 0.0,
        )
    targets = np.array([fixed[g] for g in range(n)])
    dist = cg.distribution("leximin", targets, started)
    monitor.report("done", 1.0, "leximin found", minimum=dist.min_probability, gap=0.0)
    return dist
