"""Seeded pools shaped like a real city's panel recruitment, for benchmarks and tests.

Real pools are not a census sample: the educated, the middle-aged, people from the
centre and those who already care about the issue volunteer far more often. Each
feature here has census shares (which set the quotas, ± a tolerance, as organisers
do) and a volunteering propensity per value (which skews the pool). Employment follows
age (most over-60s are retired), and household mates share area and tenure.

    realistic_instance(900, 60, features=5, seed=1)                 # a climate panel
    realistic_instance(2000, 100, features=7, households=0.2, seed=1)

The shares are round figures in the spirit of a Polish city's census, not real data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from wiec.sortition.model import Person, Pool, Quota


@dataclass(frozen=True)
class Feature:
    name: str
    values: tuple[str, ...]
    census: tuple[float, ...]  # shares in the population (sum 1)
    propensity: tuple[float, ...]  # relative willingness to volunteer


FEATURES = (
    Feature("sex", ("female", "male"), (0.53, 0.47), (1.1, 0.9)),
    Feature(
        "age",
        ("18-29", "30-44", "45-59", "60-74", "75+"),
        (0.18, 0.27, 0.22, 0.22, 0.11),
        (0.7, 1.4, 1.5, 1.0, 0.4),
    ),
    Feature(
        "education",
        ("primary", "vocational", "secondary", "higher"),
        (0.15, 0.25, 0.33, 0.27),
        (0.35, 0.6, 1.0, 2.2),
    ),
    Feature(
        "area",
        ("centre", "inner", "outer", "outskirts"),
        (0.15, 0.30, 0.35, 0.20),
        (2.0, 1.2, 0.8, 0.6),
    ),
    Feature(
        "attitude",
        ("very concerned", "somewhat concerned", "not concerned"),
        (0.40, 0.40, 0.20),
        (1.8, 0.8, 0.4),
    ),
    Feature(
        "employment",
        ("employed", "retired", "other"),
        (0.55, 0.25, 0.20),
        (1.0, 1.0, 0.8),
    ),
    Feature(
        "tenure",
        ("owner", "renter", "social"),
        (0.62, 0.28, 0.10),
        (1.2, 0.9, 0.5),
    ),
)


def _pick(rng: np.random.Generator, feature: Feature) -> str:
    w = np.array(feature.census) * np.array(feature.propensity)
    return str(feature.values[int(rng.choice(len(w), p=w / w.sum()))])


def quotas_from_census(
    features: tuple[Feature, ...], panel_size: int, tolerance: float
) -> tuple[Quota, ...]:
    """Each value's census share of the panel, widened by ``tolerance`` (0.15 = ±15%)."""
    out = []
    for f in features:
        for value, share in zip(f.values, f.census, strict=True):
            seats = share * panel_size
            low = math.floor(seats * (1 - tolerance))
            high = math.ceil(seats * (1 + tolerance))
            out.append(Quota(f.name, value, max(0, low), min(panel_size, high)))
    return tuple(out)


def realistic_instance(
    n: int,
    panel_size: int,
    *,
    features: int = 5,
    households: float = 0.0,
    tolerance: float = 0.15,
    seed: int = 0,
) -> tuple[Pool, tuple[Quota, ...]]:
    """A pool of ``n`` volunteers and census quotas for a panel of ``panel_size``.

    ``features`` takes the first 4 to 7 of :data:`FEATURES`; ``households`` is the
    share of volunteers living with another volunteer (households of 2 or 3 people who
    share area and tenure; at most one of them may sit on the panel).
    """
    if not 1 <= features <= len(FEATURES):
        raise ValueError(f"features must be 1 to {len(FEATURES)}")
    chosen = FEATURES[:features]
    rng = np.random.default_rng(seed)
    rows: list[dict[str, str]] = []
    for _ in range(n):
        row = {f.name: _pick(rng, f) for f in chosen}
        if "employment" in row and row["age"] in ("60-74", "75+") and rng.random() < 0.8:
            row["employment"] = "retired"
        elif "employment" in row and row["employment"] == "retired" and rng.random() < 0.8:
            row["employment"] = "employed"
        rows.append(row)
    household_of: list[str | None] = [None] * n
    if households > 0:
        mates = rng.permutation(n)[: round(households * n)].tolist()
        number = 0
        while len(mates) >= 2:
            size = 3 if len(mates) >= 3 and rng.random() < 0.35 else 2
            members, mates = mates[:size], mates[size:]
            for i in members:
                household_of[i] = f"h{number}"
                for shared in ("area", "tenure"):
                    if shared in rows[members[0]]:
                        rows[i][shared] = rows[members[0]][shared]
            number += 1
    pool = Pool(tuple(Person(str(i), rows[i], household_of[i]) for i in range(n)))
    return pool, quotas_from_census(chosen, panel_size, tolerance)
