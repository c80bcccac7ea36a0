"""Pieces shared by the rules: ranking projects and writing result rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..explain import explain
from ..model import Arrays, Election, ProjectResult, Status
from ..tiebreak import sort_key


def ranking(
    election: Election, arrays: Arrays, criteria: Sequence[str], key: Sequence[int]
) -> list[int]:
    """Project indices by ``key`` (higher first), ties broken by ``criteria``."""
    return sorted(
        range(len(election.projects)),
        key=lambda j: (
            -key[j],
            *sort_key(
                criteria,
                index=j,
                votes=int(arrays.votes[j]),
                cost=election.projects[j].cost,
                project_id=election.projects[j].id,
            ),
        ),
    )


def result_row(
    election: Election,
    arrays: Arrays,
    j: int,
    status: Status,
    reason: str,
    params: Mapping[str, Any] | None = None,
    **fields: Any,
) -> ProjectResult:
    """One ``ProjectResult`` with its explanation filled in."""
    project = election.projects[j]
    base = {"votes": int(arrays.votes[j]), "score": int(arrays.score[j]), "cost": project.cost}
    base.update(params or {})
    pl, en = explain(reason, base, election.money_scale)
    return ProjectResult(
        project_id=project.id,
        cost=project.cost,
        votes=int(arrays.votes[j]),
        score=int(arrays.score[j]),
        status=status,
        reason=reason,
        reason_params={k: v for k, v in base.items() if k not in ("votes", "score")},
        explanation_pl=pl,
        explanation_en=en,
        **fields,
    )


def conflicts(election: Election) -> dict[int, list[int]]:
    """For each project, the projects it is mutually exclusive with."""
    index = election.project_index
    out: dict[int, list[int]] = {}
    for group in election.exclusive_groups:
        members = [index[pid] for pid in group]
        for j in members:
            out.setdefault(j, []).extend(k for k in members if k != j)
    return out
