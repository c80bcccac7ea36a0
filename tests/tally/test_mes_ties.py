"""MES ties are decided in exact arithmetic, never by float rounding.

Prices within ``TIE_TOLERANCE`` of each other are recomputed with fractions: an exact tie
goes to the named tie-break, whichever float happened to come out lower, and a near-tie
goes to the project that is really cheaper, whatever the tie-break says.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.tally.conftest import election
from wiec.tally import count
from wiec.tally.rules import equalshares as es


def _tie_round_prices(e, utilities="cost"):
    """The float prices of the projects in the first near-tie of a plain MES run."""
    d = es._prepare(e, utilities, ("order",))
    n = e.arrays().n_voters
    seen = []

    def on_round(_k, _w, _rho, budget, alive):
        seen.append({j: es._price(d, j, budget) for j in range(len(d.cost)) if alive[j]})

    run = es._run(d, e.budget / n, exact_share=Fraction(e.budget, n), on_round=on_round)
    return run, seen


# Found by a random search (cardinality utilities, 43 zł, 7 voters): in round 3, p1 (13 zł)
# and p2 (17 zł) have the same price exactly, yet in floats p1's comes out lower
# (3.5714285714285694 against 3.571428571428571).
EXACT_TIE = (
    {"p0": 21, "p1": 13, "p2": 17, "p3": 5, "p4": 8},
    [
        ["p0", "p1", "p2", "p3", "p4"],
        ["p1", "p2", "p3"],
        ["p0", "p1", "p2", "p3", "p4"],
        ["p3", "p4"],
        ["p0", "p2"],
        ["p0", "p1", "p3", "p4"],
        ["p2"],
    ],
    43,
)


def test_exact_tie_that_floats_split_goes_to_the_tie_break():
    e = election(*EXACT_TIE)
    run, seen = _tie_round_prices(e, "cardinality")
    ((k, _close, lowest),) = [t for t in run.near_ties if len(t[2]) > 1]
    prices = seen[k]
    assert k == 2 and set(lowest) == {1, 2}
    assert prices[1] < prices[2] < prices[1] * (1 + 1e-9)  # floats differ, barely
    # The tie-break decides, in both directions, not the float that came out lower.
    for tie_break, first in (("min-cost", "p1"), ("max-cost", "p2")):
        out = count(e, rule="equalshares", utilities="cardinality", tie_break=tie_break)
        assert out.selected[k] == first


def test_near_tie_goes_to_the_really_cheaper_project():
    # Cardinality utilities: a costs 3,000,000,001 for 3 supporters (1,000,000,000.33 each),
    # b 1,000,000,000 for 1: 3.3e-10 apart, inside the float tolerance.  Treated as a tie,
    # the listed order would pick a first; exactly, b is cheaper.
    e = election(
        {"a": 3_000_000_001, "b": 1_000_000_000}, [["a"], ["a"], ["a"], ["b"]], 4_400_000_000
    )
    out = count(e, rule="equalshares", utilities="cardinality")
    assert out.selected == ("b", "a")
    run, _ = _tie_round_prices(e, "cardinality")
    assert run.near_ties == [(0, (0, 1), (1,))]
    # And the other way round: listed first, b still comes first, a exactly after.
    e = election(
        {"b": 1_000_000_000, "a": 3_000_000_001}, [["a"], ["a"], ["a"], ["b"]], 4_400_000_000
    )
    assert count(e, rule="equalshares", utilities="cardinality").selected == ("b", "a")


def test_near_tie_where_the_dearer_is_listed_first_and_min_cost_disagrees():
    # a is cheaper in money but dearer per supporter; min-cost would pick a in a tie.
    e = election(
        {"a": 2_999_999_999, "b": 1_000_000_000, "c": 5},
        [["a"], ["a"], ["a"], ["b"], ["c"]],
        5_500_000_000,
    )
    out = count(e, rule="equalshares", utilities="cardinality", tie_break="min-cost")
    # c is far cheaper per supporter; then a (999,999,999.67) beats b (1,000,000,000).
    assert out.selected == ("c", "a", "b")


def test_exact_price_matches_the_textbook():
    # 6 voters, 60 zł: a (30 zł) is paid by its 4 supporters, 7.50 each, out of 10.
    e = election({"a": 30, "b": 30, "c": 20}, [["a", "b"]] * 4 + [["c"]] * 2, 60)
    d = es._prepare(e, "cost", ("order",))
    exact = es._Exact(d, Fraction(10))
    assert exact.price(0) == Fraction(1, 4)  # per unit of utility (30 zł): 7.50 each
    exact.advance([0])
    # b's supporters have 2.50 each left: 10 zł for a 30 zł project, never enough.
    assert exact.price(1) is None
    assert exact.price(2) == Fraction(1, 2)


def _exact_mes(costs, ballots, budget, utilities):
    """MES in fractions only, the textbook way: the reference for the float engine."""
    n, m = len(ballots), len(costs)
    money = [Fraction(budget, n)] * n
    left, winners = set(range(m)), []
    while True:
        offers = []
        for j in sorted(left):
            supporters = [i for i in range(n) if j in ballots[i]]
            u = costs[j] if utilities == "cost" else 1
            if not supporters or sum(money[i] for i in supporters) < costs[j]:
                continue
            paid, rich = Fraction(0), len(supporters) * u
            for i in sorted(supporters, key=lambda i: money[i]):
                rho = (costs[j] - paid) / rich
                if money[i] >= rho * u:
                    break
                paid, rich = paid + money[i], rich - u
            offers.append((rho, j))  # in listed order: min() keeps the first of a tie
        if not offers:
            return winners
        rho, j = min(offers, key=lambda offer: offer[0])
        u = costs[j] if utilities == "cost" else 1
        for i in range(n):
            if j in ballots[i]:
                money[i] = max(money[i] - rho * u, Fraction(0))
        winners.append(j)
        left.discard(j)


@settings(max_examples=300, deadline=None)
@given(
    costs=st.lists(st.integers(1, 12), min_size=2, max_size=6),
    ballots=st.lists(st.sets(st.integers(0, 5), min_size=1), min_size=1, max_size=9),
    budget=st.integers(1, 60),
    utilities=st.sampled_from(["cost", "cardinality"]),
)
def test_mes_matches_an_all_fraction_reference(costs, ballots, budget, utilities):
    # Small integers make exact ties frequent; odd shares make floats inexact.
    ballots = [{j for j in b if j < len(costs)} or {0} for b in ballots]
    ids = [f"p{j}" for j in range(len(costs))]
    e = election(
        dict(zip(ids, costs, strict=True)), [[ids[j] for j in sorted(b)] for b in ballots], budget
    )
    out = count(e, rule="equalshares", utilities=utilities, tie_break="order")
    assert out.selected == tuple(ids[j] for j in _exact_mes(costs, ballots, budget, utilities))
