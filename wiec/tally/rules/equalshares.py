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

Speed: ballots arrive merged with weights (``Election.arrays``).  A project's price is
found by the poor/rich iteration (voters who cannot pay the equal price pay all they
have, the others share the rest) with numpy over its supporters, and projects are
re-evaluated lazily: a price can only rise as voters spend, so the previous price is a
lower bound and a round stops evaluating once the best fresh price beats every bound.
Prices are floats; two prices within a relative ``TIE_TOLERANCE`` are a tie, broken by
the named tie-break, so that an exact tie never depends on rounding.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..model import Election, Outcome, ProjectResult, Status
from ..tiebreak import sort_key
from ._common import conflicts, result_row

TIE_TOLERANCE = 1e-9


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
    tie_keys = [sort_key(tie_break, index=j, votes=int(arrays.votes[j]),
                         cost=election.projects[j].cost, project_id=election.projects[j].id)
                for j in range(len(election.projects))]
    free = [j for j in range(len(cost)) if cost[j] == 0 and len(supporters[j])]
    return _Data(cost=cost, supporters=supporters, weight_s=weight_s, util=util, wutil=wutil,
                 uniform=uniform,
                 wu_total=wu_total, groups=len(arrays.weight), weight=arrays.weight,
                 tie_keys=tie_keys, conflicts=conflicts(election), free=free)


def _price(d: _Data, j: int, budget: np.ndarray) -> float:
    """The lowest rho at which project j's supporters can pay its cost (inf if never).

    Poor/rich iteration (Newton's method on a concave piecewise-linear function): the
    supporters who cannot pay ``rho * utility`` pay all they have, the others share the
    rest equally per unit of utility; repeat until nobody else turns poor.  On real
    ballots budgets take few distinct values and it ends after two to five passes.
    """
    s, w, wu = d.supporters[j], d.weight_s[j], d.wutil[j]
    b = budget.take(s)
    cost = d.cost[j]
    wb = w * b
    if wb.sum() < cost * (1 - 1e-12):
        return math.inf
    total_wu = d.wu_total[j]
    unit = d.uniform[j]
    if unit:  # approval: compare money with the payment cap, no per-voter division
        ratio, scale = b, unit
    else:
        ratio, scale = b / d.util[j], 1.0
    rho = cost / total_wu
    poor = ratio < rho * scale
    n_poor = int(np.count_nonzero(poor))
    while n_poor:
        paid = float(wb[poor].sum())
        rich_wu = total_wu - float(wu[poor].sum())
        if rich_wu <= 0:
            return rho
        rho = (cost - paid) / rich_wu
        poor = ratio < rho * scale
        count = int(np.count_nonzero(poor))
        if count == n_poor:
            break
        n_poor = count
    return rho


@dataclass
class _Run:
    winners: list[int]
    prices: list[float]
    budget_left: np.ndarray


def _run(d: _Data, share: float, *, on_round=None, limit: float = math.inf) -> _Run:
    """One MES run with every voter starting with ``share``.

    ``limit`` stops the run as soon as the selected projects cost more (Add1 only needs
    to know that a step overspends, not the rest of that outcome).
    """
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
        candidates = np.flatnonzero(alive)
        if not len(candidates):
            break
        order = candidates[np.argsort(bound[candidates], kind="stable")]
        best = math.inf
        tied: list[int] = []
        for j in order.tolist():
            if bound[j] > best * (1 + TIE_TOLERANCE):
                break
            rho = _price(d, j, budget)
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
        winner = min(tied, key=lambda k: d.tie_keys[k])
        rho = bound[winner]
        if on_round is not None:
            on_round(len(winners) + 1, winner, rho, budget, alive)
        s = d.supporters[winner]
        budget[s] = np.maximum(budget[s] - rho * d.util[winner], 0.0)
        alive[winner] = False
        winners.append(winner)
        prices.append(rho)
        spent += d.cost[winner]
        if spent > limit:
            break
        for k in d.conflicts.get(winner, ()):
            alive[k] = False
    return _Run(winners=winners, prices=prices, budget_left=budget)


def _total(d: _Data, winners: Sequence[int]) -> int:
    return int(sum(d.cost[j] for j in winners))


def _exhaustive(d: _Data, winners: Sequence[int], budget: int, excluded: set[int]) -> bool:
    left = budget - _total(d, winners)
    chosen = set(winners)
    return not any(d.cost[j] <= left for j in range(len(d.cost))
                   if j not in chosen and j not in excluded and d.wu_total[j] > 0)


def _add1(election: Election, d: _Data, stop_when_exhaustive: bool,
          integral_start: bool) -> tuple[_Run, float, int]:
    """Raise the equal share by one złoty while the outcome fits."""
    n = election.arrays().n_voters
    step = float(election.money_scale)
    budget = election.budget
    if n == 0:
        return _run(d, 0.0), 0.0, 1
    if d.cost.sum() <= budget:
        # Everything fits, so no step can overspend: stop once nothing more fits (the
        # compute tool skips Add1 here and pabutools stops at the exhaustive outcome).
        stop_when_exhaustive = True
    share = math.floor(budget / n / step) * step if integral_start else budget / n
    current = _run(d, share)
    runs = 1
    while True:
        excluded = {k for j in current.winners for k in d.conflicts.get(j, ())}
        if stop_when_exhaustive and _exhaustive(d, current.winners, budget, excluded):
            break
        if share > budget:  # every voter could pay any project alone: nothing changes
            break
        nxt = _run(d, share + step, limit=budget)
        runs += 1
        if _total(d, nxt.winners) > budget:
            break
        share += step
        current = nxt
    return current, share, runs


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


def _compare(election: Election, d: _Data, mes: Sequence[int], greedy: Sequence[int]
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


def equal_shares(election: Election, *, utilities: str, tie_break: Sequence[str],
                 completion: str | None = None, comparison: bool = False,
                 stop_when_exhaustive: bool = False, integral_start: bool = True,
                 rule: str = "equalshares") -> Outcome:
    """Count ``election`` with MES (see the module docstring for the variants).

    ``stop_when_exhaustive`` ends Add1 at the first outcome after which no project fits,
    as pabutools and the compute tool's "exhaustive" option do; the default keeps
    raising the share until the next step would overspend, which is what reproduces
    Wieliczka 2023 (30 projects; stopping early gives 31) and Świecie 2023.
    ``integral_start=False`` starts Add1 from ``budget / voters`` instead of whole złoty;
    with ``stop_when_exhaustive=True`` too it is pabutools' ``voter_budget_increment=1``.
    """
    d = _prepare(election, utilities, tie_break)
    arrays = election.arrays()
    n = arrays.n_voters
    runs = 1
    if completion == "add1":
        final, share, runs = _add1(election, d, stop_when_exhaustive, integral_start)
    else:
        share = election.budget / n if n else 0.0
        final = _run(d, share)

    details: dict[str, object] = {"utilities": utilities, "runs": runs,
                                  "voter_share": share / election.money_scale}
    winners = list(final.winners)
    used_greedy = False
    if comparison:
        greedy = _greedy_by_votes(election, d)
        prefers_mes, prefers_greedy = _compare(election, d, winners, greedy)
        details.update(prefers_mes=prefers_mes, prefers_greedy=prefers_greedy)
        if prefers_greedy > prefers_mes:
            winners, used_greedy = greedy, True
    rows = _explain(election, d, share, winners, final, used_greedy, details)
    selected = tuple(election.projects[j].id for j in winners)
    return Outcome(
        rule=rule, budget=election.budget, spent=_total(d, winners), selected=selected,
        results=rows, tie_break=tuple(tie_break), money_scale=election.money_scale,
        details=details,
    )


def _explain(election: Election, d: _Data, share: float, winners: list[int], final: _Run,
             used_greedy: bool, details: dict[str, object]) -> tuple[ProjectResult, ...]:
    """Result rows; for losers, how cheap or how popular they would have had to be."""
    arrays = election.arrays()
    m = len(d.cost)
    best_cost = np.zeros(m)
    best_more = np.full(m, np.inf)
    chosen = set(final.winners)
    cost_util = details["utilities"] == "cost"

    def measure(budget: np.ndarray, rho: float | None) -> None:
        for j in range(m):
            if j in chosen or not len(d.supporters[j]):
                continue
            s, w = d.supporters[j], d.weight_s[j]
            b = budget.take(s)
            pts = arrays.points[j]
            behind = float((w * b).sum())
            if rho is not None and behind <= best_cost[j] and behind < d.cost[j] * 0.5 \
                    and not math.isinf(best_more[j]):
                continue  # money behind only falls: this round cannot beat earlier ones
            if rho is None:  # after the last round: any price will do
                cap_cost = float(np.dot(w, b))
                have = cap_cost
                new_cap = share
            elif cost_util:
                cap_cost = _max_cost_cost_util(b, w, pts, rho)
                have = float(np.dot(w, np.minimum(b, rho * pts * d.cost[j])))
                new_cap = min(share, rho * d.cost[j])
            else:
                cap_cost = float(np.dot(w, np.minimum(b, rho * pts)))
                have = cap_cost
                new_cap = min(share, rho)
            if cap_cost < d.cost[j]:  # >= cost: it lost that round on a tie-break only
                best_cost[j] = max(best_cost[j], cap_cost)
            if new_cap > 0:
                more = max(math.ceil((d.cost[j] - have) / new_cap - 1e-9), 1)
                best_more[j] = min(best_more[j], more)

    def on_round(_round: int, _winner: int, rho: float, budget: np.ndarray, _alive) -> None:
        measure(budget, rho)

    replay = _run(d, share, on_round=on_round)
    measure(replay.budget_left, None)
    round_of = {j: k + 1 for k, j in enumerate(final.winners)}
    price_of = dict(zip(final.winners, final.prices, strict=True))
    excluded_by: dict[int, str] = {}
    for j in winners:
        for k in d.conflicts.get(j, ()):
            excluded_by.setdefault(k, election.projects[j].id)
    rows: dict[int, ProjectResult] = {}
    for rank, j in enumerate(winners, start=1):
        if used_greedy:
            rows[j] = result_row(election, arrays, j, Status.SELECTED, "comparison-greedy",
                                 {"prefers_mes": details["prefers_mes"],
                                  "prefers_greedy": details["prefers_greedy"]}, rank=rank)
        else:
            rho = price_of[j]
            pay = rho * (d.cost[j] if cost_util else 1) * (
                float(arrays.points[j].max()) if len(arrays.points[j]) else 1)
            rows[j] = result_row(election, arrays, j, Status.SELECTED, "mes-selected",
                                 {"round": round_of[j], "payment": round(pay)}, rank=rank)
    for j in range(m):
        if j in rows:
            continue
        if j in excluded_by:
            rows[j] = result_row(election, arrays, j, Status.EXCLUDED, "excluded-conflict",
                                 {"other": excluded_by[j]})
        elif not len(d.supporters[j]):
            rows[j] = result_row(election, arrays, j, Status.NOT_FUNDED, "no-support")
        else:
            max_cost = math.floor(best_cost[j] + 1e-6)
            max_cost = max_cost if max_cost < election.projects[j].cost else None
            more = None if math.isinf(best_more[j]) else int(best_more[j])
            money_behind = float(np.dot(d.weight_s[j], final.budget_left[d.supporters[j]]))
            rows[j] = result_row(
                election, arrays, j, Status.NOT_FUNDED, "mes-not-selected",
                {"money_behind": round(money_behind), "max_cost": max_cost,
                 "more_supporters": more},
                max_winning_cost=max_cost, extra_supporters_needed=more)
    order = list(winners) + [j for j in range(m) if j not in set(winners)]
    return tuple(rows[j] for j in order)


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
