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
PYTHON = sys.executable
SLUG = "bo-obciazenie"
RECEIPT = re.compile(r'id="receipt-code">([A-Z2-9-]+)<')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# A throwaway PostgreSQL ---------------------------------------------------------------


class Postgres:
    """initdb + pg_ctl as the postgres user on a free loopback port; stop() removes it."""

    def __init__(self) -> None:
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name)
        if not bins:
            sys.exit("PostgreSQL is not installed: apt-get install postgresql, or set DATABASE_URL")
        self.bin = bins[-1]
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="wiec-pg-"))
        self.started = False

    def _as_postgres(self, *args: str) -> None:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", *args], check=True, stdout=subprocess.DEVNULL
        )

    def start(self) -> str:
        if subprocess.run(["id", "postgres"], capture_output=True).returncode:
            subprocess.run(["useradd", "--system", "--home", "/var/lib/postgresql", "postgres"])
        shutil.chown(self.dir, "postgres")
        data = str(self.dir / "data")
        self._as_postgres(str(self.bin / "initdb"), "-D", data, "-A", "trust", "-U", "postgres")
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=200"
            " -c shared_buffers=256MB -c synchronous_commit=off"
        )
        self._as_postgres(
            str(self.bin / "pg_ctl"),
            "-D",
            data,
            "-o",
            options,
            "-l",
            str(self.dir / "log"),
            "-w",
            "start",
        )
        self.started = True
        subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-qc",
                "create database wiec_load",
            ],
            check=True,
        )
        return f"postgres://postgres@127.0.0.1:{self.port}/wiec_load"

    def postmaster(self) -> int | None:
        try:
            return int((self.dir / "data" / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def stop(self) -> None:
        if self.started:
            subprocess.run(
                [
                    "runuser",
                    "-u",
                    "postgres",
                    "--",
                    str(self.bin / "pg_ctl"),
                    "-D",
                    str(self.dir / "data"),
                    "-m",
                    "fast",
                    "stop",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            self.started = False
        shutil.rmtree(self.dir, ignore_errors=True)


def production_settings(**extra: str) -> None:
    """Settings as in production (no debug), with throwaway keys, for this process and
    the ones it starts; tasks run at once and only errors are logged."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="wiec.settings",
        WIEC_DEBUG="0",
        WIEC_SECRET_KEY=secrets.token_urlsafe(40),
        WIEC_IDENTITY_HMAC_KEY=secrets.token_urlsafe(40),
        WIEC_BALLOT_HMAC_KEY=secrets.token_urlsafe(40),
        WIEC_TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        WIEC_LOG_LEVEL="ERROR",
        **extra,
    )


# Setting up the edition and the voters (Django) ---------------------------------------


def prepare(n_voters: int) -> dict:
    """The voting edition, ``n_voters`` verified residents with sessions; the client's plan."""
    import datetime

    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.db import connections
    from django.utils import timezone

    from wiec.core.sessions import SessionStore

    call_command("migrate", verbosity=0)
    from wiec.accounts.models import (
        IdentityBasis,
        IdentityPolicy,
        ResidencyDeclaration,
        ResidencyStatus,
        User,
    )
    from wiec.budgets.models import Edition, EditionPhase, Pool, Proposal, Status, VotingSettings
    from wiec.places import demo as places_demo
    from wiec.places.models import District

    city = places_demo.load()
    Edition.objects.filter(slug=SLUG).delete()
    edition = Edition.objects.create(city=city, name="BO pod obciążeniem", slug=SLUG)
    today = timezone.localdate()
    EditionPhase.objects.create(
        edition=edition,
        type="voting",
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=1),
    )
    VotingSettings.objects.create(edition=edition)
    ranked = {"ballot_type": "ordinal", "points": "3,2,1", "max_choices": 3, "min_choices": 3}
    districts = list(District.objects.filter(city=city).order_by("number"))
    pools = [Pool(edition=edition, kind="city", name="Ogólnomiejska", amount=10**10, **ranked)]
    pools += [
        Pool(edition=edition, kind="district", name=d.name, district=d, amount=10**9, **ranked)
        for d in districts
    ]
    Pool.objects.bulk_create(pools)
    pools = list(edition.pools.all())
    author = User.objects.create_user(f"autor-{secrets.token_hex(4)}@example.org", None)
    Proposal.objects.bulk_create(
        Proposal(
            edition=edition,
            pool=pool,
            author=author,
            title=f"{pool.name}: projekt {n}",
            description="opis",
            cost=(50_000 + 10_000 * n) * 100,
            status=Status.READY,
        )
        for pool in pools
        for n in range(8)
    )
    projects: dict[int, list[int]] = {}
    for pk, pool_id in Proposal.objects.filter(edition=edition).values_list("pk", "pool_id"):
        projects.setdefault(pool_id, []).append(pk)
    city_pool = next(p for p in pools if p.kind == "city")
    district_pool = {p.district_id: p for p in pools if p.kind == "district"}

    policy = IdentityPolicy.objects.create(city=city, name="PESEL (test)", ask_pesel=True)
    password = make_password(None)
    run = secrets.token_hex(4)
    User.objects.bulk_create(
        (
            User(
                email=f"glosujacy-{run}-{n}@example.org",
                password=password,
                district=districts[n % len(districts)],
            )
            for n in range(n_voters)
        ),
        batch_size=5000,
    )
    users = list(User.objects.filter(email__startswith=f"glosujacy-{run}-").order_by("pk"))
    ResidencyDeclaration.objects.bulk_create(
        (
            ResidencyDeclaration(
                user=user,
                city=city,
                policy=policy,
                full_name=f"Mieszkaniec {n}",
                street_address="ul. Długa 1",
                postal_code="31-001",
                town="Kraków",
                district_id=user.district_id,
                identity_basis=IdentityBasis.PESEL,
                identity_key=f"load-{run}-{n}",  # stands for the PESEL's HMAC
                birth_year=1950 + n % 55,
                sex="FM"[n % 2],
                status=ResidencyStatus.VERIFIED,
            )
            for n, user in enumerate(users)
        ),
        batch_size=5000,
    )
    # A logged-in session per voter, as django.contrib.auth.login() would store it.
    expires = timezone.now() + datetime.timedelta(days=1)
    sessions, voters = [], []
    store = SessionStore()
    for n, user in enumerate(users):
        key = secrets.token_hex(16)
        data = {
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": "wiec.accounts.backends.AccountBackend",
            "_auth_user_hash": user.get_session_auth_hash(),
        }
        sessions.append(
            Session(session_key=key, session_data=store.encode(data), expire_date=expires)
        )
        district_ids = projects[district_pool[user.district_id].pk]
        chosen_city = projects[city_pool.pk]
        fields = [("dzielnica", str(district_pool[user.district_id].pk))]
        for offset, ids in ((n, chosen_city), (n // 3, district_ids)):
            picks = [ids[(offset + k) % len(ids)] for k in range(3)]
            fields += [(f"rank-{pid}", str(rank)) for rank, pid in enumerate(picks, start=1)]
        voters.append({"session": key, "fields": fields, "user": user.pk})
    Session.objects.bulk_create(sessions, batch_size=5000)
    connections.close_all()
    return {"edition": edition.pk, "voters": voters}


def verify(edition_id: int, results: list[dict]) -> list[str]:
    """Every acknowledged ballot stored once and whole; no other ballot stored."""
    from django.db import connections

    from wiec.accounts.models import ResidencyDeclaration
    from wiec.budgets.models import Ballot, BallotChoice
    from wiec.budgets.voting import ballot_key, receipt_hash

    problems = []
    acknowledged = [r for r in results if r["receipt"]]
    stored = dict(
        Ballot.objects.filter(edition_id=edition_id).values_list("receipt_hash", "voter_key")
    )
    keys = dict(
        ResidencyDeclaration.objects.filter(
            user_id__in=[r["user"] for r in acknowledged]
        ).values_list("user_id", "identity_key")
    )
    for r in acknowledged:
        digest = receipt_hash(r["receipt"])
        if digest not in stored:
            problems.append(f"receipt {r['receipt']} shown but no ballot stored")
        elif stored[digest] != ballot_key(edition_id, keys.get(r["user"])):
            problems.append(f"receipt {r['receipt']} belongs to another voter")
    n_ballots = len(stored)
    if n_ballots != len(acknowledged):
        problems.append(f"{n_ballots} ballots stored, {len(acknowledged)} acknowledged")
    per_key = Ballot.objects.filter(edition_id=edition_id).values("voter_key").distinct().count()
    if per_key != n_ballots:
        problems.append(f"{n_ballots - per_key} ballots share a voter")
    n_votes = BallotChoice.objects.filter(ballot__edition_id=edition_id).count()
    if n_votes != 6 * n_ballots:
        problems.append(f"{n_votes} votes for {n_ballots} ballots of 6 votes each")
    connections.close_all()
    return problems


# The client (a separate process, no Django) -------------------------------------------


def ballot_request(voter: dict, slug: str, port: int) -> bytes:
    """The whole HTTP request of one ballot, as a browser sends the form.

    CSRF: a cookie secret and the same secret in the form, which Django checks exactly
    as it checks the masked token its own form carries.
    """
    csrf = secrets.token_urlsafe(24)[:32].replace("-", "a").replace("_", "b")
    body = urllib.parse.urlencode([("csrfmiddlewaretoken", csrf), *voter["fields"]]).encode()
    head = (
        f"POST /bo/{slug}/glosuj/ HTTP/1.1\r\n"
        "Host: 127.0.0.1\r\n"
        f"Cookie: sessionid={voter['session']}; csrftoken={csrf}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Referer: http://127.0.0.1:{port}/bo/{slug}/glosuj/\r\n"
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
    requests = [ballot_request(voter, plan["slug"], port) for voter in voters]
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


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


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
            conn.request("GET", f"/bo/{SLUG}/", headers={"Host": "127.0.0.1"})
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
            os.environ["DATABASE_URL"] = postgres.start()
        production_settings(
            WIEC_ALLOWED_HOSTS="127.0.0.1", WIEC_SECURE_COOKIES="0", WIEC_STATIC_ROOT=str(work)
        )
        sys.path.insert(0, str(REPO))
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
        problems = verify(plan["edition"], results)
        if problems:
            print("STORAGE CHECK FAILED:")
            for problem in problems[:20]:
                print("  " + problem)
            sys.exit(1)
        print(
            f"storage check: every acknowledged ballot stored exactly once with 6 votes, "
            f"no other ballots ({len(acknowledged)} in all)"
        )
    finally:
        cleanup()


if __name__ == "__main__":
    main()
