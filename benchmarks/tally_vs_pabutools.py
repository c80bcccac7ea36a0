"""wiec.tally against pabutools, both in one process, on the biggest Polish files.

    .venv/bin/python benchmarks/tally_vs_pabutools.py [--pabutools-add1]

For Warsaw 2026 citywide and the largest Łódź file it times parsing, greedy, MES with cost
utilities and MES with the Add1 completion, prints each time, the ratio and whether the
two outcomes are identical.  pabutools' Add1 would need tens of minutes on these files
(about 46 min on Warsaw 2026), so it is skipped there unless ``--pabutools-add1`` is given;
Add1 is compared instead on smaller files, with our options set to pabutools' variant
(start from budget/voters, stop at the first exhaustive outcome).

Both sides use the same tie-break (project id order, pabutools' default) and greedy
ignores the threshold, which pabutools' greedy does not know.

Our figures are the best and the median of ``--repeat`` runs (wall clock, and CPU time of
this process, which a machine shared with others disturbs less); pabutools runs once.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pabutools.election import Cost_Sat, parse_pabulib  # noqa: E402
from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares  # noqa: E402
from pabutools.tiebreaking import lexico_tie_breaking  # noqa: E402

from wiec.tally import count, read_pabulib  # noqa: E402
from wiec.tally.rules.equalshares import equal_shares  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "pabulib"
BIG = ["Poland_Warszawa_2026.pb", "Poland_Lodz_2020.pb"]
SMALL_ADD1 = [
    "Poland_Swiecie_2023.pb",
    "Poland_Wieliczka_2023_Green_Budget.pb",
    "Poland_Krakow_2019_Bienczyce.pb",
    "Poland_Warszawa_2026_Goclaw.pb",
]


REPEAT = 5


def timed(fn: Callable[[], object]) -> tuple[object, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def repeated(task: str, fn: Callable[[], object]) -> tuple[object, float]:
    """Run ``fn`` REPEAT times, print best and median; return the result and the best."""
    walls, cpus = [], []
    for _ in range(REPEAT):
        start, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    print(
        f"  {task:<22} wiec best {min(walls):8.3f} s  median {statistics.median(walls):8.3f} s"
        f"   (cpu best {min(cpus):.3f} s, median {statistics.median(cpus):.3f} s,"
        f" {REPEAT} runs)"
    )
    return result, min(walls)


def line(task: str, ours: float, theirs: float | None, same: bool | str) -> None:
    if theirs is None:
        print(f"  {task:<22} wiec {ours:8.3f} s   pabutools     skipped   {same}")
        return
    print(
        f"  {task:<22} wiec {ours:8.3f} s   pabutools {theirs:8.3f} s   "
        f"x{theirs / ours:7.1f}   identical: {same}"
    )


def names(allocation) -> set[str]:
    return {p.name for p in allocation}


def big_file(name: str, run_pabutools_add1: bool) -> None:
    path = DATA / name
    print(f"\n{name} ({path.stat().st_size / 1e6:.1f} MB)")
    election, t_ours = repeated("parse", lambda: read_pabulib(path))
    (instance, profile), t_theirs = timed(lambda: parse_pabulib(str(path)))
    print(f"  ({len(election.ballots)} ballots, {len(election.projects)} projects)")
    line("parse", t_ours, t_theirs, len(profile) == len(election.ballots))
    _, t_arrays = timed(election.arrays)
    print(f"  {'(ballots to arrays)':<22} wiec {t_arrays:8.3f} s   (once per election)")

    plain = dataclasses.replace(election, min_project_score_threshold=None, validate=False)
    ours, t_ours = timed(lambda: count(plain, rule="greedy", tie_break="id"))
    theirs, t_theirs = timed(
        lambda: greedy_utilitarian_welfare(
            instance, profile, sat_class=Cost_Sat, tie_breaking=lexico_tie_breaking
        )
    )
    line("greedy", t_ours, t_theirs, set(ours.selected) == names(theirs))

    ours_, t_ours = repeated(
        "MES (cost)", lambda: count(election, rule="equalshares", tie_break="id")
    )
    theirs, t_theirs = timed(
        lambda: method_of_equal_shares(
            instance, profile, sat_class=Cost_Sat, tie_breaking=lexico_tie_breaking
        )
    )
    line("MES (cost)", t_ours, t_theirs, set(ours_.selected) == names(theirs))

    out, t_ours = repeated(
        "MES + Add1 (cities)", lambda: count(election, rule="equalshares/add1", tie_break="id")
    )
    print(f"  {'':<22} ({out.details['runs']} runs, {len(out.selected)} projects)")

    def pb_like():
        return equal_shares(
            election,
            utilities="cost",
            tie_break=("id",),
            completion="add1",
            stop_when_exhaustive=True,
            integral_start=False,
        )

    ours, t_ours = timed(pb_like)
    if run_pabutools_add1:
        theirs, t_theirs = timed(
            lambda: method_of_equal_shares(
                instance,
                profile,
                sat_class=Cost_Sat,
                tie_breaking=lexico_tie_breaking,
                voter_budget_increment=1,
            )
        )
        line("MES + Add1 (pabutools)", t_ours, t_theirs, set(ours.selected) == names(theirs))
    else:
        line(
            "MES + Add1 (pabutools)",
            t_ours,
            None,
            f"skipped: {ours.details['runs']} MES runs, tens of minutes for pabutools",
        )


def small_add1(name: str) -> None:
    path = DATA / name
    election = read_pabulib(path)
    instance, profile = parse_pabulib(str(path))
    ours, t_ours = timed(
        lambda: equal_shares(
            election,
            utilities="cost",
            tie_break=("id",),
            completion="add1",
            stop_when_exhaustive=True,
            integral_start=False,
        )
    )
    theirs, t_theirs = timed(
        lambda: method_of_equal_shares(
            instance,
            profile,
            sat_class=Cost_Sat,
            tie_breaking=lexico_tie_breaking,
            voter_budget_increment=1,
        )
    )
    line(f"Add1 {name[7:30]}", t_ours, t_theirs, set(ours.selected) == names(theirs))


def main() -> None:
    global REPEAT
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--pabutools-add1",
        action="store_true",
        help="also run pabutools' Add1 on the big files (tens of minutes)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=REPEAT,
        help="runs of each of our timings (best and median are printed)",
    )
    args = parser.parse_args()
    REPEAT = args.repeat
    for name in BIG:
        big_file(name, args.pabutools_add1)
    print("\nMES + Add1, pabutools' variant, on smaller files")
    for name in SMALL_ADD1:
        if (DATA / name).exists():
            small_add1(name)


if __name__ == "__main__":
    main()
