"""The Method of Equal Shares (MES), its Add1 completion and the comparison step.

Every voter gets an equal share of the budget.  In each round the project whose
supporters can pay for it at the lowest price per unit of utility (``rho``) wins; each
supporter pays ``min(own money, rho * utility)``.  Utilities are the project's cost per
supporting voter (``cost``, as on equalshares.net and in Świecie and Wieliczka) or one
(``cardinality``), times the voter's points on points ballots.

Add1 (the completion Świecie 2023 and Wieliczka 2023 used): MES usually leaves money
unspent, so the voters' equal share is raised by one złoty at a time while the outcome
still fits the real budget.  We follow the equalshares.net compute tool
(equalshares/equalshares-compute-tool), which defined these names, and the pabulib
checker: the share starts at ``floor(budget / voters)`` złoty and goes up by one złoty
as long as the outcome of the next step still fits the budget.  (The compute tool can also
stop at the first outcome after which no project fits; pabutools always does, and for
Wieliczka that early stop gives 31 projects where the city funded 30.)  The
comparison step (``equalshares/add1-comparison``) then asks every voter which of the MES
outcome and the greedy outcome gives them more approved projects, and keeps greedy only
if more voters prefer it.

Add1 without a million steps: with a big budget and few voters the share must rise by
hundreds of thousands of złoty (6 ballots and 1,000,000 zł: 125,835 MES runs), yet the
outcome changes only a few times on the way.  Fix the path of one run at share ``t``
(the winners in order and, in every round and for every project still in play, which
supporters pay all they have): every budget is then ``b + db * x`` at share ``t + x``,
every price is affine in ``x`` (``rho = (cost - money of the poor) / utility of the
rich``), and every comparison the run makes (who is poor, who can afford what, which
price is lowest, which prices tie) is the sign of an affine function.  An affine function
that keeps its sign at both ends of an interval keeps it inside, so the path, hence the
selected set, stays the same until the first ``x`` at which one of them reaches 0;
``_stable_increment`` computes that ``x`` and the loop jumps over every whole-złoty step
before it: the step-by-step loop would have accepted each of them (same projects, so
same cost, and if exhaustive then exhaustive already now).  No monotonicity is assumed:
nothing says that a bigger share never overspends and then fits again, so the search
never bisects; it only skips steps proven to keep the outcome, and takes every step near
a change one by one, as the definition does.  Against float rounding: a loser must stay
dearer than the winner by ``_JUMP_SLACK`` (1e-7, far above rounding and above
``TIE_TOLERANCE``), a tie must stay well inside ``TIE_TOLERANCE`` and keep its tie-break,
anything in between takes single steps; the jump stops a hair short of the crossing, and
the run at the landing share must select the same projects (else the steps are taken one
by one).  Big files gain little (a 1 zł step there moves tens of thousands of złoty and
the outcome changes often), so the analysis is only tried after a few steps that changed
nothing, and less often each time it finds no jump.  ``stepwise_add1=True`` keeps the
plain loop; the tests compare both on real and random elections.

Speed: ballots arrive merged with weights (``Election.arrays``).  A project's price is
found by the poor/rich iteration (voters who cannot pay the equal price pay all they
have, the others share the rest) with numpy over its supporters, and projects are
re-evaluated lazily: a price can only rise as voters spend, so the previous price is a
lower bound and a round stops evaluating once the best fresh price beats every bound.

Ties: prices are floats, but a tie is never decided by rounding.  When the best prices
of a round are within a relative ``TIE_TOLERANCE`` (1e-9, far above float noise and far
below any real difference on real ballots), ``_Exact`` replays the run's winners so far
in exact fractions (share, costs, points and weights are exact) and computes those
prices exactly: the lowest wins, and only an exact tie goes to the named tie-break.  A
run without such a round never touches fractions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..model import Election, Outcome, ProjectResult, Status
from ..tiebreak import sort_key
from ._common import conflicts, result_row

TIE_TOLERANCE = 1e-9
_sum = np.add.reduce  # what ndarray.sum calls, without its Python wrapper (hot loops)


@dataclass
class _Data:
    """Per-election arrays for MES, built once and reused by every Add1 run."""

    cost: np.ndarray  # float64 per project
    supporters: list[np.ndarray]
    weight_s: list[np.ndarray]  # weight of each supporter group
    util: list[np.ndarray]  # utility of each supporter group
    wutil: list[np.ndarray]  # weight * utility
    uniform: list[float]  # the utility when all supporters share it (approval), else 0
    wu_total: np.ndarray  # sum of weight * utility per project
    groups: int
    weight: np.ndarray
    tie_keys: list[tuple]
    conflicts: dict[int, list[int]]
    free: list[int]  # cost-0 projects with support: selected before anything else


def _prepare(election: Election, utilities: str, tie_break: Sequence[str]) -> _Data:
    arrays = election.arrays()
    cost = np.array([p.cost for p in election.projects], dtype=np.float64)
    supporters, weight_s, util = [], [], []
    for j, (s, pts) in enumerate(zip(arrays.supporters, arrays.points, strict=True)):
        supporters.append(s)
        weight_s.append(arrays.weight[s].astype(np.float64))
        util.append(pts * cost[j] if utilities == "cost" else pts.copy())
    wutil = [w * u for w, u in zip(weight_s, util, strict=True)]
    uniform = [float(u[0]) if len(u) and (u == u[0]).all() else 0.0 for u in util]
    wu_total = np.array([float(x.sum()) for x in wutil])
    tie_keys = [
        sort_key(
            tie_break,
            index=j,
            votes=int(arrays.votes[j]),
            cost=election.projects[j].cost,
            project_id=election.projects[j].id,
        )
        for j in range(len(election.projects))
    ]
    free = [j for j in range(len(cost)) if cost[j] == 0 and len(supporters[j])]
    return _Data(
        cost=cost,
        supporters=supporters,
        weight_s=weight_s,
        util=util,
        wutil=wutil,
        uniform=uniform,
        wu_total=wu_total,
        groups=len(arrays.weight),
        weight=arrays.weight,
        tie_keys=tie_keys,
        conflicts=conflicts(election),
        free=free,
    )


class _Exact:
    """The budgets of one run in exact arithmetic, to decide near-ties.

    Floats decide every round whose best price is clear by more than ``TIE_TOLERANCE``
    (float rounding is a million times smaller).  When two prices are closer than that,
    this replays the winners so far with ``Fraction`` (the share, costs, points and
    weights are integers or exact fractions, so everything is exact), computes the
    close prices exactly, and only an exact tie goes to the tie-break.  It is rare and
    starts where it last stopped, so it costs nothing on a run without near-ties.
    Identical budgets are computed once per round (a dictionary keyed by value).
    """

    def __init__(self, d: _Data, share: Fraction):
        self.d = d
        self.share = share
        self.budget: dict[int, Fraction] = {}  # groups that paid something
        self.done = 0  # winners replayed
        self.utils: dict[int, list[int]] = {}

    def util(self, j: int) -> list[int]:
        """The utilities of project j's supporters as integers (points times cost)."""
        if j not in self.utils:
            self.utils[j] = np.rint(self.d.util[j]).astype(np.int64).tolist()
        return self.utils[j]

    def price(self, j: int) -> Fraction | None:
        """Project j's exact price now (``None``: its supporters cannot afford it)."""
        d = self.d
        held: dict[tuple[Fraction, int], int] = {}
        get = self.budget.get
        for g, u, w in zip(
            d.supporters[j].tolist(), self.util(j), d.weight[d.supporters[j]].tolist(), strict=True
        ):
            key = (get(g, self.share), u)
            held[key] = held.get(key, 0) + w
        cost = int(d.cost[j])
        if sum(b * w for (b, _), w in held.items()) < cost:
            return None
        # Supporters by money per unit of utility: a prefix of them pays all it has.
        items = sorted(held.items(), key=lambda item: item[0][0] / item[0][1])
        paid, rich_wu = Fraction(0), sum(u * w for (_, u), w in items)
        for (b, u), w in items:
            rho = (cost - paid) / rich_wu
            if b >= rho * u:
                return rho
            paid += b * w
            rich_wu -= u * w
        return None  # pragma: no cover - the money check above rules it out

    def advance(self, winners: Sequence[int]) -> None:
        """Pay for the winners not replayed yet."""
        d = self.d
        for j in winners[self.done :]:
            self.done += 1
            if d.cost[j] == 0:
                continue
            rho = self.price(j)
            after: dict[tuple[Fraction, int], Fraction] = {}
            get = self.budget.get
            for g, u in zip(d.supporters[j].tolist(), self.util(j), strict=True):
                key = (get(g, self.share), u)
                left = after.get(key)
                if left is None:
                    # rho is None only if the floats bought it with money short by less
                    # than their 1e-12 allowance: then everybody pays all they have.
                    left = after[key] = (
                        Fraction(0) if rho is None else max(key[0] - rho * u, Fraction(0))
                    )
                self.budget[g] = left

    def best(self, winners: Sequence[int], close: Sequence[int]) -> list[int]:
        """Of the projects with close float prices, those with the lowest exact one."""
        self.advance(winners)
        prices = {j: self.price(j) for j in close}
        finite = [p for p in prices.values() if p is not None]
        if not finite:
            return list(close)
        low = min(finite)
        return [j for j in close if prices[j] == low]


def _price(d: _Data, j: int, budget: np.ndarray, start: float = 0.0) -> float:
    """The lowest rho at which project j's supporters can pay its cost (inf if never).

    Poor/rich iteration (Newton's method on a concave piecewise-linear function): the
    supporters who cannot pay ``rho * utility`` pay all they have, the others share the
    rest equally per unit of utility; repeat until nobody else turns poor.  On real
    ballots budgets take few distinct values and it ends after two to five passes.
    ``start``, a lower bound of the price (the price it had before voters spent more),
    lets it begin with the supporters already known to be poor: the iteration climbs
    to the same fixed point from any lower bound, in fewer passes.
    """
    s, w, wu = d.supporters[j], d.weight_s[j], d.wutil[j]
    b = budget.take(s)
    cost = d.cost[j]
    wb = w * b
    if _sum(wb) < cost * (1 - 1e-12):
        return math.inf
    total_wu = d.wu_total[j]
    unit = d.uniform[j]
    if unit:  # approval: compare money with the payment cap, no per-voter division
        ratio, scale = b, unit
    else:
        ratio, scale = b / d.util[j], 1.0
    rho = cost / total_wu
    poor = (ratio < max(rho, start) * scale).nonzero()[0]  # few: index them
    while len(poor):
        paid = float(_sum(wb.take(poor)))
        rich_wu = total_wu - float(_sum(wu.take(poor)))
        if rich_wu <= 0:
            return rho
        rho = (cost - paid) / rich_wu
        again = (ratio < rho * scale).nonzero()[0]
        if len(again) == len(poor):  # the poor only grow: the same ones
            break
        poor = again
    return rho


@dataclass
class _Run:
    winners: list[int]
    prices: list[float]
    budget_left: np.ndarray
    exact_share: Fraction
    #: Rounds whose best prices were within float noise: (round, close, exactly lowest).
    near_ties: list[tuple[int, tuple[int, ...], tuple[int, ...]]]


def _run(
    d: _Data,
    share: float,
    *,
    on_round=None,
    limit: float = math.inf,
    exact_share: Fraction | None = None,
) -> _Run:
    """One MES run with every voter starting with ``share``.

    ``limit`` stops the run as soon as the selected projects cost more (Add1 only needs
    to know that a step overspends, not the rest of that outcome).  ``exact_share`` is
    the share as an exact fraction (``share`` is its float), for deciding near-ties.
    """
    if exact_share is None:
        exact_share = Fraction(share)
    exact: _Exact | None = None
    near_ties: list[tuple[int, tuple[int, ...], tuple[int, ...]]] = []
    m = len(d.cost)
    budget = np.full(d.groups, share, dtype=np.float64)
    bound = np.where(d.wu_total > 0, d.cost / np.where(d.wu_total > 0, d.wu_total, 1), np.inf)
    alive = np.array([d.wu_total[j] > 0 and d.cost[j] > 0 for j in range(m)])
    winners: list[int] = list(d.free)
    prices: list[float] = [0.0] * len(d.free)
    spent = 0.0
    for j in d.free:
        for k in d.conflicts.get(j, ()):
            alive[k] = False
    while True:
        candidates = alive.nonzero()[0]
        if not len(candidates):
            break
        order = candidates[bound[candidates].argsort(kind="stable")]
        best = math.inf
        tied: list[int] = []
        for j in order.tolist():
            if bound[j] > best * (1 + TIE_TOLERANCE):
                break
            rho = _price(d, j, budget, bound[j])
            if rho == math.inf:
                alive[j] = False
                bound[j] = math.inf
                continue
            bound[j] = rho
            if rho < best * (1 - TIE_TOLERANCE):
                best, tied = rho, [j]
            elif rho <= best * (1 + TIE_TOLERANCE):
                tied.append(j)
                best = min(best, rho)
        if not tied:
            break
        if len(tied) > 1:  # within float noise of each other: decide exactly
            if exact is None:
                exact = _Exact(d, exact_share)
            lowest = exact.best(winners, tied)
            near_ties.append((len(winners), tuple(sorted(tied)), tuple(sorted(lowest))))
            tied = lowest
        winner = min(tied, key=lambda k: d.tie_keys[k])
        rho = bound[winner]
        if on_round is not None:
            on_round(len(winners) + 1, winner, rho, budget, alive)
        s = d.supporters[winner]
        pay = rho * d.uniform[winner] if d.uniform[winner] else rho * d.util[winner]
        budget[s] = np.maximum(budget.take(s) - pay, 0.0)
        alive[winner] = False
        winners.append(winner)
        prices.append(rho)
        spent += d.cost[winner]
        if spent > limit:
            break
        for k in d.conflicts.get(winner, ()):
            alive[k] = False
    return _Run(
        winners=winners,
        prices=prices,
        budget_left=budget,
        exact_share=exact_share,
        near_ties=near_ties,
    )


def _total(d: _Data, winners: Sequence[int]) -> int:
    return int(sum(d.cost[j] for j in winners))


def _exhaustive(d: _Data, winners: Sequence[int], budget: int, excluded: set[int]) -> bool:
    left = budget - _total(d, winners)
    chosen = set(winners)
    return not any(
        d.cost[j] <= left
        for j in range(len(d.cost))
        if j not in chosen and j not in excluded and d.wu_total[j] > 0
    )


def _add1(
    election: Election,
    d: _Data,
    stop_when_exhaustive: bool,
    integral_start: bool,
    *,
    stepwise: bool = False,
) -> tuple[_Run, float, int]:
    """Raise the equal share by one złoty while the outcome fits.

    The loop is the step-by-step definition; unless ``stepwise``, it skips the steps that
    ``_stable_increment`` proves cannot change the outcome (see "Add1 without a million
    steps" in the module docstring), and takes the steps near every change one by one.
    """
    n = election.arrays().n_voters
    step = float(election.money_scale)
    budget = election.budget
    if n == 0:
        return _run(d, 0.0), 0.0, 1
    if d.cost.sum() <= budget:
        # Everything fits, so no step can overspend: stop once nothing more fits (the
        # compute tool skips Add1 here and pabutools stops at the exhaustive outcome).
        stop_when_exhaustive = True
    start = math.floor(budget / n / step) * step if integral_start else budget / n
    # The same shares exactly, for the runs to decide near-ties.
    exact_start = Fraction(int(start)) if integral_start else Fraction(budget, n)

    def run_at(steps: int, **kwargs) -> _Run:
        return _run(
            d,
            start + steps * step,
            exact_share=exact_start + steps * election.money_scale,
            **kwargs,
        )

    taken = 0  # steps taken: the share is ``start + taken * step``, whichever way we got here
    share = start
    current = run_at(0)
    runs = 1
    unchanged = 0  # steps in a row that kept the outcome: a flat stretch, maybe long
    patience = 4  # unchanged steps before trying to jump; grows after each failed try
    while True:
        excluded = {k for j in current.winners for k in d.conflicts.get(j, ())}
        if stop_when_exhaustive and _exhaustive(d, current.winners, budget, excluded):
            break
        if share > budget:  # every voter could pay any project alone: nothing changes
            break
        if unchanged >= patience and not stepwise:
            # Every step before the first one past ``share + delta`` keeps the outcome,
            # so it fits and is not exhaustive either; the step-by-step loop would take
            # them all.  It would also stop at the first share above the budget.
            delta = _stable_increment(d, share, current.winners, at_least=3 * step)
            delta *= 1 - _JUMP_SAFETY
            to_stop = math.floor((budget - share) / step) + 1
            jump = to_stop if delta > (to_stop + 1) * step else math.ceil(delta / step) - 1
            landed = run_at(taken + jump) if jump >= 2 else None
            runs += landed is not None
            if (
                landed is not None
                and landed.winners == current.winners
                and landed.near_ties == current.near_ties
                and all(close == low for _, close, low in current.near_ties)
            ):
                taken += jump
                share = start + taken * step
                current = landed
                unchanged, patience = 0, 4
                continue
            unchanged, patience = 0, 4 * patience  # big elections: the outcome moves often
        nxt = run_at(taken + 1, limit=budget)
        runs += 1
        if _total(d, nxt.winners) > budget:
            break
        unchanged = unchanged + 1 if nxt.winners == current.winners else 0
        taken += 1
        share = start + taken * step
        current = nxt
    return current, share, runs


#: Relative gap between two prices that the jump analysis keeps as a cushion: a loser
#: whose price is within it of the winner's (without being an exact tie) stops the jump,
#: so float rounding (about 1e-15) and ``TIE_TOLERANCE`` can never flip a comparison.
_JUMP_SLACK = 1e-7
#: The jump stops this fraction short of the first possible change.
_JUMP_SAFETY = 1e-9


def _crossing(margin: np.ndarray | float, slope: np.ndarray | float) -> float:
    """The smallest x >= 0 at which ``margin + slope * x`` reaches 0 (inf if never)."""
    margin = np.atleast_1d(np.asarray(margin, dtype=np.float64))
    slope = np.atleast_1d(np.asarray(slope, dtype=np.float64))
    falling = slope < 0
    if not falling.any():
        return math.inf
    return float((np.maximum(margin[falling], 0.0) / -slope[falling]).min())


def _price_slope(
    d: _Data, j: int, budget: np.ndarray, dbudget: np.ndarray
) -> tuple[float, float, np.ndarray | None, float]:
    """Project j's price, its derivative in the share, its poor supporters, and how far
    the share may rise before which supporters are poor (or affordability) may change.

    With the poor set P fixed, ``rho = (cost - sum_P w*b) / sum_rich w*u`` is affine in
    the budgets, hence in the share; a supporter's side changes only where
    ``b - rho * u`` crosses 0, and affordability where ``sum w*b`` crosses the cost.
    """
    s, w, u = d.supporters[j], d.weight_s[j], d.util[j]
    b, db = budget.take(s), dbudget.take(s)
    money, dmoney = float((w * b).sum()), float(np.dot(w, db))
    need = d.cost[j] * (1 - 1e-12)  # the test ``_price`` makes
    if money < need:
        return math.inf, 0.0, None, _crossing(need - money, -dmoney)
    rho = _price(d, j, budget)
    poor = b < rho * u
    rich_wu = float(d.wutil[j][~poor].sum())
    if rho == math.inf or rich_wu <= 0:
        return rho, 0.0, poor, 0.0  # degenerate: take the next step one by one
    slope = -float(np.dot(w[poor], db[poor])) / rich_wu
    side = np.where(poor, rho * u - b, b - rho * u)
    dside = np.where(poor, slope * u - db, db - slope * u)
    return rho, slope, poor, min(_crossing(side, dside), _crossing(money - need, dmoney))


def _stable_increment(
    d: _Data, share: float, winners: Sequence[int], *, at_least: float = 0.0
) -> float:
    """How far the share may rise above ``share`` with MES still choosing ``winners``.

    Returns delta such that every run with a share in ``[share, share + delta)`` selects
    the same projects in the same order; 0 when it cannot tell.  It replays the run,
    evaluating every project still in play in every round, and carries each budget as
    ``b + db * x`` for a share ``share + x``: while no supporter changes side (pays all
    it has or not), every budget and price is affine in x, so each comparison the run
    makes changes at most once, where an affine function crosses 0.  The answer is the
    smallest such crossing over: every supporter's side for every project evaluated,
    every project's affordability, and each loser's price against the winner's: a loser
    must stay dearer by ``_JUMP_SLACK`` of the price, or, if tied, stay within a quarter
    of ``TIE_TOLERANCE`` and lose the tie-break.  Anything in between returns 0.  A tie
    in floats must also be exact at both ends of the jump (the caller compares the
    runs' ``near_ties``): the exact gap is affine too, so zero at both ends means zero
    all along, and the tie-break decides throughout.  So does
    a delta below ``at_least``, as soon as it is found (a jump that short is not worth
    the rest of the replay).
    """
    budget = np.full(d.groups, share, dtype=np.float64)
    dbudget = np.ones(d.groups)
    alive = {j for j in range(len(d.cost)) if d.wu_total[j] > 0 and d.cost[j] > 0}
    for j in d.free:
        alive.difference_update(d.conflicts.get(j, ()))
    delta = math.inf
    quarter = TIE_TOLERANCE / 4
    for w in [*winners[len(d.free) :], None]:  # None: the round in which nothing fits
        priced: dict[int, tuple[float, float, np.ndarray | None]] = {}
        for j in sorted(alive):
            rho, slope, poor, reach = _price_slope(d, j, budget, dbudget)
            delta = min(delta, reach)
            if delta <= at_least:
                return 0.0
            if rho == math.inf:
                alive.discard(j)  # budgets only fall within a run: it never fits again
            else:
                priced[j] = (rho, slope, poor)
        if w is None:
            return 0.0 if priced else delta
        if w not in priced:
            return 0.0
        rho_w, slope_w, poor_w = priced.pop(w)
        for j, (rho, slope, _) in priced.items():
            gap, dgap = rho - rho_w, slope - slope_w
            if abs(gap) <= quarter * rho_w:  # a tie: the caller checks it is exact
                if d.tie_keys[j] < d.tie_keys[w]:
                    return 0.0
                delta = min(
                    delta, _crossing(quarter * rho_w - abs(gap), quarter * slope_w - abs(dgap))
                )
            elif gap > _JUMP_SLACK * rho_w:
                delta = min(
                    delta, _crossing(gap - _JUMP_SLACK * rho_w, dgap - _JUMP_SLACK * slope_w)
                )
            else:
                return 0.0
        if delta <= at_least:
            return 0.0
        s, u = d.supporters[w], d.util[w]
        budget[s] = np.maximum(budget[s] - rho_w * u, 0.0)
        dbudget[s] = np.where(poor_w, 0.0, dbudget[s] - slope_w * u)
        alive.discard(w)
        alive.difference_update(d.conflicts.get(w, ()))
    return delta  # pragma: no cover - the loop returns at the round with no winner


def _greedy_by_votes(election: Election, d: _Data) -> list[int]:
    """Utilitarian greedy used by the comparison step (projects by supporters, skip)."""
    votes = election.arrays().votes
    order = sorted(range(len(d.cost)), key=lambda j: (-int(votes[j]), d.tie_keys[j]))
    left = election.budget
    chosen: list[int] = []
    excluded: set[int] = set()
    for j in order:
        if j in excluded or d.cost[j] > left:
            continue
        chosen.append(j)
        left -= int(d.cost[j])
        excluded.update(d.conflicts.get(j, ()))
    return chosen


def _compare(
    election: Election, d: _Data, mes: Sequence[int], greedy: Sequence[int]
) -> tuple[int, int]:
    """How many voters prefer each outcome by number of approved winners."""
    sat_mes = np.zeros(d.groups)
    sat_greedy = np.zeros(d.groups)
    for j in mes:
        sat_mes[d.supporters[j]] += 1
    for j in greedy:
        sat_greedy[d.supporters[j]] += 1
    w = d.weight
    return int(w[sat_mes > sat_greedy].sum()), int(w[sat_greedy > sat_mes].sum())


def equal_shares(
    election: Election,
    *,
    utilities: str,
    tie_break: Sequence[str],
    completion: str | None = None,
    comparison: bool = False,
    stop_when_exhaustive: bool = False,
    integral_start: bool = True,
    rule: str = "equalshares",
    stepwise_add1: bool = False,
) -> Outcome:
    """Count ``election`` with MES (see the module docstring for the variants).

    ``stop_when_exhaustive`` ends Add1 at the first outcome after which no project fits,
    as pabutools and the compute tool's "exhaustive" option do; the default keeps
    raising the share until the next step would overspend, which is what reproduces
    Wieliczka 2023 (30 projects; stopping early gives 31) and Świecie 2023.
    ``integral_start=False`` starts Add1 from ``budget / voters`` instead of whole złoty;
    with ``stop_when_exhaustive=True`` too it is pabutools' ``voter_budget_increment=1``.
    ``stepwise_add1=True`` runs MES at every step of Add1 instead of skipping the steps
    that cannot change the outcome: the same result, kept as the reference for tests.
    """
    d = _prepare(election, utilities, tie_break)
    arrays = election.arrays()
    n = arrays.n_voters
    runs = 1
    if completion == "add1":
        final, share, runs = _add1(
            election, d, stop_when_exhaustive, integral_start, stepwise=stepwise_add1
        )
        snapshots = None
    else:
        share = election.budget / n if n else 0.0
        snapshots = []
        final = _run(
            d,
            share,
            exact_share=Fraction(election.budget, n) if n else None,
            on_round=lambda _r, _w, rho, budget, _a: snapshots.append((rho, budget.copy())),
        )

    details: dict[str, object] = {
        "utilities": utilities,
        "runs": runs,
        "voter_share": share / election.money_scale,
    }
    winners = list(final.winners)
    used_greedy = False
    if comparison:
        greedy = _greedy_by_votes(election, d)
        prefers_mes, prefers_greedy = _compare(election, d, winners, greedy)
        details.update(prefers_mes=prefers_mes, prefers_greedy=prefers_greedy)
        if prefers_greedy > prefers_mes:
            winners, used_greedy = greedy, True
    rows = _explain(election, d, share, winners, final, used_greedy, details, snapshots)
    selected = tuple(election.projects[j].id for j in winners)
    return Outcome(
        rule=rule,
        budget=election.budget,
        spent=_total(d, winners),
        selected=selected,
        results=rows,
        tie_break=tuple(tie_break),
        money_scale=election.money_scale,
        details=details,
    )


def _explain(
    election: Election,
    d: _Data,
    share: float,
    winners: list[int],
    final: _Run,
    used_greedy: bool,
    details: dict[str, object],
    snapshots: list[tuple[float, np.ndarray]] | None = None,
) -> tuple[ProjectResult, ...]:
    """Result rows; for losers, how cheap or how popular they would have had to be.

    ``snapshots`` are the price and the budgets at the start of each round of the final
    run, when the caller kept them; otherwise the run is replayed to get them.
    """
    arrays = election.arrays()
    m = len(d.cost)
    best_cost = np.zeros(m)
    best_more = np.full(m, np.inf)
    chosen = set(final.winners)
    cost_util = details["utilities"] == "cost"

    # The losers' supporters side by side, so that a round is measured for all at once.
    losers = np.array(
        [j for j in range(m) if j not in chosen and len(d.supporters[j])], dtype=np.int64
    )
    sizes = np.array([len(d.supporters[j]) for j in losers], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)
    if len(losers):
        groups = np.concatenate([d.supporters[j] for j in losers])
        weight = np.concatenate([d.weight_s[j] for j in losers])
        points = np.concatenate([arrays.points[j] for j in losers])
        cost = d.cost[losers]
        cost_each = np.repeat(cost, sizes)
        wpts = np.add.reduceat(weight * points, starts)

    def measure(budget: np.ndarray, rho: float | None) -> None:
        if not len(losers):
            return
        b = budget.take(groups)
        behind = np.add.reduceat(weight * b, starts)
        had_cost, had_more = best_cost[losers], best_more[losers]
        if rho is None:  # after the last round: any price will do
            active = np.ones(len(losers), dtype=bool)
            cap_cost = have = behind
            new_cap = np.full(len(losers), share)
        else:
            # Money behind only falls: such a round cannot beat earlier ones.
            active = ~((behind <= had_cost) & (behind < cost * 0.5) & np.isfinite(had_more))
            if cost_util:
                have = np.add.reduceat(weight * np.minimum(b, rho * points * cost_each), starts)
                new_cap = np.minimum(share, rho * cost)
                # The largest winning cost is below the money behind the project, and 0
                # while ``rho`` times its points is under 1: skip what cannot raise it.
                cap_cost = cost.copy()  # changes nothing below
                for k in np.flatnonzero(
                    active & (behind > had_cost) & (rho * wpts >= 1 - 1e-9)
                ).tolist():
                    part = slice(starts[k], starts[k] + sizes[k])
                    cap_cost[k] = _max_cost_newton(
                        b[part], weight[part], points[part], rho, behind[k], had_cost[k]
                    )
            else:
                cap_cost = have = np.add.reduceat(weight * np.minimum(b, rho * points), starts)
                new_cap = np.full(len(losers), min(share, rho))
        # cap_cost >= cost: it lost that round on a tie-break only.
        raise_cost = active & (cap_cost < cost)
        best_cost[losers[raise_cost]] = np.maximum(had_cost[raise_cost], cap_cost[raise_cost])
        positive = active & (new_cap > 0)
        more = np.maximum(np.ceil((cost[positive] - have[positive]) / new_cap[positive] - 1e-9), 1)
        best_more[losers[positive]] = np.minimum(had_more[positive], more)

    if snapshots is None:
        snapshots = []
        _run(
            d,
            share,
            exact_share=final.exact_share,
            on_round=lambda _r, _w, rho, budget, _a: snapshots.append((rho, budget.copy())),
        )
    for rho, budget in snapshots:
        measure(budget, rho)
    measure(final.budget_left, None)
    round_of = {j: k + 1 for k, j in enumerate(final.winners)}
    price_of = dict(zip(final.winners, final.prices, strict=True))
    excluded_by: dict[int, str] = {}
    for j in winners:
        for k in d.conflicts.get(j, ()):
            excluded_by.setdefault(k, election.projects[j].id)
    rows: dict[int, ProjectResult] = {}
    for rank, j in enumerate(winners, start=1):
        if used_greedy:
            rows[j] = result_row(
                election,
                arrays,
                j,
                Status.SELECTED,
                "comparison-greedy",
                {
                    "prefers_mes": details["prefers_mes"],
                    "prefers_greedy": details["prefers_greedy"],
                },
                rank=rank,
            )
        else:
            rho = price_of[j]
            pay = (
                rho
                * (d.cost[j] if cost_util else 1)
                * (float(arrays.points[j].max()) if len(arrays.points[j]) else 1)
            )
            rows[j] = result_row(
                election,
                arrays,
                j,
                Status.SELECTED,
                "mes-selected",
                {"round": round_of[j], "payment": round(pay)},
                rank=rank,
            )
    for j in range(m):
        if j in rows:
            continue
        if j in excluded_by:
            rows[j] = result_row(
                election, arrays, j, Status.EXCLUDED, "excluded-conflict", {"other": excluded_by[j]}
            )
        elif not len(d.supporters[j]):
            rows[j] = result_row(election, arrays, j, Status.NOT_FUNDED, "no-support")
        else:
            max_cost = math.floor(best_cost[j] + 1e-6)
            max_cost = max_cost if max_cost < election.projects[j].cost else None
            more = None if math.isinf(best_more[j]) else int(best_more[j])
            money_behind = float(np.dot(d.weight_s[j], final.budget_left[d.supporters[j]]))
            rows[j] = result_row(
                election,
                arrays,
                j,
                Status.NOT_FUNDED,
                "mes-not-selected",
                {
                    "money_behind": round(money_behind),
                    "max_cost": max_cost,
                    "more_supporters": more,
                },
                max_winning_cost=max_cost,
                extra_supporters_needed=more,
            )
    order = list(winners) + [j for j in range(m) if j not in set(winners)]
    return tuple(rows[j] for j in order)


def _max_cost_newton(
    b: np.ndarray, w: np.ndarray, pts: np.ndarray, rho: float, money: float, enough: float
) -> float:
    """``_max_cost_cost_util`` by Newton's method from above, without sorting.

    With f(c) = sum(w * min(b, rho * pts * c)) - c concave, Newton's steps from
    c = money (where f <= 0) fall monotonically onto the largest root, each one the root
    of the segment it lands on: c = (money of those who pay all) / (1 - slope of the
    others).  Every step is an upper bound of the answer, so it stops as soon as one is
    at most ``enough`` (the caller's best so far, which it then cannot raise).  A
    degenerate case (no progress after a few dozen steps) falls back to the sort.
    """
    slope = rho * pts
    wb, ws = w * b, w * slope
    c = money
    for _ in range(40):
        if c <= enough:
            return c
        rich = b > slope * c
        paid = money - float(_sum(wb[rich]))
        rest = float(_sum(ws[rich]))
        if rest >= 1:
            break
        nxt = paid / (1 - rest)
        if nxt >= c:
            return c
        c = nxt
    return _max_cost_cost_util(b, w, pts, rho)


def _max_cost_cost_util(b: np.ndarray, w: np.ndarray, pts: np.ndarray, rho: float) -> float:
    """Largest cost c with sum(w * min(b, rho * pts * c)) >= c (cost utilities).

    f(c) = sum(w * min(b, slope * c)) - c is concave; between two consecutive points where
    a supporter runs out of money it is linear, so the root is found segment by segment.
    """
    slope = rho * pts
    breaks = b / slope
    order = np.argsort(breaks)
    br, wb, ws = breaks[order], (w * b)[order], (w * slope)[order]
    paid_before = np.concatenate(([0.0], np.cumsum(wb)[:-1]))
    slope_after = ws[::-1].cumsum()[::-1]
    f = paid_before + br * slope_after - br
    negative = np.flatnonzero(f < 0)
    if not len(negative):
        return float(np.dot(w, b))
    k = int(negative[0])
    if k == 0 or slope_after[k] >= 1:
        return 0.0 if k == 0 else float(br[k - 1])
    return float(paid_before[k] / (1 - slope_after[k]))
