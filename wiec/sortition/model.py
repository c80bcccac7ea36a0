"""Data model of the sortition engine: who is in the pool, what the quotas are, what came out.

Plain frozen dataclasses with no solver and no file format in sight, so the web app can
build them straight from database rows (see ``wiec/panels/adapters.py``) and the CLI
from CSV files (see :mod:`wiec.sortition.io`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True)
class Person:
    """One volunteer (``Respondent``) in the pool.

    ``features`` maps a category (``"gender"``) to this person's value (``"female"``);
    only categories that have quotas matter. ``household`` is an opaque key: people with
    the same key are never on the same panel; ``None`` means a household of one.
    """

    id: str
    features: Mapping[str, str]
    household: str | None = None

    def __post_init__(self) -> None:
        # Freeze the mapping too, so a Person really cannot change after the draw.
        object.__setattr__(self, "id", str(self.id))
        object.__setattr__(self, "features", MappingProxyType(dict(self.features)))

    def __hash__(self) -> int:
        return hash((self.id, tuple(sorted(self.features.items())), self.household))


@dataclass(frozen=True)
class Pool:
    """The people who volunteered, in a fixed order: probabilities and panels refer to it."""

    people: tuple[Person, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "people", tuple(self.people))

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[Mapping[str, Any]],
        *,
        id_key: str | None = None,
        household_key: str | None = None,
    ) -> Pool:
        """Build a pool from dict-like rows (CSV rows, ``QuerySet.values()``).

        Without ``id_key`` a person's id is their 0-based row number, as in the CLI.
        Every other key except ``household_key`` becomes a feature.
        """
        people = []
        for number, row in enumerate(rows):
            person_id = str(row[id_key]) if id_key else str(number)
            household = row.get(household_key) if household_key else None
            features = {
                str(k): str(v).strip() for k, v in row.items() if k not in (id_key, household_key)
            }
            people.append(Person(person_id, features, str(household) if household else None))
        return cls(tuple(people))

    def __len__(self) -> int:
        return len(self.people)

    def __iter__(self) -> Iterator[Person]:
        return iter(self.people)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.people)

    @property
    def has_households(self) -> bool:
        return any(p.household is not None for p in self.people)


@dataclass(frozen=True)
class Quota:
    """At least ``min`` and at most ``max`` panel members with ``category == value``."""

    category: str
    value: str
    min: int
    max: int

    @property
    def label(self) -> str:
        return f"{self.category}={self.value}"


@dataclass(frozen=True)
class Distribution:
    """A lottery over panels and what it means for each person.

    People who share every quota feature and have no household mates in the pool are
    interchangeable, so they form one *group* (``groups[g]`` lists their pool indices).
    A panel is the number of seats each group gets (``panels[j][g]``); the persons are
    then picked uniformly within each group, which gives every member of group ``g``
    the same probability. ``probabilities[i]`` is person ``i``'s chance (pool order).
    """

    algorithm: str
    panel_size: int
    person_ids: tuple[str, ...]
    probabilities: tuple[float, ...]
    groups: tuple[tuple[int, ...], ...]
    panels: tuple[tuple[int, ...], ...]
    panel_probabilities: tuple[float, ...]
    seconds: float = field(default=0.0, compare=False)
    exact: bool = True

    @property
    def min_probability(self) -> float:
        return min(self.probabilities) if self.probabilities else 0.0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, published with the draw so anyone can re-run the lottery."""
        return {
            "algorithm": self.algorithm,
            "panel_size": self.panel_size,
            "person_ids": list(self.person_ids),
            "probabilities": list(self.probabilities),
            "groups": [list(g) for g in self.groups],
            "panels": [list(p) for p in self.panels],
            "panel_probabilities": list(self.panel_probabilities),
            "exact": self.exact,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Distribution:
        return cls(
            algorithm=str(data["algorithm"]),
            panel_size=int(data["panel_size"]),
            person_ids=tuple(str(i) for i in data["person_ids"]),
            probabilities=tuple(float(p) for p in data["probabilities"]),
            groups=tuple(tuple(int(i) for i in g) for g in data["groups"]),
            panels=tuple(tuple(int(n) for n in p) for p in data["panels"]),
            panel_probabilities=tuple(float(p) for p in data["panel_probabilities"]),
            exact=bool(data.get("exact", True)),
        )


@dataclass(frozen=True)
class Draw:
    """The record of one public lottery: enough to check it and to re-run it anywhere.

    ``panel`` and ``reserves`` are pool indices; ``reserves`` are in call-up order.
    ``inputs_hash`` is the SHA-256 of the canonical inputs (see
    :func:`wiec.sortition.lottery.inputs_hash`); ``version`` names this engine and HiGHS.
    """

    algorithm: str
    version: str
    inputs_hash: str
    seed: str
    panel_size: int
    panel: tuple[int, ...]
    panel_ids: tuple[str, ...]
    reserves: tuple[int, ...]
    reserve_ids: tuple[str, ...]
    drawn_panel: int
    distribution: Distribution

    def as_dict(self) -> dict[str, Any]:
        return {
            "algorithm": self.algorithm,
            "version": self.version,
            "inputs_hash": self.inputs_hash,
            "seed": self.seed,
            "panel_size": self.panel_size,
            "panel": list(self.panel),
            "panel_ids": list(self.panel_ids),
            "reserves": list(self.reserves),
            "reserve_ids": list(self.reserve_ids),
            "drawn_panel": self.drawn_panel,
            "distribution": self.distribution.as_dict(),
        }


def quotas_by_category(quotas: Sequence[Quota]) -> dict[str, list[Quota]]:
    """Quotas grouped by category, in first-seen order (the order of categories.csv)."""
    out: dict[str, list[Quota]] = {}
    for q in quotas:
        out.setdefault(q.category, []).append(q)
    return out
