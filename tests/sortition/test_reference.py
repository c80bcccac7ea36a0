"""Cross-check against the sortition-algorithms package (test-only dependency)."""

from __future__ import annotations

import csv
import io

import pytest

from tests.sortition.conftest import SMALL
from wiec.sortition import find_distribution


def reference_maximin(directory, panel_size: int) -> float:
    """Its maximin with the highspy backend; returns the minimum probability."""
    sa = pytest.importorskip("sortition_algorithms")
    from sortition_algorithms.committee_generation import find_distribution_maximin

    lines = (directory / "categories.csv").read_text(encoding="utf-8").splitlines()
    lines[0] = "feature,value,min,max"  # its name for our category,feature
    rows = list(csv.reader((directory / "respondents.csv").open(encoding="utf-8")))
    people = io.StringIO()
    writer = csv.writer(people)
    writer.writerow(["id", *rows[0]])
    for number, row in enumerate(rows[1:]):
        writer.writerow([str(number), *row])
    data = sa.SelectionData(sa.CSVStringDataSource("\n".join(lines) + "\n", people.getvalue()))
    features, _ = data.load_features(panel_size)
    pool, _ = data.load_people(sa.Settings(id_column="id", columns_to_keep=[]), features)
    committees, probabilities, _ = find_distribution_maximin(
        features, pool, panel_size, [], "highspy"
    )
    marginal = dict.fromkeys((str(i) for i in range(len(rows) - 1)), 0.0)
    for committee, p in zip(committees, probabilities, strict=True):
        for person in committee:
            marginal[person] += p
    return min(marginal.values())


def test_same_minimum_as_reference_maximin_on_small_instance(small):
    ours = find_distribution(*small, 20, algorithm="leximin").min_probability
    assert ours == pytest.approx(reference_maximin(SMALL, 20), abs=1e-6)
