"""Deterministic tie-breaking, named and explicit.

A tie-break is an ordered tuple of criteria; the first that separates the tied projects
decides.  Every order ends with ``order`` (the position of the project in the election,
which the web app fills by submission number and a file by its PROJECTS section), so a
count never depends on chance or on a dictionary's iteration order.

Criteria:

``max-votes``  more voters supporting the project first
``min-cost``   cheaper first
``max-cost``   dearer first
``order``      earlier in the election's list of projects first
``id``         project id in string order (pabutools' default, kept for comparisons)
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import RuleError

CRITERIA = ("max-votes", "min-cost", "max-cost", "order", "id")

#: The default: the project with more supporters, then the listed order.  Cities publish
#: their ranking with ties already resolved (by lot or by their statute), and pabulib
#: files keep that order: with it all 329 greedy-rule Polish files that say which
#: projects won agree with their ``selected`` column, while ``min-cost`` breaks two.
DEFAULT_TIE_BREAK: tuple[str, ...] = ("max-votes", "order")


def normalize(tie_break: str | Sequence[str] | None) -> tuple[str, ...]:
    """Check the criteria and make sure the order is total (ends with ``order``)."""
    if tie_break is None:
        return DEFAULT_TIE_BREAK
    criteria = (tie_break,) if isinstance(tie_break, str) else tuple(tie_break)
    flat: list[str] = []
    for item in criteria:
        flat.extend(part.strip() for part in item.split(",") if part.strip())
    for name in flat:
        if name not in CRITERIA:
            raise RuleError(
                f"unknown tie-break {name!r}; use {', '.join(CRITERIA)}",
                code="unknown_tie_break",
                params={"tie_break": name},
            )
    if "order" not in flat and "id" not in flat:
        flat.append("order")
    return tuple(flat)


def sort_key(
    criteria: Sequence[str], *, index: int, votes: int, cost: int, project_id: str
) -> tuple:
    """A key that sorts the preferred project first among otherwise tied ones."""
    key: list[object] = []
    for name in criteria:
        if name == "max-votes":
            key.append(-votes)
        elif name == "min-cost":
            key.append(cost)
        elif name == "max-cost":
            key.append(-cost)
        elif name == "order":
            key.append(index)
        elif name == "id":
            key.append(project_id)
    return tuple(key)
