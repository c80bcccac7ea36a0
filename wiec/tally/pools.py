"""Several pools of one edition, with unused money moving between them.

Cities combine pools: district pools are counted first and what they leave unspent goes
to the citywide pool (Łódź 2020 did so by resolution XXXVI/1155/21), or a small-projects
pool passes its rest to the large one.  ``count_pools`` counts the pools in the given
order and, before counting a pool, adds to its budget what the pools sending to it left.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .counting import count
from .errors import RuleError
from .model import Election, Outcome


def count_pools(
    pools: Mapping[str, Election],
    *,
    rule: str | None = None,
    transfers: Mapping[str, str] | None = None,
    utilities: str = "cost",
    tie_break: str | Sequence[str] | None = None,
) -> dict[str, Outcome]:
    """Count ``pools`` (name -> election) in their order; ``transfers`` maps a pool to
    the pool that receives its unspent money, which must come later in the order."""
    transfers = dict(transfers or {})
    names = list(pools)
    position = {name: k for k, name in enumerate(names)}
    for source, target in transfers.items():
        if source not in position or target not in position:
            raise RuleError(
                f"transfer names an unknown pool: {source} -> {target}",
                code="unknown_pool",
                params={"source": source, "target": target},
            )
        if position[target] <= position[source]:
            raise RuleError(
                f"pool {target!r} must come after {source!r} to receive its rest",
                code="transfer_order",
                params={"source": source, "target": target},
            )
    extra = dict.fromkeys(names, 0)
    outcomes: dict[str, Outcome] = {}
    for name in names:
        election = pools[name]
        if extra[name]:
            election = election.with_budget(election.budget + extra[name])
        outcome = count(election, rule=rule, utilities=utilities, tie_break=tie_break)
        outcomes[name] = outcome
        if name in transfers:
            extra[transfers[name]] += outcome.unspent
    return outcomes
