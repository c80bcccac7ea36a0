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

import numpy as np

from wiec.sortition.model import Distribution
from wiec.sortition.problem import Problem

Progress = Callable[[float, str], None]

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


def _no_progress(fraction: float, message: str) -> None:
    return None


class ColumnGeneration:
    """The pricing IP, the dual LP and the panels found so far."""

    def __init__(self, problem: Problem, progress: Progress | None = None) -> None:
        from wiec.sortition.solver import DualLP, PanelOracle

        self.problem = problem
        self.progress = progress or _no_progress
        self.oracle = PanelOracle(problem)
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
            self.rounds += 1
            obj, yhat, y = self.dual.solve()
            counts, value = self.oracle.best(y / self.problem.caps)
            if value <= yhat + PRICING_EPS or self.rounds > MAX_ROUNDS:
                return obj, y
            if not self.add(counts):
                # HiGHS proposed a panel it already has: the gap is float noise.
                return obj, y
            weights = y / self.problem.caps
            for other in self.oracle.also_found():
                if float(weights @ other) > yhat + PRICING_EPS and self.problem.meets_quotas(other):
                    self.add(other)
            self._more_panels(weights, counts, yhat)

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
