"""The checked, solver-ready form of a sortition instance.

Validation lives here so every entry point (API, CLI, web app) rejects the same bad
input with the same error code. Compilation also does the reduction to *groups*:
quotas only see a person's feature values, and leximin probabilities are unique, so
people with identical values (and no household mates in the pool) must get equal
probability and can be handled as one group with a capacity. That turns the 2,000
people of ``example_large_200`` into 3 groups. People who share a household stay
individual, because the one-per-household rule tells them apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from wiec.sortition.errors import InputError
from wiec.sortition.model import Pool, Quota, quotas_by_category


@dataclass(frozen=True, eq=False)
class Problem:
    """Pool, quotas and panel size, validated and reduced to groups.

    ``matrix[q, g]`` is 1 when group ``g`` has the value of quota ``q``; ``caps[g]`` is
    the number of people in group ``g``; ``households`` lists groups (each of one
    person) of which at most one may sit on a panel.
    """

    pool: Pool
    quotas: tuple[Quota, ...]
    panel_size: int
    groups: tuple[tuple[int, ...], ...]
    caps: np.ndarray
    matrix: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    households: tuple[tuple[int, ...], ...]

    @property
    def n_groups(self) -> int:
        return len(self.groups)

    @property
    def pool_counts(self) -> np.ndarray:
        """How many people in the pool have each quota's value."""
        return self.matrix @ self.caps

    def meets_quotas(self, counts: Sequence[int] | np.ndarray) -> bool:
        """Whether a panel given as seats per group is valid (size, quotas, capacities)."""
        n = np.asarray(counts, dtype=np.int64)
        if n.sum() != self.panel_size or (n < 0).any() or (n > self.caps).any():
            return False
        per_quota = self.matrix @ n
        if (per_quota < self.lo).any() or (per_quota > self.hi).any():
            return False
        return all(sum(int(n[g]) for g in hh) <= 1 for hh in self.households)

    def group_of_person(self) -> np.ndarray:
        out = np.empty(len(self.pool), dtype=np.int64)
        for g, members in enumerate(self.groups):
            out[list(members)] = g
        return out


def validate_quotas(quotas: Sequence[Quota]) -> tuple[Quota, ...]:
    """Reject quota tables that are malformed on their own (before looking at people)."""
    quotas = tuple(quotas)
    if not quotas:
        raise InputError("no quotas were given", code="no_quotas")
    seen: set[tuple[str, str]] = set()
    for q in quotas:
        key = (q.category, q.value)
        if key in seen:
            raise InputError(
                f"quota {q.label} is given twice",
                code="duplicate_quota",
                params={"category": q.category, "value": q.value},
            )
        seen.add(key)
        if q.min < 0 or q.max < 0:
            raise InputError(
                f"quota {q.label} has a negative bound",
                code="negative_quota",
                params={"category": q.category, "value": q.value, "min": q.min, "max": q.max},
            )
        if q.min > q.max:
            raise InputError(
                f"quota {q.label} has min {q.min} above max {q.max}",
                code="quota_min_above_max",
                params={"category": q.category, "value": q.value, "min": q.min, "max": q.max},
            )
    return quotas


def compile_problem(
    pool: Pool, quotas: Sequence[Quota], panel_size: int, *, group_types: bool = True
) -> Problem:
    """Validate the inputs and reduce them to groups.

    ``group_types=False`` keeps every person separate; it exists so tests can check
    that the reduction changes nothing.
    """
    quotas = validate_quotas(quotas)
    if len(pool) == 0:
        raise InputError("the pool is empty: nobody to draw from", code="empty_pool")
    if isinstance(panel_size, bool) or not isinstance(panel_size, int) or panel_size < 1:
        raise InputError(
            f"panel size must be a positive whole number, not {panel_size!r}",
            code="bad_panel_size",
            params={"panel_size": panel_size},
        )
    ids = Counter(p.id for p in pool)
    duplicated = [i for i, c in ids.items() if c > 1]
    if duplicated:
        raise InputError(
            f"person id {duplicated[0]!r} appears more than once in the pool",
            code="duplicate_person",
            params={"id": duplicated[0]},
        )
    by_category = quotas_by_category(quotas)
    categories = list(by_category)
    value_index = {c: {q.value: k for k, q in enumerate(qs)} for c, qs in by_category.items()}
    vectors = []
    for person in pool:
        vector = []
        for c in categories:
            if c not in person.features:
                raise InputError(
                    f"person {person.id} has no value for category {c!r}",
                    code="missing_feature",
                    params={"person": person.id, "category": c},
                )
            value = person.features[c]
            if value not in value_index[c]:
                allowed = ", ".join(value_index[c])
                raise InputError(
                    f"person {person.id} has {c}={value!r}, which is not among the quotas "
                    f"for {c} ({allowed})",
                    code="unknown_value",
                    params={
                        "person": person.id,
                        "category": c,
                        "value": value,
                        "allowed": list(value_index[c]),
                    },
                )
            vector.append(value_index[c][value])
        vectors.append(tuple(vector))

    household_size = Counter(p.household for p in pool if p.household is not None)
    groups: list[list[int]] = []
    group_vectors: list[tuple[int, ...]] = []
    by_vector: dict[tuple[int, ...], int] = {}
    households: dict[str, list[int]] = {}
    for i, person in enumerate(pool):
        shared = person.household is not None and household_size[person.household] > 1
        if group_types and not shared and vectors[i] in by_vector:
            groups[by_vector[vectors[i]]].append(i)
            continue
        g = len(groups)
        groups.append([i])
        group_vectors.append(vectors[i])
        if shared:
            households.setdefault(str(person.household), []).append(g)
        elif group_types:
            by_vector[vectors[i]] = g

    # Row r of the matrix is quotas[r], whatever order the categories come in.
    row_of = {c: [quotas.index(q) for q in qs] for c, qs in by_category.items()}
    matrix = np.zeros((len(quotas), len(groups)), dtype=np.int64)
    for g, vector in enumerate(group_vectors):
        for c, v in zip(categories, vector, strict=True):
            matrix[row_of[c][v], g] = 1
    return Problem(
        pool=pool,
        quotas=quotas,
        panel_size=panel_size,
        groups=tuple(tuple(m) for m in groups),
        caps=np.array([len(m) for m in groups], dtype=np.int64),
        matrix=matrix,
        lo=np.array([q.min for q in quotas], dtype=np.int64),
        hi=np.array([q.max for q in quotas], dtype=np.int64),
        households=tuple(tuple(h) for h in households.values()),
    )
