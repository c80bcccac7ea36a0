"""Command line: ``python -m wiec.sortition`` (installed as ``wiec-sortition``).

    python -m wiec.sortition --categories C.csv --respondents R.csv --panel-size K
        [--algorithm leximin|maximin|legacy] [--seed S] [--reserves N]
        [--household-column COL] [--json]

With ``--json`` it prints exactly one JSON object on stdout:
``{"algorithm", "min_probability", "probabilities", "panel", "seconds"}`` where
``probabilities`` has one entry per respondent in file order and ``panel`` lists
0-based row numbers. Bad input exits with status 2 and one line on stderr, never a
traceback, so it is safe to script.
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
import time
from collections.abc import Sequence

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, like every other failure here
        sys.stderr.write(f"wiec-sortition: error: {message}\n")
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="wiec-sortition", description="Draw a citizens' panel fairly.")
    p.add_argument("--categories", required=True, help="CSV: category,feature,min,max")
    p.add_argument("--respondents", required=True, help="CSV: one column per category")
    p.add_argument("--panel-size", required=True, type=int, help="number of panelists")
    p.add_argument("--algorithm", default="leximin", choices=("leximin", "maximin", "legacy"))
    p.add_argument("--seed", help="public seed; a random one is made (and shown) if absent")
    p.add_argument("--reserves", type=int, default=0, help="reserves to draw after the panel")
    p.add_argument("--household-column", help="column with a household key (one per household)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    return p


def run(args: argparse.Namespace) -> int:
    from wiec.sortition import draw
    from wiec.sortition.io import read_pool, read_quotas

    started = time.perf_counter()
    quotas = read_quotas(args.categories)
    categories = list(dict.fromkeys(q.category for q in quotas))
    pool = read_pool(
        args.respondents, categories=categories, household_column=args.household_column
    )
    seed = args.seed if args.seed is not None else secrets.token_hex(8)
    record = draw(
        pool,
        quotas,
        args.panel_size,
        algorithm=args.algorithm,
        seed=seed,
        reserves=args.reserves,
    )
    seconds = time.perf_counter() - started
    dist = record.distribution
    if args.json:
        if args.seed is None:
            sys.stderr.write(f"seed: {seed}\n")
        out = {
            "algorithm": record.algorithm,
            "min_probability": dist.min_probability,
            "probabilities": list(dist.probabilities),
            "panel": list(record.panel),
            "seconds": round(seconds, 4),
        }
        sys.stdout.write(json.dumps(out) + "\n")
        return 0
    estimate = "" if dist.exact else " (estimated from repeated draws)"
    print(f"algorithm:        {record.algorithm}{estimate}")
    print(f"min probability:  {dist.min_probability:.6f}")
    print(f"max probability:  {max(dist.probabilities):.6f}")
    print(f"panels used:      {len(dist.panels)}")
    print(f"seed:             {seed}")
    print(f"inputs sha256:    {record.inputs_hash}")
    print(f"version:          {record.version}")
    print(f"seconds:          {seconds:.3f}")
    print(f"panel (rows):     {' '.join(map(str, record.panel))}")
    if record.reserves:
        print(f"reserves (rows):  {' '.join(map(str, record.reserves))}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 2 bad input, 3 internal error)."""
    from wiec.sortition.errors import SortitionError

    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except SortitionError as error:
        sys.stderr.write(f"wiec-sortition: error: {error.message}\n")
        return EXIT_BAD_INPUT
    except (OSError, UnicodeDecodeError) as error:
        sys.stderr.write(f"wiec-sortition: error: cannot read input: {error}\n")
        return EXIT_BAD_INPUT
    except Exception as error:  # the contract is one line, never a traceback
        sys.stderr.write(f"wiec-sortition: internal error: {type(error).__name__}: {error}\n")
        return EXIT_INTERNAL


if __name__ == "__main__":
    raise SystemExit(main())
