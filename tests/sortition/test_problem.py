"""Validation codes and the reduction to groups."""

from __future__ import annotations

import pytest

from tests.sortition.conftest import gender_quotas, person
from wiec.sortition import InputError, Person, Pool, Quota
from wiec.sortition.problem import compile_problem


def test_large_instance_reduces_to_three_groups(large):
    problem = compile_problem(*large, 200)
    assert problem.n_groups == 3
    assert sorted(problem.caps.tolist()) == [1, 999, 1000]


def test_shared_households_stay_individual():
    pool = Pool(
        (
            person("a", "h1", gender="f"),
            person("b", "h1", gender="f"),
            person("c", "h2", gender="f"),  # alone in h2: groups with d
            person("d", gender="f"),
        )
    )
    problem = compile_problem(pool, gender_quotas((0, 2), (0, 2)), 2)
    assert problem.groups == ((0,), (1,), (2, 3))
    assert problem.households == ((0, 1),)


def test_quota_rows_follow_quota_order_even_when_categories_interleave():
    pool = Pool((person("a", gender="f", age="old"), person("b", gender="m", age="young")))
    quotas = (
        Quota("gender", "f", 0, 1),
        Quota("age", "young", 0, 1),
        Quota("gender", "m", 0, 1),
        Quota("age", "old", 0, 1),
    )
    problem = compile_problem(pool, quotas, 1)
    assert problem.matrix.tolist() == [[1, 0], [0, 1], [0, 1], [1, 0]]


def test_person_features_are_frozen():
    p = Person("x", {"gender": "f"})
    with pytest.raises(TypeError):
        p.features["gender"] = "m"  # type: ignore[index]


@pytest.mark.parametrize(
    ("pool", "quotas", "size", "code"),
    [
        (Pool(()), gender_quotas((0, 1), (0, 1)), 1, "empty_pool"),
        (Pool((person("a", gender="x"),)), gender_quotas((0, 1), (0, 1)), 1, "unknown_value"),
        (Pool((person("a", age="old"),)), gender_quotas((0, 1), (0, 1)), 1, "missing_feature"),
        (
            Pool((person("a", gender="f"), person("a", gender="m"))),
            gender_quotas((0, 1), (0, 1)),
            1,
            "duplicate_person",
        ),
        (Pool((person("a", gender="f"),)), gender_quotas((2, 1), (0, 1)), 1, "quota_min_above_max"),
        (Pool((person("a", gender="f"),)), gender_quotas((-1, 1), (0, 1)), 1, "negative_quota"),
        (Pool((person("a", gender="f"),)), (), 1, "no_quotas"),
        (
            Pool((person("a", gender="f"),)),
            (Quota("gender", "f", 0, 1), Quota("gender", "f", 0, 1)),
            1,
            "duplicate_quota",
        ),
        (Pool((person("a", gender="f"),)), gender_quotas((0, 1), (0, 1)), 0, "bad_panel_size"),
    ],
)
def test_bad_input_has_a_code_and_one_line_message(pool, quotas, size, code):
    with pytest.raises(InputError) as caught:
        compile_problem(pool, quotas, size)
    assert caught.value.code == code
    assert "\n" not in caught.value.message
    assert caught.value.as_dict()["code"] == code


def test_unknown_value_names_person_category_and_allowed_values():
    with pytest.raises(InputError) as caught:
        compile_problem(Pool((person("7", gender="x"),)), gender_quotas((0, 1), (0, 1)), 1)
    assert caught.value.params == {
        "person": "7",
        "category": "gender",
        "value": "x",
        "allowed": ["f", "m"],
    }
