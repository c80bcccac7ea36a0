"""At most one person per household."""

from __future__ import annotations

import numpy as np
import pytest

from tests.sortition.conftest import gender_quotas, person
from wiec.sortition import Pool, draw, find_distribution


def test_household_mates_never_sit_together_and_probabilities_shift():
    # Two women share a household; a third lives alone. Two seats, women only.
    quotas = gender_quotas((2, 2), (0, 0))
    shared = Pool(
        (person("a", "h", gender="f"), person("b", "h", gender="f"), person("c", gender="f"))
    )
    apart = Pool((person("a", gender="f"), person("b", gender="f"), person("c", gender="f")))
    with_rule = find_distribution(shared, quotas, 2)
    without = find_distribution(apart, quotas, 2)
    np.testing.assert_allclose(with_rule.probabilities, [0.5, 0.5, 1.0], atol=1e-9)
    np.testing.assert_allclose(without.probabilities, [2 / 3] * 3, atol=1e-9)
    for panel in with_rule.panels:
        seats = dict(zip(with_rule.groups, panel, strict=True))
        assert seats.get((0,), 0) + seats.get((1,), 0) <= 1


@pytest.mark.parametrize("algorithm", ["leximin", "maximin", "legacy"])
def test_draws_respect_households_on_the_small_instance(small, algorithm):
    pool, quotas = small
    # Pair up neighbours 0-1, 2-3, … for the first 60 people: 30 two-person households.
    people = tuple(
        type(p)(p.id, p.features, f"h{i // 2}" if i < 60 else None) for i, p in enumerate(pool)
    )
    pool = Pool(people)
    dist = find_distribution(pool, quotas, 20, algorithm=algorithm)
    assert sum(dist.probabilities) == pytest.approx(20, abs=1e-6)
    if algorithm != "legacy":
        assert dist.min_probability == pytest.approx(0.10, abs=1e-6)
    for seed in range(3):
        record = draw(pool, quotas, 20, seed=f"s{seed}", algorithm=algorithm)
        households = [pool.people[i].household for i in record.panel if pool.people[i].household]
        assert len(households) == len(set(households))
