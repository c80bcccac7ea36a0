"""Column generation over panels, shared by LEXIMIN and MAXIMIN.

Following Flanigan, Gölz, Gupta, Hennig and Procaccia, "Fair algorithms for selecting
citizens' assemblies" (Nature 596, 2021), the distribution is found without listing
all panels: a restricted dual LP proposes weights on groups, an integer program
(*pricing*) finds the panel those weights like most, and that panel is added as a row
until no panel beats the LP's bound. Working over groups instead of people (see
:mod:`wiec.sortition.problem`) keeps both programs small.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from wiec.sortition.errors import CancelledError
from wiec.sortition.model import Distribution
from wiec.sortition.problem import Problem


@dataclass(frozen=True)
class ProgressReport:
    """Where a long run is, as data a progress bar can show in any language.

    ``stage`` is a code: ``relaxation`` (the LP bound), ``decomposition`` (finding
    panels that reach it), ``stages`` (classic leximin stages, when the bound is not
    reachable), ``maximin``, ``legacy`` or ``done``. ``minimum`` is the smallest
    probability found or targeted so far; ``gap`` how far the panels found so far are
    from the target (expected seats short of it in all, 0 when reached); ``message`` is
    English for logs and the CLI.
    """

    stage: str
    fraction: float
    message: str
    minimum: float | None = None
    gap: float | None = None


Progress = Callable[[ProgressReport], None]
#: Called between iterations; returning True stops the run with :class:`CancelledError`.
Cancel = Callable[[], bool]

#: A new panel is worth adding when it beats the dual bound by more than this.
PRICING_EPS = 1e-9
#: A free group whose dual weight exceeds this is at the stage's minimum in every
#: optimal distribution (complementary slackness), so its probability is fixed.
FIX_EPS = 1e-7
#: Fixed probabilities are lowered by this much so float noise can never make the next
#: stage infeasible; it is far below the 1e-6 the results are checked to.
FIX_MARGIN = 1e-10
MAX_ROUNDS = 10_000
#: Extra pricing solves per round with shaded weights (see ``_more_panels``); only worth
#: it when there are many groups, i.e. people kept apart by households.
EXTRA_PANELS = 3
EXTRA_PANELS_MIN_GROUPS = 30
SHADE = 0.0
#: Weight kept by seated groups in :meth:`Pricer.more`.
SHADE_MORE = 0.7


def _no_progress(report: ProgressReport) -> None:
    return None


class Monitor:
    """Progress reports out, cancellation in: what a long run says and listens to."""

    def __init__(self, progress: Progress | None = None, cancel: Cancel | None = None) -> None:
        self._progress = progress or _no_progress
        self._cancel = cancel

    def report(
        self,
        stage: str,
        fraction: float,
        message: str,
        *,
        minimum: float | None = None,
        gap: float | None = None,
    ) -> None:
        fraction = min(1.0, max(0.0, fraction))
        self._progress(ProgressReport(stage, fraction, message, minimum, gap))

    def check(self) -> None:
        """Raise :class:`CancelledError` if the caller asked to stop."""
        if self._cancel is not None and self._cancel():
            raise CancelledError("the run was cancelled", code="cancelled")


class Pricer:
    """Finds improving panels: the LP relaxation first, integer programs only when needed.

    The pricing LP is often integral, and then its optimum *is* the IP's; when it is
    fractional a small IP over the groups it uses usually rounds it to a good panel.
    The full IP runs only when neither helps, which makes "no improving panel" a proof.
    """

    def __init__(self, problem: Problem) -> None:
        from wiec.sortition.solver import PanelOracle, PricingLP

        self.problem = problem
        self.lp = PricingLP(problem)
        self.ip = PanelOracle(problem)
        self.upper = problem.caps.astype(np.float64)
        self.ip_solves = 0

    def restrict(self, face) -> None:
        from wiec.sortition.solver import restrict

        restrict(self.lp.h, self.problem, face)
        restrict(self.ip.h, self.problem, face)
        self.upper = face.upper

    def improving(self, weights: np.ndarray, bound: float) -> list[np.ndarray]:
        """Panels with ``weights @ seats > bound``; an empty list proves there is none."""
        floor = bound + PRICING_EPS
        relaxed = self.lp.best(weights)
        if relaxed is not None:
            x, lp_value = relaxed
            if lp_value <= floor:
                return []  # the LP bound already says no panel is better
            counts = np.rint(x).astype(np.int64)
            if np.abs(x - counts).max() <= 1e-7 and self.problem.meets_quotas(counts):
                return [counts]  # integral: the IP's optimum too
            rounded = self.ip.best_within(weights, x > 1e-9, self.upper)
            if (
                rounded is not None
                and float(weights @ rounded) > floor
                and self.problem.meets_quotas(rounded)
            ):
                return [rounded]
        return self.exact(weights, bound)

    def more(self, weights: np.ndarray, bound: float, first: np.ndarray, count: int) -> list:
        """Up to ``count`` further improving panels, cheaply: LP pricing with the weights of
        groups already seated shaded, which steers it to panels seating other groups.
        Each is kept only if integral and improving under the true ``weights``."""
        floor = bound + PRICING_EPS
        shaded = np.asarray(weights, np.float64).copy()
        out = []
        seats = first
        for _ in range(count):
            shaded = np.where(seats > 0, shaded * SHADE_MORE, shaded)
            relaxed = self.lp.best(shaded)
            if relaxed is None:
                break
            x = relaxed[0]
            seats = np.rint(x).astype(np.int64)
            if np.abs(x - seats).max() > 1e-7:
                continue
            if float(weights @ seats) > floor and self.problem.meets_quotas(seats):
                out.append(seats)
        return out

    def exact(self, weights: np.ndarray, bound: float) -> list[np.ndarray]:
        """The pricing IP's optimum (and the other improving panels it met), if improving."""
        floor = bound + PRICING_EPS
        self.ip_solves += 1
        counts, value = self.ip.best(weights)
        found = [counts] if value > floor else []
        for other in self.ip.also_found():
            if float(weights @ other) > floor and self.problem.meets_quotas(other):
                found.append(other)
        return found


class ColumnGeneration:
    """The pricing IP, the dual LP and the panels found so far."""

    def __init__(self, problem: Problem, monitor: Monitor | None = None) -> None:
        from wiec.sortition.solver import DualLP

        self.problem = problem
        self.monitor = monitor or Monitor()
        self.pricer = Pricer(problem)
        self.oracle = self.pricer.ip
        self.dual = DualLP(problem.caps)
        self.panels: list[np.ndarray] = []
        self._seen: set[bytes] = set()
        self.rounds = 0

    def add(self, counts: np.ndarray) -> bool:
        key = counts.astype(np.int64).tobytes()
        if key in self._seen:
            return False
        self._seen.add(key)
        self.panels.append(counts.astype(np.int64))
        self.dual.add_panel(counts)
        return True

    def cover(self) -> np.ndarray:
        """Add panels until every group that can sit on some panel sits on one.

        Returns a mask of the groups that no valid panel contains (probability 0).
        Starting from a covering set spares the dual LP its first, useless rounds.
        """
        caps = self.problem.caps
        covered = np.zeros(len(caps), dtype=bool)
        while not covered.all():
            weights = np.where(covered, 0.0, 1.0 / caps)
            counts, _ = self.oracle.best(weights)
            newly = (counts > 0) & ~covered
            self.add(counts)
            if not newly.any():
                break
            covered |= counts > 0
        return ~covered

    def stage(self) -> tuple[float, np.ndarray]:
        """Solve one leximin stage to optimality; return its value and dual weights."""
        while True:
            self.monitor.check()
            self.rounds += 1
            obj, yhat, y = self.dual.solve()
            weights = y / self.problem.caps
            found = self.pricer.improving(weights, yhat)
            if not found or self.rounds > MAX_ROUNDS:
                return obj, y
            if not [c for c in found if self.add(c)]:
                # The solver proposed only panels it already has: the gap is float noise.
                return obj, y
            self._more_panels(weights, found[0], yhat)

    def _more_panels(self, weights: np.ndarray, first: np.ndarray, yhat: float) -> None:
        """Add a few more improving panels this round, as the reference's heuristic does.

        Weights of groups already seated are set to zero and the pricing IP is asked
        again, which steers it towards the other people the dual cares about; a panel
        is kept only if it beats the bound under the *true* weights. This trades a few
        IP solves for fewer LP rounds on degenerate (person-by-person) instances.
        """
        if self.problem.n_groups <= EXTRA_PANELS_MIN_GROUPS:
            return
        shaded = weights.copy()
        seats = first
        for _ in range(EXTRA_PANELS):
            shaded = shaded * np.where(seats > 0, SHADE, 1.0)
            seats, _ = self.oracle.best(shaded)
            if float(weights @ seats) <= yhat + PRICING_EPS or not self.add(seats):
                return

    def distribution(self, algorithm: str, targets: np.ndarray, started: float) -> Distribution:
        """Weights over the panels found that reach ``targets``; as a Distribution."""
        from wiec.sortition.solver import solve_primal

        weights = solve_primal(self.panels, self.problem.caps, targets)
        keep = weights > 1e-12
        panels = [self.panels[j] for j in np.flatnonzero(keep)]
        weights = weights[keep] / weights[keep].sum()
        return build_distribution(self.problem, algorithm, panels, weights, started)


def build_distribution(
    problem: Problem,
    algorithm: str,
    panels: list[np.ndarray],
    weights: np.ndarray,
    started: float,
    *,
    exact: bool = True,
) -> Distribution:
    """Turn weights over panels (seats per group) into per-person probabilities.

    Panels are sorted into a canonical order so the published distribution, and hence
    the lottery, does not depend on the order the solver happened to find them in.
    """
    order = sorted(range(len(panels)), key=lambda j: tuple(-int(n) for n in panels[j]))
    panels = [panels[j] for j in order]
    weights = np.asarray(weights, dtype=np.float64)[order]
    group_prob = (np.array(panels, dtype=np.float64) / problem.caps).T @ weights
    person_prob = group_prob[problem.group_of_person()]
    return Distribution(
        algorithm=algorithm,
        panel_size=problem.panel_size,
        person_ids=problem.pool.ids,
        probabilities=tuple(float(p) for p in person_prob),
        groups=problem.groups,
        panels=tuple(tuple(int(n) for n in p) for p in panels),
        panel_probabilities=tuple(float(w) for w in weights),
        seconds=time.perf_counter() - started,
        exact=exact,
    )
