"""The counting rules on hand-made elections, where the right answer is known."""

from __future__ import annotations

import pytest

from tests.tally.conftest import PABULIB, election
from wiec.tally import RULES, RuleError, Status, count, count_pools, read_pabulib


def test_greedy_skips_what_does_not_fit():
    e = election({"a": 60, "b": 50, "c": 30}, [["a"]] * 3 + [["b"]] * 2 + [["c"]], 100)
    out = count(e, rule="greedy")
    assert out.selected == ("a", "c") and out.spent == 90
    assert out.result("b").status is Status.NOT_FUNDED
    assert out.result("b").reason == "did-not-fit"
    assert "zostało tylko 40" in out.result("b").explanation_pl


def test_greedy_no_skip_stops():
    e = election({"a": 60, "b": 50, "c": 30}, [["a"]] * 3 + [["b"]] * 2 + [["c"]], 100)
    out = count(e, rule="greedy-no-skip")
    assert out.selected == ("a",)
    assert out.result("c").reason == "stopped"


def test_threshold_applies_whatever_the_rule_is_called():
    e = election({"a": 10, "b": 10}, [["a", "b"]] * 2 + [["a"]], 100, min_project_score_threshold=3)
    for rule in ("greedy", "greedy-threshold"):
        out = count(e, rule=rule)
        assert out.selected == ("a",)
        assert out.result("b").status is Status.BELOW_THRESHOLD


def test_poznan_reserve_pays_the_rest_when_80_percent_is_left():
    e = election({"a": 60, "b": 45, "c": 10}, [["a"]] * 3 + [["b"]] * 2 + [["c"]], 100)
    out = count(e, rule="greedy-custom")
    assert out.selected == ("a", "b")  # 40 left covers 88% of b; c is not reached
    assert out.result("b").funded_from_reserve == 5
    assert out.details["reserve_used"] == 5
    low = election({"a": 60, "b": 55}, [["a"]] * 3 + [["b"]] * 2, 100)
    assert count(low, rule="greedy-custom").selected == ("a",)  # 40 < 80% of 55


def test_exclusive_groups():
    e = election(
        {"a": 10, "b": 10, "c": 10},
        [["a"]] * 3 + [["b"]] * 2 + [["c"]],
        100,
        exclusive_groups=[("a", "b")],
    )
    for rule in ("greedy", "equalshares", "phragmen"):
        out = count(e, rule=rule)
        assert set(out.selected) == {"a", "c"}, rule
        assert out.result("b").status is Status.EXCLUDED


def test_tie_break_is_named_and_settable():
    e = election({"x": 50, "y": 40}, [["x"], ["y"]], 60)
    assert count(e, rule="greedy").selected == ("x",)  # listed order by default
    assert count(e, rule="greedy", tie_break=("min-cost",)).selected == ("y",)
    with pytest.raises(RuleError) as info:
        count(e, rule="greedy", tie_break="coin")
    assert info.value.code == "unknown_tie_break"


def test_mes_textbook_example():
    # 6 voters, budget 60: four like the cheap a and b, two like c.  Greedy by votes
    # would take a and b only; MES gives the minority its share.
    e = election({"a": 30, "b": 30, "c": 20}, [["a", "b"]] * 4 + [["c"]] * 2, 60)
    out = count(e, rule="equalshares")
    assert set(out.selected) == {"a", "c"}
    loser = out.result("b")
    assert loser.status is Status.NOT_FUNDED
    # After a, b's four supporters have 2.50 each left: b would have needed to cost 10.
    assert loser.max_winning_cost == 10
    assert count(e, rule="greedy").selected == ("a", "b")


def test_mes_max_winning_cost_really_wins():
    e = read_pabulib(PABULIB / "Poland_Swiecie_2023.pb")
    out = count(e, rule="equalshares")
    losers = [r for r in out.results if r.max_winning_cost]
    assert losers
    for r in losers[:3]:
        cheaper = [
            p if p.id != r.project_id else type(p)(p.id, r.max_winning_cost) for p in e.projects
        ]
        again = type(e)(projects=cheaper, ballots=e.ballots, budget=e.budget, vote_type=e.vote_type)
        assert r.project_id in count(again, rule="equalshares").selected


def test_swiecie_and_wieliczka_agree_with_the_cities():
    for name, n in (("Poland_Swiecie_2023.pb", 17), ("Poland_Wieliczka_2023_Green_Budget.pb", 30)):
        e = read_pabulib(PABULIB / name)
        out = count(e)  # the file's own rule
        assert set(out.selected) == {p.id for p in e.projects if p.selected == 1}
        assert len(out.selected) == n


def test_wieliczka_stopping_at_exhaustive_gives_pabutools_31():
    from wiec.tally.rules.equalshares import equal_shares
    from wiec.tally.tiebreak import DEFAULT_TIE_BREAK

    e = read_pabulib(PABULIB / "Poland_Wieliczka_2023_Green_Budget.pb")
    out = equal_shares(
        e,
        utilities="cost",
        tie_break=DEFAULT_TIE_BREAK,
        completion="add1",
        stop_when_exhaustive=True,
    )
    assert len(out.selected) == 31


def test_mes_points_ballots_and_cardinality():
    e = read_pabulib(PABULIB / "Poland_Krakow_2019_Bienczyce.pb")  # ordinal
    for utilities in ("cost", "cardinality"):
        out = count(e, rule="equalshares/add1", utilities=utilities)
        assert out.spent <= e.budget and out.selected


def test_phragmen_small():
    e = election({"a": 30, "b": 30, "c": 30}, [["a", "b"]] * 3 + [["c"]] * 2, 60)
    assert count(e, rule="phragmen").selected == ("a", "c")


def test_pools_move_unspent_money():
    district = election({"d1": 70}, [["d1"]], 100)
    city = election({"c1": 120, "c2": 50}, [["c1"]] * 2 + [["c2"]], 140)
    out = count_pools(
        {"district": district, "city": city}, rule="greedy", transfers={"district": "city"}
    )
    assert out["district"].unspent == 30
    assert out["city"].budget == 170 and out["city"].selected == ("c1", "c2")


def test_every_rule_runs_and_explains_in_both_languages():
    e = read_pabulib(PABULIB / "Poland_Gdynia_2020_Babie_Doly__small.pb")
    for rule in RULES:
        out = count(e, rule=rule)
        assert out.spent <= out.budget or rule == "greedy-custom"
        assert len(out.results) == len(e.projects)
        assert all(r.explanation_pl and r.explanation_en for r in out.results)


def test_unknown_rule():
    e = election({"a": 1}, [["a"]], 1)
    with pytest.raises(RuleError) as info:
        count(e, rule="lottery")
    assert info.value.code == "unknown_rule" and info.value.params == {"rule": "lottery"}
