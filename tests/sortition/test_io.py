"""CSV reading and writing in the ../shared/data/sortition format."""

from __future__ import annotations

import io

import pytest

from tests.sortition.conftest import SMALL, gender_quotas, person
from wiec.sortition import InputError, Pool, draw
from wiec.sortition.io import read_pool, read_quotas, write_inputs


def test_reads_the_small_instance():
    quotas = read_quotas(SMALL / "categories.csv")
    assert [q.label for q in quotas] == [
        "gender=female",
        "gender=male",
        "leaning=liberal",
        "leaning=conservative",
    ]
    assert (quotas[0].min, quotas[0].max) == (9, 20)
    pool = read_pool(SMALL / "respondents.csv", categories=["gender", "leaning"])
    assert len(pool) == 200
    assert pool.people[0].id == "0"
    assert dict(pool.people[0].features) == {"gender": "female", "leaning": "conservative"}


def test_missing_column_is_named():
    with pytest.raises(InputError) as caught:
        read_pool(io.StringIO("gender\nfemale\n"), categories=["gender", "leaning"])
    assert caught.value.code == "missing_column"
    assert caught.value.params["column"] == "leaning"


def test_quota_bound_must_be_a_number():
    with pytest.raises(InputError) as caught:
        read_quotas(io.StringIO("category,feature,min,max\ngender,female,nine,20\n"))
    assert caught.value.code == "not_a_number"
    assert caught.value.params["line"] == 2


def test_empty_file():
    with pytest.raises(InputError) as caught:
        read_quotas(io.StringIO(""))
    assert caught.value.code == "empty_file"


def test_write_then_read_round_trip_keeps_households_and_the_draw(tmp_path):
    pool = Pool(
        tuple(
            person(f"p{i}", f"h{i // 2}" if i < 4 else None, gender="f" if i % 2 else "m")
            for i in range(10)
        )
    )
    quotas = gender_quotas((2, 3), (2, 3))
    categories, respondents = write_inputs(tmp_path, pool, quotas)
    assert read_quotas(categories) == quotas
    again = read_pool(
        respondents, categories=["gender"], id_column="id", household_column="household"
    )
    assert again == pool
    assert draw(again, quotas, 5, seed="s").panel == draw(pool, quotas, 5, seed="s").panel
