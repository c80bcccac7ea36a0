"""``python -m wiec.tally FILE.pb [--rule RULE] [--utilities cost|cardinality] [--json]``.

Counts a pabulib file and prints the outcome: a readable table, or with ``--json``
exactly one JSON object ``{"rule", "budget", "spent", "selected"}`` (money in the file's
units).  Bad input exits with status 2 and one line ``FILE:LINE: problem``, never a
traceback, so that scripts and city officials see what to fix.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from .counting import RULES, UTILITIES, count
from .errors import PabulibError, TallyError
from .explain import money
from .io import read_pabulib
from .model import Election, Outcome


def _amount(value: int, scale: int) -> int | float:
    return value if scale == 1 else value / scale


def _table(outcome: Outcome, names: dict[str, str]) -> str:
    scale = outcome.money_scale
    lines = [
        f"rule: {outcome.rule}    budget: {money(outcome.budget, scale)}    "
        f"spent: {money(outcome.spent, scale)}    selected: {len(outcome.selected)}",
        "",
        f"{'project':>10}  {'cost':>14}  {'votes':>7}  {'score':>7}  status            name",
    ]
    for r in outcome.results:
        lines.append(
            f"{r.project_id:>10}  {money(r.cost, scale):>14}  {r.votes:>7}  "
            f"{r.score:>7}  {r.status.value:<16}  {names.get(r.project_id, '')[:50]}"
        )
        lines.append(f"{'':>12}{r.explanation_en}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m wiec.tally", description="Count a participatory budget (pabulib file)."
    )
    parser.add_argument("file", help="a pabulib .pb file")
    parser.add_argument(
        "--rule", choices=sorted(RULES), help="counting rule (default: the file's own rule)"
    )
    parser.add_argument(
        "--utilities",
        choices=UTILITIES,
        default="cost",
        help="voter utilities for the Method of Equal Shares",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    try:
        election = read_pabulib(args.file)
        outcome = count(election, rule=args.rule, utilities=args.utilities)
    except PabulibError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except TallyError as exc:
        print(f"{args.file}: {exc.message}", file=sys.stderr)
        return 2
    try:
        _print(outcome, election, as_json=args.json)
    except BrokenPipeError:  # e.g. piped into head: not an error of ours
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
    return 0


def _print(outcome: Outcome, election: Election, *, as_json: bool) -> None:
    if as_json:
        print(
            json.dumps(
                {
                    "rule": outcome.rule,
                    "budget": _amount(outcome.budget, outcome.money_scale),
                    "spent": _amount(outcome.spent, outcome.money_scale),
                    "selected": list(outcome.selected),
                },
                ensure_ascii=False,
            )
        )
    else:
        print(_table(outcome, {p.id: p.name for p in election.projects}))


if __name__ == "__main__":
    sys.exit(main())
