"""Wiec's LEXIMIN against sortition-algorithms' MAXIMIN (highspy backend), side by side.

    .venv/bin/python benchmarks/sortition_vs_reference.py [--timeout 300] [--data DIR]
        [--instances example_small_20 climate_900 city_2000 city_2000_households ...]

For each instance in ``../shared/data/sortition`` (panel size = the number at the end
of its name) it prints seconds and minimum selection probability for both. Instances
named in :data:`REALISTIC` are generated (seeded) by :mod:`wiec.sortition.synthetic`:
pools shaped like real recruitment (skewed volunteering, census quotas ±15%), written
to a temporary directory in the same CSV format so both solvers read the same files.
Besides wall seconds it prints CPU seconds (both solvers run single-threaded): on a
shared machine the wall clock mostly measures the neighbours. ``agree`` says whether
the two minimums are equal within 1e-6; where the reference ran out of time it says
``bound`` when ours is within 1e-6 of the maximin of the LP relaxation (an upper bound
on every lottery's minimum, so reaching it proves ours optimal). The
reference runs in its own process with a CPU-time limit (its maximin did not finish
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
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: Generated instances: name -> (volunteers, panel size, features, household share).
REALISTIC = {
    "climate_900": (900, 60, 5, 0.0),
    "city_2000": (2000, 100, 7, 0.0),
    "city_2000_households": (2000, 100, 7, 0.2),
    "town_300": (300, 30, 6, 0.2),
}
DEFAULT_DATA = Path(os.environ.get("WIEC_SHARED_DATA", REPO.parent / "shared" / "data"))


def panel_size_of(name: str) -> int:
    match = re.search(r"(\d+)$", name)
    if not match:
        raise SystemExit(f"cannot tell the panel size from the instance name {name!r}")
    return int(match.group(1))


def write_realistic(name: str, directory: Path, seed: int) -> int:
    """Write a generated instance as categories.csv and respondents.csv; its panel size."""
    sys.path.insert(0, str(REPO))
    from wiec.sortition.synthetic import realistic_instance

    n, k, features, households = REALISTIC[name]
    pool, quotas = realistic_instance(n, k, features=features, households=households, seed=seed)
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / "categories.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["category", "feature", "min", "max"])
        for q in quotas:
            writer.writerow([q.category, q.value, q.min, q.max])
    categories = list(dict.fromkeys(q.category for q in quotas))
    with (directory / "respondents.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow([*categories, "household"])
        for p in pool:
            writer.writerow([*(p.features[c] for c in categories), p.household or ""])
    return k


def ours_worker(directory: Path, k: int, *, group_types: bool) -> None:
    """Wiec's leximin; ``group_types=False`` solves person by person (no reduction)."""
    sys.path.insert(0, str(REPO))
    from wiec.sortition.colgen import FIX_EPS
    from wiec.sortition.io import read_pool, read_quotas
    from wiec.sortition.leximin import find_leximin
    from wiec.sortition.problem import compile_problem
    from wiec.sortition.solver import relaxed_leximin

    started, cpu = time.perf_counter(), time.process_time()
    quotas = read_quotas(directory / "categories.csv")
    header = (directory / "respondents.csv").read_text(encoding="utf-8").splitlines()[0]
    household = "household" if "household" in header.split(",") else None
    pool = read_pool(
        directory / "respondents.csv",
        categories=[q.category for q in quotas],
        household_column=household,
    )
    problem = compile_problem(pool, quotas, k, group_types=group_types)
    dist = find_leximin(problem)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    # Not timed: the LP relaxation's maximin, an upper bound on every lottery's minimum.
    bound = relaxed_leximin(problem, FIX_EPS, 0.0).min()
    out = {
        "seconds": seconds,
        "cpu": cpu,
        "bound": float(bound),
        "min_probability": dist.min_probability,
        "sum": sum(dist.probabilities),
        "valid": all(problem.meets_quotas(p) for p in dist.panels),
    }
    print(json.dumps(out), flush=True)


def reference_worker(directory: Path, k: int) -> None:
    """The reference's maximin, one JSON line on stdout."""
    import logging

    logging.disable(logging.CRITICAL)
    import sortition_algorithms as sa
    from sortition_algorithms.committee_generation import find_distribution_maximin

    started, cpu = time.perf_counter(), time.process_time()
    lines = (directory / "categories.csv").read_text(encoding="utf-8").splitlines()
    lines[0] = "feature,value,min,max"  # its names for our category,feature
    rows = list(csv.reader((directory / "respondents.csv").open(encoding="utf-8")))
    has_households = "household" in rows[0]
    column = rows[0].index("household") if has_households else -1
    people = io.StringIO()
    writer = csv.writer(people)
    writer.writerow(["id", *rows[0]])
    for number, row in enumerate(rows[1:]):
        if has_households and not row[column]:  # a household of one: an address of its own
            row = [*row[:column], f"alone-{number}", *row[column + 1 :]]
        writer.writerow([str(number), *row])
    data = sa.SelectionData(sa.CSVStringDataSource("\n".join(lines) + "\n", people.getvalue()))
    features, _ = data.load_features(k)
    address = ["household"] if has_households else []
    pool, _ = data.load_people(sa.Settings(id_column="id", columns_to_keep=address), features)
    committees, probabilities, _ = find_distribution_maximin(features, pool, k, address, "highspy")
    marginal = dict.fromkeys((str(i) for i in range(len(rows) - 1)), 0.0)
    for committee, p in zip(committees, probabilities, strict=True):
        for person in committee:
            marginal[person] += p
    out = {
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
        "min_probability": min(marginal.values()),
    }
    print(json.dumps(out), flush=True)


WORKERS = {
    "ours": ("wiec leximin (groups)", lambda d, k: ours_worker(d, k, group_types=True)),
    "ours-people": (
        "wiec leximin (person by person)",
        lambda d, k: ours_worker(d, k, group_types=False),
    ),
    "reference": ("sortition-algorithms maximin (highspy)", reference_worker),
}


def _limit_cpu(seconds: float):
    """For the child: be killed (SIGXCPU, then SIGKILL) after ``seconds`` of CPU time."""

    def apply() -> None:
        import resource

        limit = max(1, int(seconds))
        resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 5))

    return apply


def run_worker(kind: str, directory: Path, k: int, timeout: float) -> dict[str, object]:
    """Run one solver in a child process that is stopped when ``timeout`` runs out.

    The limit is on CPU seconds (both solvers are single-threaded), so a busy shared
    machine does not cut a run short; the wall clock gets ten times as long as a
    backstop.
    """
    command = [sys.executable, __file__, "--worker", kind, str(directory), str(k)]
    started = time.perf_counter()
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,  # its own process group, so the kill takes HiGHS threads too
        preexec_fn=_limit_cpu(timeout),
    )  # fmt: skip
    try:
        stdout, stderr = child.communicate(timeout=10 * timeout)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        wall = time.perf_counter() - started
        return {"status": f"stopped after {10 * timeout:.0f} wall s (no answer)", "seconds": wall}
    if child.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        wall = time.perf_counter() - started
        return {
            "status": f"stopped after {timeout:.0f} CPU s (no answer)",
            "seconds": wall,
            "cpu": timeout,
        }
    if child.returncode != 0:
        last = (stderr.strip().splitlines() or ["?"])[-1]
        return {"status": f"failed: {last}", "seconds": time.perf_counter() - started}
    result = json.loads(stdout.strip().splitlines()[-1])
    result["status"] = "ok"
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA / "sortition")
    parser.add_argument(
        "--instances",
        nargs="+",
        default=["example_small_20", "climate_900", "city_2000", "city_2000_households"],
        help=f"public instances under --data, or generated ones: {', '.join(REALISTIC)}",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated pools")
    parser.add_argument(
        "--timeout", type=float, default=300.0, help="CPU seconds the reference gets per instance"
    )
    parser.add_argument(
        "--ours-timeout", type=float, default=600.0, help="CPU seconds wiec gets per instance"
    )
    parser.add_argument(
        "--person-level",
        action="store_true",
        help="also run wiec person by person on the public instances (what groups buy)",
    )
    parser.add_argument("--worker", nargs=3, metavar=("KIND", "DIR", "K"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, directory, k = args.worker
        WORKERS[kind][1](Path(directory), int(k))
        return

    print(
        f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; reference limit "
        f"{args.timeout:.0f} s, ours {args.ours_timeout:.0f} s; generated pools seed {args.seed}"
    )
    header = (
        f"{'instance':<22} {'solver':<40} {'wall s':>8} {'cpu s':>8} {'min probability':>16}"
        f"  {'agree':<6} status"
    )
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as scratch:
        for name in args.instances:
            if name in REALISTIC:
                directory = Path(scratch) / name
                k = write_realistic(name, directory, args.seed)
            else:
                directory = args.data / name
                k = panel_size_of(name)
            kinds = ["ours", "reference"]
            if args.person_level and name not in REALISTIC:
                kinds.insert(1, "ours-people")
            results = {}
            for kind in kinds:
                limit = args.timeout if kind == "reference" else args.ours_timeout
                results[kind] = result = run_worker(kind, directory, k, limit)
                minimum = result.get("min_probability")
                shown = f"{minimum:>16.9f}" if isinstance(minimum, float) else f"{'-':>16}"
                cpu = result.get("cpu")
                cpu_shown = f"{cpu:>8.2f}" if isinstance(cpu, float) else f"{'-':>8}"
                agree = ""
                ours = results["ours"].get("min_probability")
                bound = results["ours"].get("bound")
                if kind == "reference":
                    if isinstance(ours, float) and isinstance(minimum, float):
                        agree = "yes" if abs(ours - minimum) <= 1e-6 else "NO"
                    elif isinstance(ours, float) and isinstance(bound, float):
                        # No reference answer: the bound proves the minimum optimal.
                        agree = "bound" if bound - ours <= 1e-6 else "NO"
                    else:
                        agree = "n/a"
                status = result["status"]
                if kind != "reference" and "sum" in result:
                    met = "met" if result["valid"] else "BROKEN"
                    status += f"; sum {result['sum']:.6f}; quotas {met}"
                    if isinstance(minimum, float) and isinstance(result.get("bound"), float):
                        status += f"; {result['bound'] - minimum:.1e} below the LP bound"
                print(
                    f"{name:<22} {WORKERS[kind][0]:<40} {result['seconds']:>8.2f} {cpu_shown} "
                    f"{shown}  {agree:<6} {status}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
