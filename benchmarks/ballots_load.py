"""Ballots under load: gunicorn on loopback, PostgreSQL, real HTTP POSTs of the ballot form.

    .venv/bin/python benchmarks/ballots_load.py [--seconds 20] [--clients 12] [--workers N]

Without ``DATABASE_URL`` it starts a throwaway PostgreSQL (as ``.ci/run`` does: initdb
and pg_ctl as the postgres user on a free port, removed on exit).  It migrates, creates
an edition open for voting with Kraków's ballot (3 city-wide and 3 district projects
ranked 3-2-1) and many verified residents with their sessions (bulk), starts the app
under gunicorn on 127.0.0.1 with WIEC_DEBUG off, and then a second process sends
ballots for a bounded time: each one a POST of the ballot form with its CSRF token,
answered by the confirmation page that shows the receipt.  It prints ballots per
second, p50 and p99 latency (from sending the ballot to reading its receipt), and checks that
every acknowledged ballot (receipt shown) is stored exactly once, whole, and that no
other ballot exists.  Only 127.0.0.1 is contacted; every loop stops by itself.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from voting_day import (  # noqa: E402
    VOTES_PER_BALLOT,
    Postgres,
    free_port,
    open_edition,
    percentile,
    production_settings,
)

PYTHON = sys.executable
SLUG = "bo-obciazenie"
RECEIPT = re.compile(r'id="receipt-code">([A-Z2-9-]+)<')


def prepare(n_voters: int) -> dict:
    """The voting edition and ``n_voters`` verified residents with sessions; the
    client's plan."""
    edition_id, residents = open_edition(SLUG, "BO pod obciążeniem", n_voters)
    voters = [
        {"session": r.session, "fields": r.fields, "user": r.user, "key": r.ballot_key}
        for r in residents
    ]
    return {"edition": edition_id, "voters": voters}


def verify(edition_id: int, plan: dict, results: list[dict]) -> list[str]:
    """Every acknowledged ballot stored once and whole; no other ballot stored."""
    from django.db import connections

    from wiec.budgets.models import Ballot, BallotChoice
    from wiec.budgets.voting import receipt_hash

    problems = []
    key_of = {v["user"]: v["key"] for v in plan["voters"]}
    acknowledged = [r for r in results if r["receipt"]]
    stored = dict(
        Ballot.objects.filter(edition_id=edition_id).values_list("receipt_hash", "voter_key")
    )
    for r in acknowledged:
        digest = receipt_hash(r["receipt"])
        if digest not in stored:
            problems.append(f"receipt {r['receipt']} shown but no ballot stored")
        elif stored[digest] != key_of[r["user"]]:
            problems.append(f"receipt {r['receipt']} belongs to another voter")
    n_ballots = len(stored)
    if not acknowledged:
        problems.append("no ballot was acknowledged")
    if n_ballots != len(acknowledged):
        problems.append(f"{n_ballots} ballots stored, {len(acknowledged)} acknowledged")
    per_key = Ballot.objects.filter(edition_id=edition_id).values("voter_key").distinct().count()
    if per_key != n_ballots:
        problems.append(f"{n_ballots - per_key} ballots share a voter")
    n_votes = BallotChoice.objects.filter(ballot__edition_id=edition_id).count()
    if n_votes != VOTES_PER_BALLOT * n_ballots:
        problems.append(f"{n_votes} votes for {n_ballots} ballots of {VOTES_PER_BALLOT} votes each")
    connections.close_all()
    return problems


# The client (a separate process, no Django) -------------------------------------------


def ballot_request(voter: dict, slug: str) -> bytes:
    """The whole HTTP request of one ballot, as a browser sends the form and nginx
    passes it on (HTTPS, the resident's own address in ``X-Forwarded-For``).

    CSRF: a cookie secret and the same secret in the form, which Django checks exactly
    as it checks the masked token its own form carries.
    """
    csrf = secrets.token_hex(16)
    n = voter["user"]
    body = urllib.parse.urlencode([("csrfmiddlewaretoken", csrf), *voter["fields"]]).encode()
    head = (
        f"POST /bo/{slug}/glosuj/ HTTP/1.1\r\n"
        "Host: 127.0.0.1\r\n"
        f"Cookie: sessionid={voter['session']}; csrftoken={csrf}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        "Origin: https://127.0.0.1\r\n"
        f"Referer: https://127.0.0.1/bo/{slug}/glosuj/\r\n"
        "X-Forwarded-Proto: https\r\n"
        f"X-Forwarded-For: 100.{64 + n // 65536 % 64}.{n // 256 % 256}.{n % 256}\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode() + body


def send(request: bytes, port: int) -> tuple[int, bytes]:
    """Send one request on a new connection; the status and the whole answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    answer = b"".join(chunks)
    return int(answer[9:12]), answer


def client(plan_file: str, out_file: str, port: int, seconds: float, threads: int) -> None:
    """Send ballots for ``seconds`` from ``threads`` threads; write what each got back.

    The requests are built before the clock starts and sent on plain sockets, so the
    sender spends as little of the machine as it can: the server is what is measured.
    """
    plan = json.loads(Path(plan_file).read_text())
    voters = plan["voters"]
    requests = [ballot_request(voter, plan["slug"]) for voter in voters]
    lock = threading.Lock()
    cursor = {"next": 0}
    results: list[dict] = []
    deadline = time.monotonic() + seconds

    def work() -> None:
        while time.monotonic() < deadline:
            with lock:
                n = cursor["next"]
                if n >= len(voters):
                    return
                cursor["next"] += 1
            started = time.perf_counter()
            result = {"user": voters[n]["user"], "receipt": None, "status": None}
            try:
                status, answer = send(requests[n], port)
                result["status"] = status
                if status == 200:
                    match = RECEIPT.search(answer.decode())
                    result["receipt"] = match.group(1) if match else None
            except (OSError, ValueError) as error:
                result["status"] = f"error: {error}"
            result["latency"] = time.perf_counter() - started
            result["finished"] = time.monotonic()
            with lock:
                results.append(result)

    started = time.monotonic()
    pool = [threading.Thread(target=work) for _n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    Path(out_file).write_text(
        json.dumps({"results": results, "elapsed": time.monotonic() - started})
    )


# Orchestration ------------------------------------------------------------------------


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process, its reaped children and its live children (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")

    def stat(p: int) -> list[str]:
        text = Path(f"/proc/{p}/stat").read_text()
        return text[text.rindex(")") + 2 :].split()

    try:
        fields = stat(pid)
    except OSError:
        return 0.0
    total = sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                child = stat(int(entry.name))
            except OSError:
                continue
            if int(child[1]) == pid:
                total += int(child[11]) + int(child[12])
    return total / tick


def machine_busy() -> tuple[float, float]:
    """Busy and total CPU seconds of the whole machine so far (/proc/stat)."""
    tick = os.sysconf("SC_CLK_TCK")
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]
    return (sum(values) - idle) / tick, sum(values) / tick


def wait_for(port: int, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not start")


def warm_up(port: int, n: int) -> None:
    """Let every worker import and render once before the clock starts."""

    def get() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            conn.request(
                "GET", f"/bo/{SLUG}/", headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
            )
            conn.getresponse().read()
        finally:
            conn.close()

    threads = [threading.Thread(target=get) for _n in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20, help="how long to send ballots")
    parser.add_argument("--clients", type=int, default=12, help="concurrent client threads")
    parser.add_argument("--client-processes", type=int, default=2)
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 2,
        help="gunicorn sync workers (default: one per core; the work is CPU-bound and the "
        "database and the client share the cores)",
    )
    parser.add_argument("--voters", type=int, default=12000, help="residents who may vote")
    parser.add_argument(
        "--client", nargs=3, metavar=("PLAN", "OUT", "PORT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.client:
        plan, out, port = args.client
        client(plan, out, int(port), args.seconds, args.clients)
        return
    if args.seconds <= 0 or args.seconds > 600:
        sys.exit("--seconds must be between 0 and 600")

    postgres = None if os.environ.get("DATABASE_URL") else Postgres()
    work = Path(tempfile.mkdtemp(prefix="wiec-load-"))
    processes: list[subprocess.Popen] = []

    def cleanup(*_args) -> None:
        for process in processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
        if postgres is not None:
            postgres.stop()
        shutil.rmtree(work, ignore_errors=True)

    signal.signal(signal.SIGTERM, lambda *_a: sys.exit(1))
    try:
        if postgres is not None:
            os.environ["DATABASE_URL"] = postgres.start("wiec_load")
        production_settings(
            WIEC_ALLOWED_HOSTS="127.0.0.1",
            WIEC_TRUSTED_PROXIES="1",  # the client stands for nginx
            WIEC_STATIC_ROOT=str(work),
        )
        t0 = time.perf_counter()
        plan = prepare(args.voters)
        print(
            f"prepared {len(plan['voters'])} verified residents in {time.perf_counter() - t0:.1f} s"
        )
        port = free_port()
        processes.append(
            subprocess.Popen(
                [
                    PYTHON,
                    "-m",
                    "gunicorn",
                    "wiec.wsgi",
                    "-b",
                    f"127.0.0.1:{port}",
                    "-w",
                    str(args.workers),
                    "--log-level",
                    "warning",
                ],
                cwd=REPO,
            )
        )
        wait_for(port)
        warm_up(port, 8 * args.workers)
        # Each client process gets its own share of the voters.
        shares = [plan["voters"][k :: args.client_processes] for k in range(args.client_processes)]
        outs = []
        for k, share in enumerate(shares):
            plan_file, out_file = work / f"plan{k}.json", work / f"out{k}.json"
            plan_file.write_text(json.dumps({"voters": share, "slug": SLUG}))
            outs.append(out_file)
            processes.append(
                subprocess.Popen(
                    [
                        PYTHON,
                        __file__,
                        "--seconds",
                        str(args.seconds),
                        "--clients",
                        str(max(1, args.clients // args.client_processes)),
                        "--client",
                        str(plan_file),
                        str(out_file),
                        str(port),
                    ]
                )
            )
        gunicorn_cpu = tree_cpu(processes[0].pid)
        postmaster = postgres.postmaster() if postgres is not None else None
        postgres_cpu = tree_cpu(postmaster) if postmaster else 0.0
        busy, total = machine_busy()
        reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
        for process in processes[1:]:
            process.wait(timeout=args.seconds + 120)
        clients = resource.getrusage(resource.RUSAGE_CHILDREN)  # only the clients ended
        client_cpu = clients.ru_utime + clients.ru_stime - reaped.ru_utime - reaped.ru_stime
        gunicorn_cpu = tree_cpu(processes[0].pid) - gunicorn_cpu
        postgres_cpu = (tree_cpu(postmaster) - postgres_cpu) if postmaster else 0.0
        busy2, total2 = machine_busy()
        results, elapsed = [], 0.0
        for out in outs:
            data = json.loads(out.read_text())
            results += data["results"]
            elapsed = max(elapsed, data["elapsed"])
        processes[0].terminate()
        processes[0].wait(10)
        acknowledged = [r for r in results if r["receipt"]]
        latencies = [r["latency"] for r in acknowledged]
        failed = len(results) - len(acknowledged)
        print(
            f"sent {len(results)} ballots in {elapsed:.1f} s from {args.client_processes} client "
            f"processes x {max(1, args.clients // args.client_processes)} threads to "
            f"{args.workers} gunicorn workers"
        )
        print(f"acknowledged (receipt shown): {len(acknowledged)}, not acknowledged: {failed}")
        if failed:
            statuses: dict[str, int] = {}
            for r in results:
                if not r["receipt"]:
                    statuses[str(r["status"])] = statuses.get(str(r["status"]), 0) + 1
            print(f"  by status: {statuses}")
        print(f"ballots/s: {len(acknowledged) / elapsed:.1f}")
        print(
            f"latency (ballot sent, receipt read): p50 {1000 * percentile(latencies, 0.5):.0f} ms, "
            f"p99 {1000 * percentile(latencies, 0.99):.0f} ms"
        )
        n = max(1, len(acknowledged))
        print(
            f"CPU per ballot: gunicorn {1000 * gunicorn_cpu / n:.1f} ms, PostgreSQL "
            f"{1000 * postgres_cpu / n:.1f} ms"
            + (" (external database: not measured)" if postmaster is None else "")
            + f", the sending clients {1000 * client_cpu / n:.1f} ms"
        )
        print(
            f"machine busy during the run: {100 * (busy2 - busy) / (total2 - total):.0f}% of "
            f"{os.cpu_count()} cores; the app and its database used "
            f"{(gunicorn_cpu + postgres_cpu) / elapsed:.2f} cores"
        )
        problems = verify(plan["edition"], plan, results)
        if problems:
            print("STORAGE CHECK FAILED:")
            for problem in problems[:20]:
                print("  " + problem)
            sys.exit(1)
        print(
            "storage check: every acknowledged ballot stored exactly once with "
            f"{VOTES_PER_BALLOT} votes, no other ballots ({len(acknowledged)} in all)"
        )
    finally:
        cleanup()


if __name__ == "__main__":
    main()
