"""Can the quotas be met, and if not, why not and what is the smallest fix?

The answer is data (codes and parameters, no prose the web app must parse) so the
panel coordinator sees, in Polish, *which* quotas clash and by how much to relax them.
Conflicts are a minimal set of quota bounds that cannot hold together with the panel
size (dropping any one of them makes a panel possible), found by a deletion filter
over the bounds; the relaxation is the change to minimums and maximums that moves
the fewest seats in total, found by one integer program.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from wiec.sortition.errors import InfeasibleQuotasError
from wiec.sortition.model import Pool, Quota
from wiec.sortition.problem import Problem, compile_problem
from wiec.sortition.solver import PanelOracle, smallest_relaxation

Bound = Literal["min", "max"]


@dataclass(frozen=True)
class QuotaBound:
    """One side of one quota: ``gender=female`` at least (``min``) ``limit``."""

    category: str
    value: str
    bound: Bound
    limit: int
    available: int  # people in the pool with this value

    def as_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "value": self.value,
            "bound": self.bound,
            "limit": self.limit,
            "available": self.available,
        }

    def describe(self) -> str:
        side = "at least" if self.bound == "min" else "at most"
        return f"{self.category}={self.value} {side} {self.limit} (pool has {self.available})"


@dataclass(frozen=True)
class Relaxation:
    """Change ``bound`` of quota ``category=value`` from ``old`` to ``new``."""

    category: str
    value: str
    bound: Bound
    old: int
    new: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "value": self.value,
            "bound": self.bound,
            "old": self.old,
            "new": self.new,
        }

    def describe(self) -> str:
        return f"{self.category}={self.value} {self.bound} {self.old}→{self.new}"


@dataclass(frozen=True)
class FeasibilityReport:
    """Outcome of :func:`check_feasibility`.

    ``code`` is ``"feasible"``, ``"infeasible_quotas"``, ``"panel_larger_than_pool"``
    or ``"too_few_households"``; ``params`` carries the numbers for the message.
    """

    feasible: bool
    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    conflicts: tuple[QuotaBound, ...] = ()
    relaxation: tuple[Relaxation, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "feasible": self.feasible,
            "code": self.code,
            "message": self.message,
            "params": self.params,
            "conflicts": [c.as_dict() for c in self.conflicts],
            "relaxation": [r.as_dict() for r in self.relaxation],
        }

    def relaxed_quotas(self, quotas: Sequence[Quota]) -> tuple[Quota, ...]:
        """The quotas with the relaxation applied (what the coordinator could accept)."""
        changes = {(r.category, r.value, r.bound): r.new for r in self.relaxation}
        return tuple(
            Quota(
                q.category,
                q.value,
                changes.get((q.category, q.value, "min"), q.min),
                changes.get((q.category, q.value, "max"), q.max),
            )
            for q in quotas
        )

    def raise_if_infeasible(self) -> None:
        if not self.feasible:
            raise InfeasibleQuotasError(self.message, code=self.code, params=self.as_dict())


def check_feasibility(pool: Pool, quotas: Sequence[Quota], panel_size: int) -> FeasibilityReport:
    """Whether a panel of ``panel_size`` meeting every quota exists in ``pool``.

    Malformed input raises :class:`~wiec.sortition.errors.InputError`; infeasibility is
    *returned*, because it is an answer, not an accident.
    """
    return analyse(compile_problem(pool, quotas, panel_size))


def analyse(problem: Problem) -> FeasibilityReport:
    k = problem.panel_size
    pool_size = len(problem.pool)
    if k > pool_size:
        return FeasibilityReport(
            False,
            "panel_larger_than_pool",
            f"the panel needs {k} people but the pool has only {pool_size}",
            {"panel_size": k, "pool_size": pool_size},
        )
    in_households = {g for hh in problem.households for g in hh}
    slots = sum(int(c) for g, c in enumerate(problem.caps) if g not in in_households)
    slots += len(problem.households)
    if k > slots:
        return FeasibilityReport(
            False,
            "too_few_households",
            f"the panel needs {k} people but the pool has only {slots} households",
            {"panel_size": k, "households": slots},
        )
    oracle = PanelOracle(problem)
    oracle.h.changeColsCost(
        problem.n_groups, np.arange(problem.n_groups, dtype=np.int32), np.zeros(problem.n_groups)
    )
    if oracle.feasible():
        return FeasibilityReport(True, "feasible", "the quotas can be met")
    conflicts = _minimal_conflict(problem, oracle)
    relaxed = smallest_relaxation(problem)
    relaxation: list[Relaxation] = []
    if relaxed is not None:
        lo, hi = relaxed
        for r, q in enumerate(problem.quotas):
            if lo[r] != q.min:
                relaxation.append(Relaxation(q.category, q.value, "min", q.min, int(lo[r])))
            if hi[r] != q.max:
                relaxation.append(Relaxation(q.category, q.value, "max", q.max, int(hi[r])))
    message = f"no panel of {k} meets these quotas together: " + "; ".join(
        c.describe() for c in conflicts
    )
    if relaxation:
        message += "; smallest relaxation: " + ", ".join(r.describe() for r in relaxation)
    return FeasibilityReport(
        False,
        "infeasible_quotas",
        message,
        {"panel_size": k},
        tuple(conflicts),
        tuple(relaxation),
    )


def _minimal_conflict(problem: Problem, oracle: PanelOracle) -> list[QuotaBound]:
    """Deletion filter: drop each bound in turn and keep it dropped if still infeasible.

    What remains cannot be met together, and dropping any single one of them fixes it.
    """
    k = problem.panel_size
    available = problem.pool_counts
    lo = problem.lo.astype(np.float64)
    hi = problem.hi.astype(np.float64)
    candidates: list[tuple[int, Bound]] = []
    for r in range(len(problem.quotas)):
        if lo[r] > 0:
            candidates.append((r, "min"))
        if hi[r] < min(k, available[r]):
            candidates.append((r, "max"))
    kept: list[tuple[int, Bound]] = []
    for r, bound in candidates:
        old = lo[r] if bound == "min" else hi[r]
        if bound == "min":
            lo[r] = 0
        else:
            hi[r] = k
        oracle.set_quota_bounds(lo, hi)
        if oracle.feasible():
            kept.append((r, bound))
            if bound == "min":
                lo[r] = old
            else:
                hi[r] = old
    oracle.set_quota_bounds(problem.lo, problem.hi)
    out = []
    for r, bound in kept:
        q = problem.quotas[r]
        limit = q.min if bound == "min" else q.max
        out.append(QuotaBound(q.category, q.value, bound, limit, int(available[r])))
    return out
