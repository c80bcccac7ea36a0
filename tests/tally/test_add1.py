"""Add1 that skips steps gives what the step-by-step definition gives.

``equal_shares(..., stepwise_add1=True)`` runs MES at every one-złoty step, the way the
cities and the pabulib checker define Add1; the default skips the steps that cannot
change the outcome.  Both must agree on the selected projects, the money spent and the
final equal share of a voter, on real files and on random small elections with big
budgets, where the skipping matters most.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.shared_data import require_shared
from wiec.tally import Ballot, Election, Project, VoteType, count, read_pabulib
from wiec.tally.rules.equalshares import equal_shares
from wiec.tally.tiebreak import DEFAULT_TIE_BREAK

ADD1_RULES = ("equalshares/add1", "equalshares/add1-comparison")

#: Other real files counted with Add1 for the comparison: approval and ordinal ones, small
#: enough that the step-by-step loop stays fast, several with long flat stretches.
SAMPLE = (
    "Poland_Gdynia_2020_Kamienna_Gora__large.pb",
    "Poland_Gdynia_2020_Redlowo__large.pb",
    "Poland_Krakow_2019_Bronowice.pb",  # ordinal
    "Poland_Lodz_2020_Stoki-Sikawa-Podgorze.pb",
    "Poland_Poznan_2023_6_-_Ogrody_Solacz_Winiary_Wola.pb",
    "Poland_Warszawa_2019_Miedzeszyn.pb",
    "Poland_Warszawa_2019_Radosc.pb",
    "Poland_Warszawa_2026_Srodmiescie.pb",
    "Poland_Warszawa_2026_Tarchomin.pb",
)


def _both(election: Election, **kwargs) -> tuple[tuple, tuple, bool]:
    """The fast and the step-by-step results, and whether the fast one skipped steps."""
    kwargs.setdefault("tie_break", DEFAULT_TIE_BREAK)
    kwargs.setdefault("completion", "add1")
    fast = equal_shares(election, **kwargs)
    slow = equal_shares(election, stepwise_add1=True, **kwargs)

    def key(out):
        return out.selected, out.spent, out.details["voter_share"]

    return key(fast), key(slow), fast.details["runs"] < slow.details["runs"]


@pytest.mark.shared_data
def test_real_add1_files_match_the_stepwise_definition():
    folder = require_shared("pabulib")
    checked = 0
    for path in sorted(Path(folder).glob("*.pb")):
        if "equalshares" not in path.read_text(encoding="utf-8-sig")[:4000]:
            continue
        election = read_pabulib(path)
        if election.rule not in ADD1_RULES:
            continue
        fast, slow, _ = _both(
            election, utilities="cost", rule=election.rule, comparison="comparison" in election.rule
        )
        assert fast == slow, path.name
        assert set(fast[0]) == set(count(election).selected), path.name
        checked += 1
    assert checked >= 2  # Świecie 2023 and Wieliczka 2023


@pytest.mark.shared_data
@pytest.mark.parametrize("name", SAMPLE)
def test_sampled_real_files_match_the_stepwise_definition(name):
    path = require_shared("pabulib", name)
    election = read_pabulib(path)
    for utilities in ("cost", "cardinality"):
        fast, slow, _ = _both(election, utilities=utilities)
        assert fast == slow, (name, utilities)


def _random_election(rng: random.Random) -> Election:
    """A few voters, a few projects, a budget far above what MES spends at first."""
    vote_type = rng.choice(
        [VoteType.APPROVAL, VoteType.APPROVAL, VoteType.ORDINAL, VoteType.CUMULATIVE]
    )
    m = rng.randint(2, 7)
    price_list = [rng.choice([50, 100, 120, 300, 450, 800]) for _ in range(3)]
    costs = [
        rng.choice(price_list) if rng.random() < 0.4 else rng.randint(0, 900) for _ in range(m)
    ]  # repeated costs make exact ties
    projects = [Project(f"p{j}", c) for j, c in enumerate(costs)]
    ballots = []
    for v in range(rng.randint(1, 7)):
        chosen = rng.sample([p.id for p in projects], rng.randint(1, m))
        points = None
        if vote_type is VoteType.CUMULATIVE:
            points = tuple(rng.randint(1, 5) for _ in chosen)
        ballots.append(Ballot(tuple(chosen), points=points, voter_id=f"v{v}"))
    groups = ((projects[0].id, projects[1].id),) if rng.random() < 0.2 else ()
    return Election(
        projects=projects,
        ballots=ballots,
        budget=rng.randint(300, 2500),
        vote_type=vote_type,
        exclusive_groups=groups,
        money_scale=rng.choice([1, 1, 2, 5]),
    )


@pytest.mark.parametrize("seed", range(6))
def test_random_small_elections_match_the_stepwise_definition(seed):
    rng = random.Random(seed)
    skipped = 0
    for case in range(25):
        election = _random_election(rng)
        variant = rng.choice(
            [{}, {}, {"comparison": True}, {"stop_when_exhaustive": True, "integral_start": False}]
        )
        for utilities in ("cost", "cardinality"):
            fast, slow, skips = _both(election, utilities=utilities, **variant)
            assert fast == slow, (seed, case, utilities, variant, election)
            skipped += skips
    assert skipped >= 10  # the cases do exercise the skipping (about 20 of 50 do)


def test_six_ballots_and_a_million_zloty_take_few_runs():
    """The web app's "what if" with 6 ballots: the step-by-step loop needs 125,835 MES
    runs (about 25 s); benchmarks/tally_add1_small.py prints both times."""
    costs = [250_000_00, 400_000_00, 120_000_00, 600_000_00, 90_000_00, 330_000_00, 75_000_00]
    projects = [Project(f"p{i}", c) for i, c in enumerate(costs)]
    votes = [("p0", "p1"), ("p1", "p2", "p3"), ("p3",), ("p4", "p5", "p0"), ("p6", "p2"), ("p5",)]
    election = Election(
        projects=projects,
        budget=1_000_000_00,
        money_scale=100,
        ballots=[Ballot(b, voter_id=f"v{k}") for k, b in enumerate(votes)],
    )
    out = count(election, rule="equalshares/add1")
    # The step-by-step loop's result (it stops where the next złoty would overspend).
    assert out.selected == ("p0", "p2", "p5", "p6")
    assert out.spent == 775_000_00
    assert out.details["voter_share"] == 292_499
    assert out.details["runs"] < 100
    out = count(election, rule="equalshares/add1", utilities="cardinality")
    assert out.selected == ("p2", "p6", "p4", "p0", "p5")
    assert out.spent == 865_000_00 and out.details["voter_share"] == 292_499
