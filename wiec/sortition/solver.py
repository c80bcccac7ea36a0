"""The only module that talks to HiGHS (highspy), imported lazily.

``import highspy`` loads a native library; keeping it inside functions means that
importing :mod:`wiec.sortition` (for the data model, the CSV reader or the lottery
check) costs nothing, and the web app only pays for the solver in the background task
that draws a panel.

Every model here runs single-threaded with a fixed random seed, so the same inputs give
the same distribution with the same HiGHS version; the lottery itself does not depend
on that (it reads the published distribution, see :mod:`wiec.sortition.lottery`).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from wiec.sortition.errors import SolverError
from wiec.sortition.problem import Problem

_STDOUT_LOCK = threading.Lock()


def _flush_c_stdio() -> None:
    """Flush the C library's stdout buffer, where native code's ``printf`` text waits."""
    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(None).fflush(None)


@contextlib.contextmanager
def _native_stdout_silenced() -> Iterator[None]:
    """Send whatever native code writes to file descriptor 1 meanwhile to ``/dev/null``.

    HiGHS (1.16 and later) prints a licence banner from its C++ constructor, before any
    option can be set; our CLI promises exactly one JSON object on standard output, and
    the web app's worker must not print either. Python-level redirection cannot catch a
    native ``printf``, so the descriptor itself is pointed elsewhere, and the C buffer
    flushed before it is pointed back, or the banner would come out later.
    """
    try:
        saved = os.dup(1)
    except OSError:  # no standard output at all: nothing to protect
        yield
        return
    with _STDOUT_LOCK:
        sys.stdout.flush()
        _flush_c_stdio()
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 1)
            yield
        finally:
            _flush_c_stdio()
            os.dup2(saved, 1)
            os.close(devnull)
            os.close(saved)


def _quiet_highs() -> Any:
    """A HiGHS instance that has printed nothing and will print nothing."""
    import highspy

    with _native_stdout_silenced():
        h = highspy.Highs()
        h.silent()
    return h


def highs_version() -> str:
    return _quiet_highs().version()


def _new_highs() -> Any:
    h = _quiet_highs()
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("threads", 1)
    return h


def _status_ok(h: Any) -> bool:
    import highspy

    return h.getModelStatus() == highspy.HighsModelStatus.kOptimal


def _status_infeasible(h: Any) -> bool:
    import highspy

    return h.getModelStatus() in (
        highspy.HighsModelStatus.kInfeasible,
        highspy.HighsModelStatus.kUnboundedOrInfeasible,
    )


def _fail(what: str, h: Any) -> SolverError:
    status = h.modelStatusToString(h.getModelStatus())
    return SolverError(
        f"the solver failed while {what} (HiGHS status: {status})",
        code="solver_failed",
        params={"step": what, "status": status},
    )


def _add_rows(h: Any, matrix: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> None:
    """Add dense rows to a HiGHS model as sparse rows."""
    starts, indices, values = [], [], []
    for row in matrix:
        starts.append(len(indices))
        nz = np.flatnonzero(row)
        indices.extend(nz.tolist())
        values.extend(row[nz].tolist())
    h.addRows(
        len(matrix),
        np.asarray(lower, dtype=np.float64),
        np.asarray(upper, dtype=np.float64),
        len(indices),
        np.asarray(starts, dtype=np.int32),
        np.asarray(indices, dtype=np.int32),
        np.asarray(values, dtype=np.float64),
    )


class PanelOracle:
    """Integer program over panels: seats per group, panel size, quotas, households.

    One model is built once; only its objective (pricing) or quota bounds (feasibility
    analysis) change between solves, so HiGHS never re-reads the whole instance.
    """

    def __init__(self, problem: Problem) -> None:
        import highspy

        self.problem = problem
        g = problem.n_groups
        self.h = h = _new_highs()
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("mip_abs_gap", 1e-10)
        # Keep every improving solution HiGHS meets on its way to the optimum: they are
        # often improving panels too, and adding them costs no extra solve.
        h.setOptionValue("mip_improving_solution_save", True)
        h.addVars(g, np.zeros(g), problem.caps.astype(np.float64))
        h.changeColsIntegrality(
            g, np.arange(g, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * g)
        )
        # Row 0: the panel size; rows 1..Q: quotas; then one row per shared household.
        k = float(problem.panel_size)
        _add_rows(h, np.ones((1, g), dtype=np.int64), np.array([k]), np.array([k]))
        _add_rows(h, problem.matrix, problem.lo, problem.hi)
        if problem.households:
            hh = np.zeros((len(problem.households), g), dtype=np.int64)
            for r, members in enumerate(problem.households):
                hh[r, list(members)] = 1
            _add_rows(h, hh, np.full(len(hh), -highspy.kHighsInf), np.ones(len(hh)))
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)

    def _counts(self) -> np.ndarray:
        x = np.asarray(self.h.getSolution().col_value)
        return np.rint(x).astype(np.int64)

    def best(self, weights: np.ndarray) -> tuple[np.ndarray, float]:
        """The panel maximising ``weights @ seats``, and that value (recomputed exactly)."""
        g = self.problem.n_groups
        self.h.changeColsCost(g, np.arange(g, dtype=np.int32), np.asarray(weights, np.float64))
        self.h.run()
        if not _status_ok(self.h):
            raise _fail("searching for a panel", self.h)
        counts = self._counts()
        return counts, float(np.dot(weights, counts))

    def best_within(
        self, weights: np.ndarray, allowed: np.ndarray, upper: np.ndarray
    ) -> np.ndarray | None:
        """Like :meth:`best` with only the ``allowed`` groups (a small, fast IP), or ``None``.

        ``upper`` is the column bounds to restore afterwards (the face, or the caps).
        """
        g = self.problem.n_groups
        idx = np.arange(g, dtype=np.int32)
        lower = np.asarray(self.h.getLp().col_lower_)
        self.h.changeColsBounds(g, idx, lower, np.where(allowed, upper, np.minimum(lower, 0.0)))
        self.h.changeColsCost(g, idx, np.asarray(weights, np.float64))
        self.h.run()
        ok = _status_ok(self.h)
        counts = self._counts() if ok else None
        self.h.changeColsBounds(g, idx, lower, upper)
        return counts

    def also_found(self) -> list[np.ndarray]:
        """The other integer solutions of the last :meth:`best` (seats per group)."""
        return [
            np.rint(np.asarray(sol.col_value)).astype(np.int64)
            for sol in self.h.getSavedMipSolutions()
        ]

    def set_quota_bounds(self, lo: Sequence[float], hi: Sequence[float]) -> None:
        q = len(self.problem.quotas)
        self.h.changeRowsBounds(
            q,
            np.arange(1, q + 1, dtype=np.int32),
            np.asarray(lo, dtype=np.float64),
            np.asarray(hi, dtype=np.float64),
        )

    def feasible(self) -> bool:
        """Whether some panel meets the current bounds (objective is left as is)."""
        self.h.run()
        if _status_ok(self.h):
            return True
        if _status_infeasible(self.h):
            return False
        raise _fail("checking the quotas", self.h)


def smallest_relaxation(problem: Problem) -> tuple[np.ndarray, np.ndarray] | None:
    """The quota bounds nearest to the given ones (fewest seats moved) that admit a panel.

    Minimises the total amount by which minimums are lowered and maximums raised; size,
    pool and households stay fixed. ``None`` when no relaxation of quotas can help (the
    panel is larger than the pool, or than the number of households).
    """
    import highspy

    g, q = problem.n_groups, len(problem.quotas)
    h = _new_highs()
    h.setOptionValue("mip_rel_gap", 0.0)
    # Columns: seats per group, then q "lower the min" slacks, then q "raise the max" slacks.
    n = g + 2 * q
    caps, lo = problem.caps.astype(np.float64), problem.lo.astype(np.float64)
    upper = np.concatenate([caps, lo, np.full(q, float(problem.panel_size))])
    h.addVars(n, np.zeros(n), upper)
    h.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n)
    )
    cost = np.concatenate([np.zeros(g), np.ones(2 * q)])
    h.changeColsCost(n, np.arange(n, dtype=np.int32), cost)
    k = float(problem.panel_size)
    size_row = np.concatenate([np.ones(g), np.zeros(2 * q)])[None, :]
    _add_rows(h, size_row, np.array([k]), np.array([k]))
    eye = np.eye(q)
    lower_rows = np.hstack([problem.matrix, eye, np.zeros((q, q))])  # A n + s_min >= lo
    upper_rows = np.hstack([problem.matrix, np.zeros((q, q)), -eye])  # A n - s_max <= hi
    _add_rows(h, lower_rows, problem.lo, np.full(q, highspy.kHighsInf))
    _add_rows(h, upper_rows, np.full(q, -highspy.kHighsInf), problem.hi)
    if problem.households:
        hh = np.zeros((len(problem.households), n))
        for r, members in enumerate(problem.households):
            hh[r, list(members)] = 1
        _add_rows(h, hh, np.full(len(hh), -highspy.kHighsInf), np.ones(len(hh)))
    h.changeObjectiveSense(highspy.ObjSense.kMinimize)
    h.run()
    if _status_infeasible(h):
        return None
    if not _status_ok(h):
        raise _fail("relaxing the quotas", h)
    x = np.rint(np.asarray(h.getSolution().col_value)).astype(np.int64)
    return problem.lo - x[g : g + q], problem.hi + x[g + q :]


class DualLP:
    """The restricted dual LP of one leximin stage, kept alive across the whole run.

    Columns: ``ŷ`` (index 0) and one ``y_g`` per group (the summed dual weight of its
    members). Rows: row 0 is ``Σ_{g free} y_g = 1``; every other row is a panel ``P``:
    ``Σ_g y_g · n_g(P) / cap_g − ŷ ≤ 0``. Objective: ``min ŷ − Σ_{g fixed} v_g y_g``.
    Panels are appended as rows and fixing a group only edits row 0 and the objective,
    so each solve warm-starts from the last basis (dual simplex).
    """

    def __init__(self, caps: np.ndarray) -> None:
        import highspy

        self.inf = highspy.kHighsInf
        self.caps = caps.astype(np.float64)
        g = len(caps)
        self.n = g
        self.h = h = _new_highs()
        # Tight tolerances: the fixed probabilities feed the next stage, and the issue
        # asks for the exact optimum (10.0% to 1e-6), not HiGHS's default 1e-7 slack.
        h.setOptionValue("primal_feasibility_tolerance", 1e-9)
        h.setOptionValue("dual_feasibility_tolerance", 1e-9)
        h.addVars(g + 1, np.zeros(g + 1), np.full(g + 1, highspy.kHighsInf))
        h.changeColsCost(1, np.array([0], dtype=np.int32), np.array([1.0]))
        _add_rows(h, np.concatenate([[0.0], np.ones(g)])[None, :], np.array([1.0]), np.array([1.0]))
        h.changeObjectiveSense(highspy.ObjSense.kMinimize)

    def add_panel(self, counts: np.ndarray) -> None:
        coeffs = np.concatenate([[-1.0], counts / self.caps])
        nz = np.flatnonzero(coeffs)
        self.h.addRow(-self.inf, 0.0, len(nz), nz.astype(np.int32), coeffs[nz])

    def fix(self, fixed: dict[int, float]) -> None:
        """Make the groups in ``fixed`` fixed at their values (objective and row 0)."""
        for g, v in fixed.items():
            self.h.changeColCost(g + 1, -float(v))
            self.h.changeCoeff(0, g + 1, 0.0)

    def solve(self) -> tuple[float, float, np.ndarray]:
        """Solve; return (objective, ŷ, y)."""
        self.h.run()
        if not _status_ok(self.h):
            raise _fail("solving the leximin dual", self.h)
        x = np.asarray(self.h.getSolution().col_value)
        return float(self.h.getInfo().objective_function_value), float(x[0]), x[1:].copy()


def solve_primal(panels: list[np.ndarray], caps: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Weights over ``panels`` giving every group at least its target probability.

    Minimises the largest shortfall ``ε`` (0 up to solver tolerance when the targets
    came from the dual stages). Returns the weights, clipped and normalised to sum 1.
    """
    import highspy

    m, g = len(panels), len(caps)
    h = _new_highs()
    # As tight as the targets: with the default 1e-7 a probability could come out that
    # much below its target, which is more than the leximin stopping rule allows.
    h.setOptionValue("primal_feasibility_tolerance", 1e-10)
    h.setOptionValue("dual_feasibility_tolerance", 1e-10)
    h.addVars(m + 1, np.zeros(m + 1), np.full(m + 1, highspy.kHighsInf))
    h.changeColsCost(1, np.array([m], dtype=np.int32), np.array([1.0]))
    shares = np.array(panels, dtype=np.float64) / caps.astype(np.float64)  # m x g
    rows = np.zeros((g + 1, m + 1))
    rows[0, :m] = 1.0
    rows[1:, :m] = shares.T
    rows[1:, m] = 1.0  # π_g + ε ≥ target_g
    lower = np.concatenate([[1.0], targets])
    upper = np.concatenate([[1.0], np.full(g, highspy.kHighsInf)])
    _add_rows(h, rows, lower, upper)
    h.changeObjectiveSense(highspy.ObjSense.kMinimize)
    h.run()
    if not _status_ok(h):
        raise _fail("solving for the panel weights", h)
    p = np.clip(np.asarray(h.getSolution().col_value)[:m], 0.0, None)
    return p / p.sum()


def _panel_rows(h: Any, problem: Problem, scale: np.ndarray, extra_cols: int = 0) -> None:
    """Panel size, quota and household rows over ``scale``-weighted group columns."""
    import highspy

    pad = np.zeros(extra_cols)
    k = float(problem.panel_size)
    _add_rows(h, np.concatenate([scale, pad])[None, :], np.array([k]), np.array([k]))
    quota_rows = np.hstack([problem.matrix * scale, np.zeros((len(problem.quotas), extra_cols))])
    _add_rows(h, quota_rows, problem.lo, problem.hi)
    if problem.households:
        hh = np.zeros((len(problem.households), problem.n_groups + extra_cols))
        for r, members in enumerate(problem.households):
            hh[r, list(members)] = scale[list(members)]
        _add_rows(h, hh, np.full(len(hh), -highspy.kHighsInf), np.ones(len(hh)))


def relaxed_leximin(problem: Problem, fix_eps: float, margin: float) -> np.ndarray:
    """LEXIMIN over the LP relaxation of the panel polytope: group probabilities.

    Variables are the group probabilities ``π_g`` (expected seats ``cap_g π_g``) and
    ``t``; the rows are the panel's own (size, quotas, households) on expected seats,
    plus ``π_g − t ≥ 0`` for every group still free. Each stage maximises ``t`` and
    fixes the free groups whose row has a positive dual (they sit at ``t`` in every
    optimum). The relaxation contains every lottery over panels, so this is an upper
    bound in the leximin order; :mod:`wiec.sortition.leximin` then proves it reachable.
    """
    import highspy

    inf = highspy.kHighsInf
    g = problem.n_groups
    caps = problem.caps.astype(np.float64)
    h = _new_highs()
    h.setOptionValue("primal_feasibility_tolerance", 1e-10)
    h.setOptionValue("dual_feasibility_tolerance", 1e-10)
    h.addVars(g + 1, np.zeros(g + 1), np.concatenate([np.ones(g), [inf]]))
    h.changeColCost(g, 1.0)
    _panel_rows(h, problem, caps, extra_cols=1)
    base = h.getNumRow()
    floor_rows = np.hstack([np.eye(g), -np.ones((g, 1))])
    _add_rows(h, floor_rows, np.zeros(g), np.full(g, inf))
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    fixed = np.full(g, np.nan)
    while np.isnan(fixed).any():
        h.run()
        if not _status_ok(h):
            raise _fail("solving the relaxed leximin", h)
        solution = h.getSolution()
        t = float(solution.col_value[g])
        dual = np.abs(np.asarray(solution.row_dual)[base:])
        free = np.isnan(fixed)
        stuck = np.flatnonzero(free & (dual > fix_eps))
        if len(stuck) == 0:
            stuck = np.array([int(np.argmax(np.where(free, dual, -1.0)))])
        value = max(0.0, t - margin)
        for group in stuck:
            fixed[group] = value
            h.changeCoeff(base + int(group), g, 0.0)
            h.changeRowBounds(base + int(group), value, inf)
    return fixed


class PricingLP:
    """The LP relaxation of :class:`PanelOracle`: cheap, and often already integral."""

    def __init__(self, problem: Problem) -> None:
        import highspy

        self.problem = problem
        g = problem.n_groups
        self.h = h = _new_highs()
        h.setOptionValue("simplex_strategy", 4)  # primal: a cost change keeps the basis
        h.addVars(g, np.zeros(g), problem.caps.astype(np.float64))
        _panel_rows(h, problem, np.ones(g))
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)

    def best(self, weights: np.ndarray) -> tuple[np.ndarray, float] | None:
        """The LP optimum (seats per group, maybe fractional) and its value, or ``None``."""
        g = self.problem.n_groups
        self.h.changeColsCost(g, np.arange(g, dtype=np.int32), np.asarray(weights, np.float64))
        self.h.run()
        if not _status_ok(self.h):
            return None
        x = np.asarray(self.h.getSolution().col_value)
        return x, float(self.h.getInfo().objective_function_value)


def restrict(h: Any, problem: Problem, face: Face) -> None:
    """Limit a panel model (IP or LP) to the panels on ``face``."""
    g, q = problem.n_groups, len(problem.quotas)
    h.changeColsBounds(g, np.arange(g, dtype=np.int32), face.lower, face.upper)
    h.changeRowsBounds(q, np.arange(1, q + 1, dtype=np.int32), face.quota_lo, face.quota_hi)
    if problem.households:
        n = len(problem.households)
        h.changeRowsBounds(
            n, np.arange(q + 1, q + 1 + n, dtype=np.int32), face.household_lo, np.ones(n)
        )


class Face:
    """Bounds that every panel in an exact decomposition of a target must meet.

    A bound of the relaxation that the target meets with equality is met with
    equality by every panel with positive probability (the target is their average,
    and none can cross the bound), so the search may be confined to them.
    """

    def __init__(self, problem: Problem, seats: np.ndarray, tol: float = 1e-7) -> None:
        caps = problem.caps.astype(np.float64)
        self.lower = np.where(seats >= caps - tol, caps, 0.0)
        self.upper = np.where(seats <= tol, 0.0, caps)
        per_quota = problem.matrix @ seats
        lo, hi = problem.lo.astype(np.float64), problem.hi.astype(np.float64)
        self.quota_lo = np.where(per_quota >= hi - tol, hi, lo)
        self.quota_hi = np.where(per_quota <= lo + tol, lo, hi)
        n = len(problem.households)
        self.household_lo = np.zeros(n)
        for r, members in enumerate(problem.households):
            if seats[list(members)].sum() >= 1 - tol:
                self.household_lo[r] = 1.0


class Decomposition:
    """Weights over panels whose average is a target: ``Σ λ_P n(P) + s ≥ target``.

    Minimises the total shortfall in probability, ``Σ s_g / cap_g`` (``s_g`` in seats),
    so a group of one counts as much as a group of twenty short by the same chance, and
    the stopping rule (the largest ``s_g / cap_g``) is what the objective pushes down.
    One column per panel, so
    adding a panel keeps the basis primal feasible and the primal simplex restarts
    from it. The duals ``y_g`` (and ``μ`` of ``Σ λ = 1``) price new panels: a panel
    helps when ``y · n(P) > −μ``.
    """

    def __init__(self, target_seats: np.ndarray, caps: np.ndarray) -> None:
        import highspy

        self.inf = highspy.kHighsInf
        g = len(target_seats)
        self.n = g
        self.caps = caps.astype(np.float64)
        self.h = h = _new_highs()
        h.setOptionValue("simplex_strategy", 4)
        h.setOptionValue("presolve", "off")
        h.setOptionValue("primal_feasibility_tolerance", 1e-10)
        h.setOptionValue("dual_feasibility_tolerance", 1e-10)
        h.addVars(g, np.zeros(g), np.full(g, self.inf))
        h.changeColsCost(g, np.arange(g, dtype=np.int32), 1.0 / self.caps)
        _add_rows(h, np.zeros((1, g)), np.array([1.0]), np.array([1.0]))
        _add_rows(h, np.eye(g), np.asarray(target_seats, np.float64), np.full(g, self.inf))
        h.changeObjectiveSense(highspy.ObjSense.kMinimize)

    def add_panel(self, counts: np.ndarray) -> None:
        col = np.concatenate([[1.0], counts.astype(np.float64)])
        nz = np.flatnonzero(col)
        self.h.addCol(0.0, 0.0, self.inf, len(nz), nz.astype(np.int32), col[nz])

    def solve(self) -> tuple[float, float, float, np.ndarray]:
        """Solve; return (seats short in all, largest probability short, μ, y)."""
        self.h.run()
        if not _status_ok(self.h):
            raise _fail("decomposing the relaxed leximin", self.h)
        solution = self.h.getSolution()
        short = np.clip(np.asarray(solution.col_value)[: self.n], 0.0, None)
        worst = float(np.max(short / self.caps, initial=0.0))
        duals = np.asarray(solution.row_dual)
        return float(short.sum()), worst, float(duals[0]), duals[1:].copy()
