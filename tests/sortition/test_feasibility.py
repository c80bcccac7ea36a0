"""Infeasible quotas come back as data: the conflicting bounds and the smallest relaxation."""

from __future__ import annotations

import pytest

from tests.sortition.conftest import gender_quotas, person
from wiec.sortition import (
    InfeasibleQuotasError,
    Pool,
    Quota,
    check_feasibility,
    find_distribution,
)


def with_quota(quotas, category, value, lo, hi):
    return tuple(
        Quota(category, value, lo, hi) if q.label == f"{category}={value}" else q for q in quotas
    )


def test_public_instances_are_feasible(small):
    report = check_feasibility(*small, 20)
    assert report.feasible and report.code == "feasible"
    assert report.conflicts == () and report.relaxation == ()


def test_two_minimums_above_panel_size_conflict_and_lowest_fix_is_proposed(small):
    pool, quotas = small
    quotas = with_quota(quotas, "leaning", "liberal", 15, 20)  # 15 liberal + 9 conservative > 20
    report = check_feasibility(pool, quotas, 20)
    assert not report.feasible and report.code == "infeasible_quotas"
    assert {(c.category, c.value, c.bound, c.limit) for c in report.conflicts} == {
        ("leaning", "liberal", "min", 15),
        ("leaning", "conservative", "min", 9),
    }
    moved = sum(abs(r.new - r.old) for r in report.relaxation)
    assert moved == 4  # 15 + 9 − 20: the smallest change that makes room
    assert check_feasibility(pool, report.relaxed_quotas(quotas), 20).feasible
    data = report.as_dict()
    assert data["code"] == "infeasible_quotas" and data["conflicts"][0]["bound"] == "min"


def test_conflict_across_categories_is_found(small):
    """Only one woman is conservative, so 'female ≤ 9' caps liberals at 9 too."""
    pool, quotas = small
    quotas = with_quota(with_quota(quotas, "gender", "female", 9, 9), "leaning", "liberal", 10, 20)
    report = check_feasibility(pool, quotas, 20)
    assert not report.feasible
    labels = {(c.category, c.value, c.bound) for c in report.conflicts}
    assert labels == {("gender", "female", "max"), ("leaning", "liberal", "min")}
    assert sum(abs(r.new - r.old) for r in report.relaxation) == 1
    assert check_feasibility(pool, report.relaxed_quotas(quotas), 20).feasible


def test_quota_above_the_pool_is_named_with_what_the_pool_has(small):
    pool, quotas = small
    quotas = with_quota(quotas, "gender", "female", 150, 200)
    report = check_feasibility(pool, quotas, 20)
    [conflict] = report.conflicts
    assert (conflict.value, conflict.bound, conflict.limit, conflict.available) == (
        "female",
        "min",
        150,
        100,
    )
    assert "pool has 100" in report.message and "\n" not in report.message


def test_panel_larger_than_pool():
    pool = Pool((person("a", gender="f"), person("b", gender="m")))
    report = check_feasibility(pool, gender_quotas((0, 3), (0, 3)), 3)
    assert report.code == "panel_larger_than_pool"
    assert report.params == {"panel_size": 3, "pool_size": 2}


def test_too_few_households():
    pool = Pool(
        (person("a", "h1", gender="f"), person("b", "h1", gender="m"), person("c", gender="m"))
    )
    report = check_feasibility(pool, gender_quotas((0, 3), (0, 3)), 3)
    assert report.code == "too_few_households"


def test_find_distribution_raises_with_the_report_as_params(small):
    pool, quotas = small
    with pytest.raises(InfeasibleQuotasError) as caught:
        find_distribution(pool, with_quota(quotas, "leaning", "liberal", 15, 20), 20)
    assert caught.value.code == "infeasible_quotas"
    assert caught.value.params["relaxation"]
    assert caught.value.params["conflicts"]
