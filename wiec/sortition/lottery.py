"""The public lottery: from a published distribution and a public seed to a panel.

The procedure is fixed and uses only SHA-256 and integer arithmetic, so anyone can
repeat it by hand or in any language and get the same panel:

1. *Random integers.* ``stream(seed, purpose)`` yields, for ``counter = 0, 1, 2, …``,
   ``H = SHA-256("wiec.sortition/v1|<purpose>|<seed>|<counter>")`` read as a 256-bit
   big-endian integer; ``randbelow(n)`` is ``H mod n`` (bias below ``n / 2²⁵⁶``).
2. *The panel.* Each panel of the distribution (in its published, canonical order)
   gets ``round(probability × 10¹²)`` tickets; ``r = randbelow(total tickets)`` from
   purpose ``"panel"``; the panel whose ticket range holds ``r`` is drawn.
3. *The people.* For each group in order, its seats are filled by a Fisher–Yates
   draw over the group's members in pool order (purpose ``"members"``): for
   ``j = 0 … seats−1`` swap position ``j`` with ``j + randbelow(size − j)``.
4. *Reserves* (after the panel): everyone left, in pool order, shuffled the same way
   (purpose ``"reserves"``); reading that order, a person becomes the next reserve
   unless someone from their household is already on the panel or a reserve.

The distribution depends on the solver, so it is published with the draw
(:meth:`Distribution.as_dict`); the lottery depends only on it and the seed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from wiec.sortition.model import Distribution, Pool, Quota

#: Tickets per unit of probability in step 2.
TICKETS = 10**12
PREFIX = "wiec.sortition/v1"


class SeedStream:
    """Step 1: a reproducible stream of random integers from a seed string."""

    def __init__(self, seed: str, purpose: str) -> None:
        self.seed = str(seed)
        self.purpose = purpose
        self.counter = 0

    def _next(self) -> int:
        text = f"{PREFIX}|{self.purpose}|{self.seed}|{self.counter}"
        self.counter += 1
        return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest(), "big")

    def randbelow(self, n: int) -> int:
        if n <= 0:
            raise ValueError("randbelow needs a positive bound")
        return self._next() % n

    def shuffled(self, items: Sequence[int], count: int | None = None) -> list[int]:
        """The first ``count`` items of a Fisher–Yates shuffle (all of them by default)."""
        out = list(items)
        count = len(out) if count is None else count
        for j in range(count):
            k = j + self.randbelow(len(out) - j)
            out[j], out[k] = out[k], out[j]
        return out[:count]


def pick_panel(distribution: Distribution, seed: str) -> int:
    """Step 2: the index of the drawn panel in ``distribution.panels``."""
    tickets = [round(p * TICKETS) for p in distribution.panel_probabilities]
    r = SeedStream(seed, "panel").randbelow(sum(tickets))
    for j, t in enumerate(tickets):
        if r < t:
            return j
        r -= t
    raise AssertionError("ticket ranges cover every draw")  # pragma: no cover


def seat_people(distribution: Distribution, panel_index: int, seed: str) -> tuple[int, ...]:
    """Step 3: the pool indices of the people on the drawn panel, in pool order."""
    stream = SeedStream(seed, "members")
    chosen: list[int] = []
    for members, seats in zip(distribution.groups, distribution.panels[panel_index], strict=True):
        if seats:
            chosen.extend(stream.shuffled(members, seats))
    return tuple(sorted(chosen))


def draw_reserves(pool: Pool, panel: Sequence[int], seed: str, count: int) -> tuple[int, ...]:
    """Step 4: up to ``count`` reserves in call-up order."""
    if count <= 0:
        return ()
    on_panel = set(panel)
    taken = {pool.people[i].household for i in panel if pool.people[i].household is not None}
    rest = [i for i in range(len(pool)) if i not in on_panel]
    reserves: list[int] = []
    for i in SeedStream(seed, "reserves").shuffled(rest):
        household = pool.people[i].household
        if household is not None and household in taken:
            continue
        reserves.append(i)
        if household is not None:
            taken.add(household)
        if len(reserves) == count:
            break
    return tuple(reserves)


def run_lottery(
    distribution: Distribution, pool: Pool, seed: str, reserves: int = 0
) -> tuple[int, tuple[int, ...], tuple[int, ...]]:
    """Steps 2–4: (drawn panel index, panel pool indices, reserve pool indices)."""
    j = pick_panel(distribution, seed)
    panel = seat_people(distribution, j, seed)
    return j, panel, draw_reserves(pool, panel, seed, reserves)


def canonical_inputs(pool: Pool, quotas: Sequence[Quota], panel_size: int) -> str:
    """The inputs as canonical JSON (sorted keys, no spaces): what ``inputs_hash`` hashes."""
    data = {
        "format": f"{PREFIX}/inputs",
        "panel_size": panel_size,
        "quotas": [[q.category, q.value, q.min, q.max] for q in quotas],
        "people": [
            {"id": p.id, "features": dict(sorted(p.features.items())), "household": p.household}
            for p in pool
        ],
    }
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def inputs_hash(pool: Pool, quotas: Sequence[Quota], panel_size: int) -> str:
    """SHA-256 (hex) of :func:`canonical_inputs`, recorded so a re-run can prove same inputs."""
    return hashlib.sha256(canonical_inputs(pool, quotas, panel_size).encode("utf-8")).hexdigest()
