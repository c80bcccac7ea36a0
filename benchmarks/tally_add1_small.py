"""MES with Add1: the step-by-step loop against the one that skips steps.

    .venv/bin/python benchmarks/tally_add1_small.py [--no-stepwise-small]

Prints, for the 6-ballot election with a 1,000,000 zł budget counted in grosze (the web
app's "what if"), for Warsaw 2026 citywide and for the largest Łódź file, the time and
number of MES runs of each, and whether the results (selected projects, spent, the final
equal share) are identical.  The step-by-step loop needs about half a minute on the
small election; ``--no-stepwise-small`` leaves it out.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from wiec.tally import Ballot, Election, Project, read_pabulib  # noqa: E402
from wiec.tally.rules.equalshares import equal_shares  # noqa: E402
from wiec.tally.tiebreak import DEFAULT_TIE_BREAK  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "pabulib"
BIG = ["Poland_Warszawa_2026.pb", "Poland_Lodz_2020.pb"]


def small_election() -> Election:
    costs = [250_000_00, 400_000_00, 120_000_00, 600_000_00, 90_000_00, 330_000_00, 75_000_00]
    votes = [("p0", "p1"), ("p1", "p2", "p3"), ("p3",), ("p4", "p5", "p0"), ("p6", "p2"), ("p5",)]
    return Election(
        projects=[Project(f"p{i}", c) for i, c in enumerate(costs)],
        ballots=[Ballot(b, voter_id=f"v{k}") for k, b in enumerate(votes)],
        budget=1_000_000_00,
        money_scale=100,
    )


def compare(label: str, election: Election, utilities: str, stepwise: bool) -> None:
    def timed(step: bool):
        start = time.perf_counter()
        out = equal_shares(
            election,
            utilities=utilities,
            tie_break=DEFAULT_TIE_BREAK,
            completion="add1",
            rule="equalshares/add1",
            stepwise_add1=step,
        )
        return out, time.perf_counter() - start

    fast, t_fast = timed(False)
    head = f"  {label:<28} {utilities:<11}"
    if not stepwise:
        print(
            f"{head} skipping {t_fast:8.3f} s ({fast.details['runs']:>6} runs)   "
            "step-by-step not run"
        )
        return
    slow, t_slow = timed(True)
    same = (
        all(getattr(fast, k) == getattr(slow, k) for k in ("selected", "spent"))
        and fast.details["voter_share"] == slow.details["voter_share"]
    )
    print(
        f"{head} step-by-step {t_slow:8.3f} s ({slow.details['runs']:>6} runs)   "
        f"skipping {t_fast:8.3f} s ({fast.details['runs']:>6} runs)   "
        f"x{t_slow / t_fast:8.1f}   identical: {same}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--no-stepwise-small",
        action="store_true",
        help="skip the half-minute step-by-step count of the small case",
    )
    args = parser.parse_args()
    print("MES + Add1 (cities' definition: +1 zł while the outcome fits)")
    small = small_election()
    for utilities in ("cost", "cardinality"):
        compare("6 ballots, 1,000,000 zł", small, utilities, not args.no_stepwise_small)
    for name in BIG:
        path = DATA / name
        if not path.exists():
            print(f"  {name}: not found in {DATA}")
            continue
        election = read_pabulib(path)
        election.arrays()  # built once per election; not part of the count
        for utilities in ("cost", "cardinality"):
            compare(name[7:-3], election, utilities, True)


if __name__ == "__main__":
    main()
