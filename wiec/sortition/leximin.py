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
2. *Reach.* Find panels whose mixture gives those probabilities: first by peeling
   panels off the point (Carathéodory), then by column generation on the shortfall,
   confined to the face the bound lies on, pricing by LP first and by integer program
   only when the LP is fractional. Once no probability is more than :data:`REACHED`
   (1e-8) below the bound, the bound is achieved to that precision, hence it *is* the
   leximin optimum: in particular the minimum is within 1e-8 of the optimal minimum.
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

#: The decomposition has reached its target when no group's probability is more than
#: this below it. The target is an upper bound (in the leximin order) on every lottery,
#: so the minimum found is then within this of the optimum, a hundred times closer
#: than the 1e-6 the results are checked to; chasing the last 1e-9 of float noise costs
#: minutes of column generation on realistic pools and changes no decision.
REACHED = 1e-8
MAX_DECOMPOSITION_ROUNDS = 20_000
#: How close to a bound the residual must be, in seats, to count as on it while peeling.
PEEL_TOL = 1e-6
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
    master = Decomposition(seats, problem.caps)
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

    for counts in peel(problem, seats, pricer, monitor):
        add(counts)
    pricer.restrict(Face(problem, seats))
    try:
        start = pricer.improving(np.ones(problem.n_groups), -np.inf)
    except SolverError:  # no panel on the face at all
        return [], False
    for counts in start:
        add(counts)
    first_gap: float | None = None
    for rounds in range(MAX_DECOMPOSITION_ROUNDS):
        monitor.check()
        seats_short, shortfall, mu, y = master.solve()
        if first_gap is None:
            first_gap = max(shortfall, REACHED)
        if rounds % 10 == 0:
            # Progress on a log scale: each tenfold cut of the shortfall is a step.
            span = np.log(first_gap / REACHED)
            done = np.log(first_gap / max(shortfall, REACHED)) / span if span > 0 else 1.0
            monitor.report(
                "decomposition",
                0.05 + 0.9 * float(np.clip(done, 0.0, 1.0)),
                f"{len(panels)} panels, {seats_short:.2e} expected seats short of the bound, "
                f"no chance more than {shortfall:.1e} below it",
                minimum=float(target.min()),
                gap=seats_short,
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


def peel(problem: Problem, seats: np.ndarray, pricer: Pricer, monitor: Monitor) -> list[np.ndarray]:
    """Panels for the target by Carathéodory's peeling, to start the decomposition.

    Take a panel on the smallest face of the relaxation holding the residual point
    ``r``, give it the largest weight ``λ`` that keeps ``(r − λ·panel) / (1 − λ)``
    in the relaxation, and repeat from there: each step lands on a smaller face, so
    there are at most as many steps as groups. The residual can leave the set of
    lotteries (the relaxation is not integral), so this only *proposes* panels; the
    column generation after it decides, and goes on where peeling got stuck.
    """
    from wiec.sortition.errors import SolverError
    from wiec.sortition.solver import Face

    caps = problem.caps.astype(np.float64)
    rng = np.random.default_rng(0)
    r = seats.astype(np.float64).copy()
    out: list[np.ndarray] = []
    for _ in range(2 * problem.n_groups + 10):
        monitor.check()
        face = Face(problem, r, tol=PEEL_TOL)
        pricer.restrict(face)
        weights = r / caps + 1e-3 * rng.random(len(caps))
        relaxed = pricer.lp.best(weights)
        if relaxed is None:
            break
        x = relaxed[0]
        panel = np.rint(x).astype(np.int64)
        if np.abs(x - panel).max() > 1e-7:
            panel = pricer.ip.best_within(weights, x > 1e-9, face.upper)
            if panel is None:
                try:
                    panel, _ = pricer.ip.best(weights)
                except SolverError:  # no panel on this face: the residual left the lotteries
                    break
        if not problem.meets_quotas(panel):
            break
        step = _largest_step(problem, r, panel)
        if step <= 1e-9:
            break
        out.append(panel)
        if step >= 1.0 - 1e-9:
            break
        r = np.clip((r - step * panel) / (1.0 - step), 0.0, caps)
    return out


def _largest_step(problem: Problem, r: np.ndarray, panel: np.ndarray) -> float:
    """The largest ``λ ≤ 1`` with ``(r − λ·panel)/(1 − λ)`` inside the relaxation.

    For each row ``a·x ≤ b`` the panel does not meet with equality, ``λ`` may go up to
    ``(b − a·r)/(b − a·v)``.
    """
    v = panel.astype(np.float64)
    caps = problem.caps.astype(np.float64)
    ar_q, av_q = problem.matrix @ r, problem.matrix @ v
    lo, hi = problem.lo.astype(np.float64), problem.hi.astype(np.float64)
    slack_r = [r, caps - r, hi - ar_q, ar_q - lo]
    slack_v = [v, caps - v, hi - av_q, av_q - lo]
    # rows: -x ≤ 0 uses slack r/v the other way round: λ ≤ r_g / v_g where v_g > 0
    limits = [np.where(v > 0, r / np.where(v > 0, v, 1.0), np.inf)]
    for sr, sv in zip(slack_r[1:], slack_v[1:], strict=True):
        limits.append(
            np.where(sv > 1e-12, np.maximum(sr, 0.0) / np.where(sv > 1e-12, sv, 1.0), np.inf)
        )
    if problem.households:
        rows = [list(m) for m in problem.households]
        hr = np.array([r[m].sum() for m in rows])
        hv = np.array([v[m].sum() for m in rows])
        limits.append(np.where(hv < 1, np.maximum(1 - hr, 0.0) / np.maximum(1 - hv, 1e-12), np.inf))
    return float(min(1.0, *(np.min(lim) if len(lim) else np.inf for lim in limits)))


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
