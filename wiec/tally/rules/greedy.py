"""The greedy rules Polish cities use: rank by votes, fund what fits.

``greedy``            every project in turn, funded if it still fits (skipping those
                      that do not);
``greedy-no-skip``    stop at the first project that does not fit;
``greedy-poznan``     Poznań's ``greedy-custom``: no-skip, then the project it stopped at
                      is still funded when what is left covers at least 80% of its cost,
                      the rest coming from the city's reserve (``selected=2`` in pabulib).

Projects are ranked by score: the number of votes for approval and choose-1 ballots, the
points for cumulative, scoring and ordinal ones.  ``min_project_score_threshold`` applies
whenever the election has one, whatever the rule is called: the files of cities that use
a threshold name their rule ``greedy`` as often as ``greedy-threshold``.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from ..model import Election, Outcome, ProjectResult, Status
from ._common import conflicts, ranking, result_row

#: Share of a project's cost that must be left for Poznań's reserve to pay the rest.
POZNAN_RESERVE_SHARE = Fraction(8, 10)


def greedy(
    election: Election,
    *,
    tie_break: Sequence[str],
    skip: bool = True,
    reserve_share: Fraction | None = None,
    rule: str = "greedy",
) -> Outcome:
    """Count ``election`` with a greedy rule (see the module docstring)."""
    arrays = election.arrays()
    key = arrays.score
    order = ranking(election, arrays, tie_break, key.tolist())
    threshold = election.min_project_score_threshold
    excluded_by = conflicts(election)
    left = election.budget
    selected: list[str] = []
    rows: dict[int, ProjectResult] = {}
    stopped = False
    excluded: dict[int, str] = {}
    reserve_total = 0
    for j in order:
        project = election.projects[j]
        if threshold is not None and key[j] < threshold:
            rows[j] = result_row(
                election,
                arrays,
                j,
                Status.BELOW_THRESHOLD,
                "below-threshold",
                {"threshold": threshold},
            )
            continue
        if j in excluded:
            rows[j] = result_row(
                election, arrays, j, Status.EXCLUDED, "excluded-conflict", {"other": excluded[j]}
            )
            continue
        if stopped:
            rows[j] = result_row(election, arrays, j, Status.NOT_FUNDED, "stopped")
            continue
        if project.cost <= left:
            left -= project.cost
            selected.append(project.id)
            rows[j] = result_row(
                election, arrays, j, Status.SELECTED, "selected", rank=len(selected)
            )
        elif reserve_share is not None and left >= reserve_share * project.cost:
            reserve = project.cost - left
            reserve_total += reserve
            selected.append(project.id)
            rows[j] = result_row(
                election,
                arrays,
                j,
                Status.SELECTED,
                "selected-reserve",
                {"left": left, "reserve": reserve},
                rank=len(selected),
                funded_from_reserve=reserve,
            )
            left = 0
            stopped = True
            continue
        else:
            rows[j] = result_row(
                election,
                arrays,
                j,
                Status.NOT_FUNDED,
                "stopped" if stopped else "did-not-fit",
                {"left": left},
            )
            if not skip or reserve_share is not None:
                stopped = True
            continue
        for k in excluded_by.get(j, ()):
            excluded.setdefault(k, project.id)
    spent = sum(election.projects[election.project_index[pid]].cost for pid in selected)
    return Outcome(
        rule=rule,
        budget=election.budget,
        spent=spent,
        selected=tuple(selected),
        results=tuple(rows[j] for j in order),
        tie_break=tuple(tie_break),
        money_scale=election.money_scale,
        details={"reserve_used": reserve_total} if reserve_share is not None else {},
    )
