"""Sequential Phragmén for approval ballots.

Every winner's cost is spread as load over its supporters so that the highest load is as
low as possible: in each round the project reaching the lowest new load
``(cost + load of its supporters) / supporters`` wins and its supporters' loads are set
to that value.  The rule stops at the first winner that would overspend the budget, as
in pabutools (projects dearer than the whole budget never take part).  Loads are floats;
loads within ``TIE_TOLERANCE`` are a tie, broken by the named tie-break.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ..errors import RuleError
from ..model import Election, Outcome, ProjectResult, Status, VoteType
from ..tiebreak import sort_key
from ._common import conflicts, result_row

TIE_TOLERANCE = 1e-9


def phragmen(election: Election, *, tie_break: Sequence[str]) -> Outcome:
    """Count an approval (or choose-1) election with sequential Phragmén."""
    if election.vote_type not in (VoteType.APPROVAL, VoteType.CHOOSE_1):
        raise RuleError(
            "sequential Phragmén needs approval ballots",
            code="unsupported_vote_type",
            params={"rule": "phragmen", "vote_type": str(election.vote_type)},
        )
    arrays = election.arrays()
    m = len(election.projects)
    cost = np.array([p.cost for p in election.projects], dtype=np.float64)
    load = np.zeros(len(arrays.weight))
    weights = [arrays.weight[s].astype(np.float64) for s in arrays.supporters]
    keys = [
        sort_key(
            tie_break,
            index=j,
            votes=int(arrays.votes[j]),
            cost=int(cost[j]),
            project_id=election.projects[j].id,
        )
        for j in range(m)
    ]
    excluded_by = conflicts(election)
    alive = {j for j in range(m) if arrays.votes[j] > 0 and cost[j] <= election.budget}
    winners: list[int] = []
    spent = 0
    excluded: dict[int, str] = {}
    while alive:
        best, tied = math.inf, []
        for j in sorted(alive):
            s = arrays.supporters[j]
            new = (cost[j] + float((weights[j] * load.take(s)).sum())) / float(arrays.votes[j])
            if new < best * (1 - TIE_TOLERANCE):
                best, tied = new, [j]
            elif new <= best * (1 + TIE_TOLERANCE):
                tied.append(j)
                best = min(best, new)
        winner = min(tied, key=lambda k: keys[k])
        if spent + cost[winner] > election.budget:
            break
        winners.append(winner)
        spent += int(cost[winner])
        load[arrays.supporters[winner]] = best
        alive.discard(winner)
        for k in excluded_by.get(winner, ()):
            if k in alive:
                alive.discard(k)
                excluded[k] = election.projects[winner].id
    rows: dict[int, ProjectResult] = {}
    for rank, j in enumerate(winners, start=1):
        rows[j] = result_row(
            election, arrays, j, Status.SELECTED, "phragmen-selected", {"round": rank}, rank=rank
        )
    for j in range(m):
        if j in rows:
            continue
        if j in excluded:
            rows[j] = result_row(
                election, arrays, j, Status.EXCLUDED, "excluded-conflict", {"other": excluded[j]}
            )
        elif arrays.votes[j] == 0:
            rows[j] = result_row(election, arrays, j, Status.NOT_FUNDED, "no-support")
        else:
            rows[j] = result_row(election, arrays, j, Status.NOT_FUNDED, "phragmen-not-selected")
    order = winners + [j for j in range(m) if j not in set(winners)]
    return Outcome(
        rule="phragmen",
        budget=election.budget,
        spent=spent,
        selected=tuple(election.projects[j].id for j in winners),
        results=tuple(rows[j] for j in order),
        tie_break=tuple(tie_break),
        money_scale=election.money_scale,
    )
