"""Wiec's LEXIMIN against sortition-algorithms' MAXIMIN (highspy backend), side by side.

    .venv/bin/python benchmarks/sortition_vs_reference.py [--timeout 300] [--data DIR]
        [--instances example_small_20 example_large_200]

For each instance in ``../shared/data/sortition`` (panel size = the number at the end
of its name) it prints seconds and minimum selection probability for both. The
reference runs in its own process with a time limit (its maximin did not finish
example_large_200 in 20 minutes on the 2-core CI machine), killed when it runs out,
and the table says so. Its LEXIMIN needs Gurobi, hence MAXIMIN; the minimum of both
is the same number, so the comparison is fair on what it measures.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(os.environ.get("WIEC_SHARED_DATA", REPO.parent / "shared" / "data"))


def panel_size_of(name: str) -> int:
    match = re.search(r"(\d+)$", name)
    if not match:
        raise SystemExit(f"cannot tell the panel size from the instance name {name!r}")
    return int(match.group(1))


def ours_worker(directory: Path, k: int, *, group_types: bool) -> None:
    """Wiec's leximin; ``group_types=False`` solves person by person (no reduction)."""
    sys.path.insert(0, str(REPO))
    from wiec.sortition.io import read_pool, read_quotas
    from wiec.sortition.leximin import find_leximin
    from wiec.sortition.problem import compile_problem

    started = time.perf_counter()
    quotas = read_quotas(directory / "categories.csv")
    pool = read_pool(directory / "respondents.csv", categories=[q.category for q in quotas])
    problem = compile_problem(pool, quotas, k, group_types=group_types)
    dist = find_leximin(problem)
    out = {"seconds": time.perf_counter() - started, "min_probability": dist.min_probability}
    print(json.dumps(out), flush=True)


def reference_worker(directory: Path, k: int) -> None:
    """The reference's maximin, one JSON line on stdout."""
    import logging

    logging.disable(logging.CRITICAL)
    import sortition_algorithms as sa
    from sortition_algorithms.committee_generation import find_distribution_maximin

    started = time.perf_counter()
    lines = (directory / "categories.csv").read_text(encoding="utf-8").splitlines()
    lines[0] = "feature,value,min,max"  # its names for our category,feature
    rows = list(csv.reader((directory / "respondents.csv").open(encoding="utf-8")))
    people = io.StringIO()
    writer = csv.writer(people)
    writer.writerow(["id", *rows[0]])
    for number, row in enumerate(rows[1:]):
        writer.writerow([str(number), *row])
    data = sa.SelectionData(sa.CSVStringDataSource("\n".join(lines) + "\n", people.getvalue()))
    features, _ = data.load_features(k)
    pool, _ = data.load_people(sa.Settings(id_column="id", columns_to_keep=[]), features)
    committees, probabilities, _ = find_distribution_maximin(features, pool, k, [], "highspy")
    marginal = dict.fromkeys((str(i) for i in range(len(rows) - 1)), 0.0)
    for committee, p in zip(committees, probabilities, strict=True):
        for person in committee:
            marginal[person] += p
    out = {"seconds": time.perf_counter() - started, "min_probability": min(marginal.values())}
    print(json.dumps(out), flush=True)


WORKERS = {
    "ours": ("wiec leximin (groups)", lambda d, k: ours_worker(d, k, group_types=True)),
    "ours-people": (
        "wiec leximin (person by person)",
        lambda d, k: ours_worker(d, k, group_types=False),
    ),
    "reference": ("sortition-algorithms maximin (highspy)", reference_worker),
}


def run_worker(kind: str, directory: Path, k: int, timeout: float) -> dict[str, object]:
    """Run one solver in a child process that is killed when ``timeout`` runs out."""
    command = [sys.executable, __file__, "--worker", kind, str(directory), str(k)]
    started = time.perf_counter()
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,  # its own process group, so the kill takes HiGHS threads too
    )  # fmt: skip
    try:
        stdout, stderr = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        return {"status": f"no answer within {timeout:.0f} s (killed)", "seconds": timeout}
    if child.returncode != 0:
        last = (stderr.strip().splitlines() or ["?"])[-1]
        return {"status": f"failed: {last}", "seconds": time.perf_counter() - started}
    result = json.loads(stdout.strip().splitlines()[-1])
    result["status"] = "ok"
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA / "sortition")
    parser.add_argument("--instances", nargs="+", default=["example_small_20", "example_large_200"])
    parser.add_argument(
        "--timeout", type=float, default=300.0, help="seconds each solver gets per instance"
    )
    parser.add_argument(
        "--no-person-level",
        action="store_true",
        help="skip wiec's person-by-person run (shows what the reduction to groups buys)",
    )
    parser.add_argument("--worker", nargs=3, metavar=("KIND", "DIR", "K"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, directory, k = args.worker
        WORKERS[kind][1](Path(directory), int(k))
        return

    print(f"machine: {os.cpu_count()} cores; time limit per solver {args.timeout:.0f} s")
    header = f"{'instance':<20} {'solver':<40} {'seconds':>9} {'min probability':>16}  status"
    print(header)
    print("-" * len(header))
    for name in args.instances:
        directory = args.data / name
        k = panel_size_of(name)
        kinds = ["ours", "ours-people", "reference"]
        if args.no_person_level:
            kinds.remove("ours-people")
        for kind in kinds:
            result = run_worker(kind, directory, k, args.timeout)
            minimum = result.get("min_probability")
            shown = f"{minimum:>16.9f}" if isinstance(minimum, float) else f"{'-':>16}"
            print(
                f"{name:<20} {WORKERS[kind][0]:<40} {result['seconds']:>9.3f} {shown}  "
                f"{result['status']}",
                flush=True,
            )


if __name__ == "__main__":
    main()
