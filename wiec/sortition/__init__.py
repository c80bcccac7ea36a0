"""Fair sortition: draw a citizens' panel (``CitizensPanel``) that meets quotas.

Public API (everything the web app and the CLI need)::

    check_feasibility(pool, quotas, panel_size) -> FeasibilityReport
    find_distribution(pool, quotas, panel_size, *, algorithm="leximin", progress=None,
                      cancel=None) -> Distribution
    draw(pool, quotas, panel_size, *, seed, algorithm="leximin", reserves=0, progress=None,
         cancel=None) -> Draw
    verify_draw(record, pool, quotas) -> bool

``pool`` is a :class:`Pool` of :class:`Person` (id, features, optional household key),
``quotas`` a sequence of :class:`Quota` (category, value, min, max). Errors are
:class:`SortitionError` subclasses with ``code`` and ``params``. ``progress`` is called
with a :class:`ProgressReport` (stage code, fraction done, current minimum, gap) for a
background task's progress bar; ``cancel`` is asked between iterations and, when it
returns True, the run stops with :class:`CancelledError` (code ``cancelled``).

No Django here, and HiGHS is only imported when a solver actually runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import metadata

from wiec.sortition.colgen import Cancel, Progress, ProgressReport
from wiec.sortition.errors import (
    CancelledError,
    InfeasibleQuotasError,
    InputError,
    SolverError,
    SortitionError,
)
from wiec.sortition.feasibility import FeasibilityReport, QuotaBound, Relaxation, analyse
from wiec.sortition.feasibility import check_feasibility as check_feasibility
from wiec.sortition.model import Distribution, Draw, Person, Pool, Quota
from wiec.sortition.problem import Problem, compile_problem

#: Bumped whenever a change could alter a distribution or a drawn panel.
ENGINE_VERSION = "1.2"
ALGORITHMS = ("leximin", "maximin", "legacy")

__all__ = [
    "ALGORITHMS",
    "ENGINE_VERSION",
    "Cancel",
    "CancelledError",
    "Distribution",
    "Draw",
    "FeasibilityReport",
    "InfeasibleQuotasError",
    "InputError",
    "Person",
    "Pool",
    "Progress",
    "ProgressReport",
    "Quota",
    "QuotaBound",
    "Relaxation",
    "SolverError",
    "SortitionError",
    "check_feasibility",
    "draw",
    "find_distribution",
    "verify_draw",
    "version",
]


def version() -> str:
    """What produced a draw: this engine and the HiGHS build (recorded in :class:`Draw`)."""
    try:
        highs = metadata.version("highspy")
    except metadata.PackageNotFoundError:  # pragma: no cover
        highs = "unknown"
    return f"wiec.sortition {ENGINE_VERSION}; highspy {highs}"


def _check_algorithm(algorithm: str) -> None:
    if algorithm not in ALGORITHMS:
        raise InputError(
            f"unknown algorithm {algorithm!r} (choose one of {', '.join(ALGORITHMS)})",
            code="unknown_algorithm",
            params={"algorithm": algorithm, "choices": list(ALGORITHMS)},
        )


def _solve(
    problem: Problem, algorithm: str, progress: Progress | None, cancel: Cancel | None = None
) -> Distribution:
    analyse(problem).raise_if_infeasible()
    if algorithm == "leximin":
        from wiec.sortition.leximin import find_leximin

        return find_leximin(problem, progress, cancel)
    if algorithm == "maximin":
        from wiec.sortition.maximin import find_maximin

        return find_maximin(problem, progress, cancel)
    from wiec.sortition.legacy import estimate_legacy

    return estimate_legacy(problem, progress=progress)


def find_distribution(
    pool: Pool,
    quotas: Sequence[Quota],
    panel_size: int,
    *,
    algorithm: str = "leximin",
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Distribution:
    """The lottery over panels and each person's selection probability.

    Raises :class:`InputError` for malformed input and :class:`InfeasibleQuotasError`
    (with the conflicting quotas and the smallest relaxation in ``params``) when no
    panel meets the quotas. For ``legacy`` the probabilities are estimates.
    """
    _check_algorithm(algorithm)
    return _solve(compile_problem(pool, quotas, panel_size), algorithm, progress, cancel)


def draw(
    pool: Pool,
    quotas: Sequence[Quota],
    panel_size: int,
    *,
    seed: str,
    algorithm: str = "leximin",
    reserves: int = 0,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Draw:
    """Find the distribution, then draw the panel and reserves with the public ``seed``.

    The seed should be fixed and announced before the draw (e.g. digits drawn in
    public); the same inputs and seed give the same panel on any machine (see
    :mod:`wiec.sortition.lottery` for the procedure).
    """
    from wiec.sortition.lottery import draw_reserves, inputs_hash, run_lottery, seat_people

    _check_algorithm(algorithm)
    if isinstance(reserves, bool) or not isinstance(reserves, int) or reserves < 0:
        raise InputError(
            f"reserves must be a whole number ≥ 0, not {reserves!r}",
            code="bad_reserves",
            params={"reserves": reserves},
        )
    seed = str(seed)
    problem = compile_problem(pool, quotas, panel_size)
    distribution = _solve(problem, algorithm, progress, cancel)
    if algorithm == "legacy":
        # LEGACY is itself the draw; its estimated distribution is only for comparison.
        from wiec.sortition.legacy import legacy_panel

        seats = tuple(int(n) for n in legacy_panel(problem, seed))
        j = distribution.panels.index(seats) if seats in distribution.panels else -1
        one = Distribution(
            "legacy",
            panel_size,
            distribution.person_ids,
            distribution.probabilities,
            distribution.groups,
            (seats,),
            (1.0,),
            distribution.seconds,
            exact=False,
        )
        panel = seat_people(one, 0, seed)
        reserve_list = draw_reserves(pool, panel, seed, reserves)
    else:
        j, panel, reserve_list = run_lottery(distribution, pool, seed, reserves)
    ids = pool.ids
    return Draw(
        algorithm=algorithm,
        version=version(),
        inputs_hash=inputs_hash(pool, quotas, panel_size),
        seed=seed,
        panel_size=panel_size,
        panel=panel,
        panel_ids=tuple(ids[i] for i in panel),
        reserves=reserve_list,
        reserve_ids=tuple(ids[i] for i in reserve_list),
        drawn_panel=j,
        distribution=distribution,
    )


def verify_draw(record: Draw, pool: Pool, quotas: Sequence[Quota]) -> bool:
    """Re-run the lottery from the published record: same inputs, same panel, same reserves.

    Needs no solver: it checks the inputs hash, that the drawn panel meets the quotas,
    and repeats steps 2–4 of the lottery on the recorded distribution.
    """
    from wiec.sortition.lottery import inputs_hash, run_lottery

    if record.inputs_hash != inputs_hash(pool, quotas, record.panel_size):
        return False
    problem = compile_problem(pool, quotas, record.panel_size)
    counts = [0] * problem.n_groups
    group_of = problem.group_of_person()
    for i in record.panel:
        counts[group_of[i]] += 1
    if not problem.meets_quotas(counts):
        return False
    if record.algorithm == "legacy":
        return True  # the greedy run is re-done by draw(); nothing more to replay here
    j, panel, reserve_list = run_lottery(
        record.distribution, pool, record.seed, len(record.reserves)
    )
    return (j, panel, reserve_list) == (record.drawn_panel, record.panel, record.reserves)
