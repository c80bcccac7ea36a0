"""A budget vote through process and database faults: nothing lost, nothing doubled.

    .venv/bin/python benchmarks/ballots_faults.py [--voters 10000] [--quick] [--clients 64]

Run as root (it makes network namespaces and runs PostgreSQL as the postgres user).
It starts a throwaway PostgreSQL (as ``.ci/run`` does, with PostgreSQL's own durability
settings: ``fsync`` and ``synchronous_commit`` on), migrates, and creates an edition open
for voting and its voters through ``voting_day.open_edition`` (shared with
``ballots_load.py``): ``--voters`` for the faults, and a tenth as many again twice over
(at least four per client) for the comparison of two hosts against one.

Two hosts run the app under gunicorn, each in a network namespace of the benchmark's own
making (a veth pair each, addresses 10.x; PostgreSQL listens on the host's side of both
pairs).  Where namespaces cannot be made, both run on loopback ports instead and the
output says so.  The clients stand for nginx in front of the hosts: each request carries
the voter's own address in ``X-Forwarded-For`` and ``X-Forwarded-Proto: https``
(``WIEC_TRUSTED_PROXIES=1``), so limits count people, not the proxy.

First, without faults, one sample of voters votes through host A alone and another
through both hosts, and the ballots per second of each are printed side by side.
Then ``--clients`` threads cast one ballot per voter, sharing the voters between the hosts.
A browser's behaviour on a fault is copied exactly: a connection refused, reset or
timed out, an incomplete answer or a 5xx makes the voter send the same form again (the
ballot form has no idempotency token: the one-ballot-per-person unique index is what
refuses a second ballot), to the other host as a load balancer would.  A resent form
whose first copy was stored is answered "already voted" with the offer of a new receipt
code; the voter takes it (``/glosuj/nowe-potwierdzenie/``), as the page invites.

During the run one host's gunicorn (master and workers) is killed with SIGKILL three
times and restarted, alternating between hosts, and PostgreSQL is restarted once with
``pg_ctl restart -m immediate`` (a crash as far as its clients can tell).

At the end it counts from the database and prints them beside the reference: ballots
stored, voters with a receipt, voters with more than one ballot, acknowledged ballots not
stored (lost), receipts that verify no stored ballot, stored ballots not whole, stored
ballots whose voter never saw a receipt; and throughput and p50/p95 latency (from the
first send of the form to the receipt in hand, retries included), beside the figures
without faults for one host and two.  It exits 1 if anything was lost, doubled,
half-stored or left without a receipt.  Namespaces, processes and the data directory
are removed at the end, also on Ctrl-C.
"""

from __future__ import annotations

import argparse
import os
import random
import re
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
from dataclasses import dataclass, field
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
SLUG = "bo-awarie"
PORT = 8000  # gunicorn's port inside each namespace
RECEIPT = re.compile(rb'id="receipt-code">([A-Z2-9-]+)<')
REISSUE_PATH = f"/bo/{SLUG}/glosuj/nowe-potwierdzenie/"
VOTE_PATH = f"/bo/{SLUG}/glosuj/"
GIVE_UP_AFTER = 300.0  # seconds a voter keeps trying


# Two hosts ------------------------------------------------------------------------------


class Network:
    """Two network namespaces, each joined to this host by a veth pair.

    Host ``k`` is ``10.B.k.2`` inside its namespace; this side of its pair is
    ``10.B.k.1``, where PostgreSQL listens.  ``B`` is picked so as not to clash with an
    address already on the machine.
    """

    def __init__(self) -> None:
        tag = f"{os.getpid() % 100000}"
        self.namespaces = [f"wiecf{tag}a", f"wiecf{tag}b"]
        self.links = [f"wf{tag}a", f"wf{tag}b"]
        taken = subprocess.run(["ip", "-4", "addr"], capture_output=True, text=True).stdout
        octet = next(b for b in random.sample(range(100, 250), 150) if f" 10.{b}." not in taken)
        self.base = f"10.{octet}"
        self.made: list[str] = []

    @property
    def trusted_net(self) -> str:
        return f"{self.base}.0.0/16"

    def db_side(self, k: int) -> str:
        return f"{self.base}.{k}.1"

    def host(self, k: int) -> str:
        return f"{self.base}.{k}.2"

    def up(self) -> None:
        def ip(*args: str) -> None:
            subprocess.run(["ip", *args], check=True, capture_output=True)

        for k, (ns, link) in enumerate(zip(self.namespaces, self.links, strict=True)):
            ip("netns", "add", ns)
            self.made.append(ns)
            ip("link", "add", f"{link}0", "type", "veth", "peer", "name", f"{link}1")
            ip("link", "set", f"{link}1", "netns", ns)
            ip("addr", "add", f"{self.db_side(k)}/24", "dev", f"{link}0")
            ip("link", "set", f"{link}0", "up")
            ip("-n", ns, "addr", "add", f"{self.host(k)}/24", "dev", f"{link}1")
            ip("-n", ns, "link", "set", f"{link}1", "up")
            ip("-n", ns, "link", "set", "lo", "up")

    def down(self) -> None:
        for ns, link in zip(self.namespaces, self.links, strict=True):
            subprocess.run(["ip", "link", "del", f"{link}0"], capture_output=True)
            if ns in self.made:
                subprocess.run(["ip", "netns", "del", ns], capture_output=True)
        self.made = []


@dataclass
class Host:
    """One gunicorn (master and workers) serving the app at ``address:port``."""

    name: str
    address: str
    port: int
    database_url: str
    namespace: str | None
    workers: int
    log: Path
    process: subprocess.Popen | None = None
    kills: int = 0

    def start(self) -> None:
        command = [PYTHON, "-m", "gunicorn", "wiec.wsgi", "-b", f"{self.address}:{self.port}"]
        command += ["-w", str(self.workers), "--timeout", "30", "--log-level", "warning"]
        if self.namespace:
            command = ["ip", "netns", "exec", self.namespace, *command]
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                command,
                cwd=REPO,
                env={**os.environ, "DATABASE_URL": self.database_url},
                stdout=log,
                stderr=log,
                start_new_session=True,  # its own process group: master and workers
            )

    def kill(self) -> None:
        """SIGKILL to the master and every worker at once, as the OOM killer would."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            self.kills += 1

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(5)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def wait_ready(self, timeout: float = 60) -> None:
        """Until the app answers a page (every worker has imported Django by then)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                status, _body = http(self, f"GET /bo/{SLUG}/ HTTP/1.1\r\n", b"", timeout=10)
                if status == 200:
                    return
            except (OSError, ValueError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{self.name} did not start; see {self.log}")


# The voters' side (plain sockets: the server is what is measured) --------------------


def http(host: Host, first_line: str, body: bytes, headers: str = "", timeout: float = 60):
    """One request on a new connection; the status and the whole body.

    An answer cut short (the connection closed before ``Content-Length`` bytes) raises
    ``ValueError``, as a browser shows an error page rather than half a receipt.
    """
    head = (
        f"{first_line}Host: {host.address}\r\n"
        "X-Forwarded-Proto: https\r\n"
        f"Content-Length: {len(body)}\r\n{headers}Connection: close\r\n\r\n"
    )
    with socket.create_connection((host.address, host.port), timeout=timeout) as sock:
        sock.sendall(head.encode() + body)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    answer = b"".join(chunks)
    header, _sep, content = answer.partition(b"\r\n\r\n")
    if not header.startswith(b"HTTP/1.") or not _sep:
        raise ValueError("no answer")
    length = re.search(rb"(?im)^content-length:\s*(\d+)", header)
    if length and len(content) < int(length.group(1)):
        raise ValueError("answer cut short")
    return int(header[9:12]), content


@dataclass
class Voter:
    user: int
    session: str
    address: str
    fields: list[tuple[str, str]]
    ballot_key: str  # the stored ballot's voter_key, from the PESEL's keyed hash
    receipt: str | None = None
    recovered: bool = False  # the receipt came from the "new receipt code" form
    attempts: int = 0
    connection_errors: int = 0
    server_errors: int = 0
    first_sent: float = 0.0
    finished: float = 0.0
    problems: list[str] = field(default_factory=list)


def form_headers(voter: Voter, host: Host, csrf: str, path: str) -> str:
    """What a browser sends with a form: the session, the CSRF cookie, where it came from,
    and what nginx adds (the voter's address)."""
    origin = f"https://{host.address}"
    return (
        f"Cookie: sessionid={voter.session}; csrftoken={csrf}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Origin: {origin}\r\nReferer: {origin}{path}\r\n"
        f"X-Forwarded-For: {voter.address}\r\n"
    )


def post(voter: Voter, host: Host, path: str, fields: list[tuple[str, str]]):
    # CSRF: a cookie secret and the same secret in the form, which Django accepts as it
    # accepts the masked token its own form carries.
    csrf = secrets.token_hex(16)
    body = urllib.parse.urlencode([("csrfmiddlewaretoken", csrf), *fields]).encode()
    return http(host, f"POST {path} HTTP/1.1\r\n", body, form_headers(voter, host, csrf, path))


def get(voter: Voter, host: Host, path: str):
    headers = f"Cookie: sessionid={voter.session}\r\nX-Forwarded-For: {voter.address}\r\n"
    return http(host, f"GET {path} HTTP/1.1\r\n", b"", headers)


class Voting:
    """The clients: each voter sends the ballot form until a receipt is in hand."""

    def __init__(self, voters: list[Voter], hosts: list[Host], clients: int) -> None:
        self.voters = voters
        self.hosts = hosts
        self.clients = clients
        self.lock = threading.Lock()
        self.next = 0
        self.done = 0
        self.stop = threading.Event()

    def run(self) -> None:
        threads = [threading.Thread(target=self._work, daemon=True) for _n in range(self.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            while thread.is_alive():
                thread.join(0.5)

    def _work(self) -> None:
        while not self.stop.is_set():
            with self.lock:
                n = self.next
                if n >= len(self.voters):
                    return
                self.next += 1
            self._vote(n, self.voters[n])
            with self.lock:
                self.done += 1

    def _vote(self, n: int, voter: Voter) -> None:
        turn = n % len(self.hosts)
        voter.first_sent = time.monotonic()
        give_up = voter.first_sent + GIVE_UP_AFTER
        reissue = False
        while not self.stop.is_set() and time.monotonic() < give_up:
            host = self.hosts[turn % len(self.hosts)]
            voter.attempts += 1
            try:
                if reissue:
                    status, body = post(voter, host, REISSUE_PATH, [])
                else:
                    status, body = post(voter, host, VOTE_PATH, voter.fields)
            except (OSError, ValueError):
                voter.connection_errors += 1
                status, body = None, b""
            if status == 200 and (match := RECEIPT.search(body)):
                voter.receipt = match.group(1).decode()
                voter.recovered = reissue
                voter.finished = time.monotonic()
                return
            if status is not None and status < 500 and not reissue:
                if REISSUE_PATH.encode() in body:
                    reissue = True  # "already voted": the page offers a new receipt
                    continue
                if b"receipt-code" not in body:
                    # The answer neither shows a receipt nor offers one: reload the
                    # ballot page, as a person would, and look for the offer there.
                    try:
                        _status, page = get(voter, host, VOTE_PATH)
                    except (OSError, ValueError):
                        page = b""
                    if REISSUE_PATH.encode() in page:
                        voter.problems.append(f"resent form answered {status} with no offer")
                        reissue = True
                        continue
                    voter.problems.append(f"answer {status}: {body[:200]!r}")
                    return
            if status is not None and status < 500 and reissue and status != 200:
                voter.problems.append(f"new receipt refused: {status}")
                return
            if status is not None and status >= 500:
                voter.server_errors += 1
            turn += 1  # the load balancer sends the retry to the other host
            time.sleep(min(2.0, 0.1 * voter.attempts) * random.uniform(0.5, 1.5))
        voter.problems.append("gave up")


# Faults --------------------------------------------------------------------------------


@dataclass
class Fault:
    at: float  # the share of voters done when it happens
    what: str  # "kill" or "postgres"
    host: int = 0


FAULTS = [
    Fault(0.12, "kill", 0),
    Fault(0.35, "kill", 1),
    Fault(0.55, "postgres"),
    Fault(0.75, "kill", 0),
]


def inject_faults(voting: Voting, hosts: list[Host], postgres: Postgres, log: list):
    """Waits for each fault's moment in the run, causes it and says so at once."""

    def say(line: str) -> None:
        log.append(line)
        print(f"  fault: {line}", flush=True)

    for fault in FAULTS:
        while voting.done < fault.at * len(voting.voters):
            time.sleep(0.05)
        if voting.stop.is_set() or voting.done >= len(voting.voters):
            say(f"the run ended before the fault at {fault.at:.0%} ({fault.what})")
            return
        moment = f"{voting.done} ballots in"
        if fault.what == "kill":
            host = hosts[fault.host]
            host.kill()
            time.sleep(1.0)  # down for a moment: its voters' connections are refused
            started = time.monotonic()
            host.start()
            host.wait_ready()
            say(
                f"{moment}: SIGKILL to {host.name}'s gunicorn (master and workers), "
                f"serving again after {1 + time.monotonic() - started:.1f} s"
            )
        else:
            seconds = postgres.restart_immediately()
            say(f"{moment}: pg_ctl restart -m immediate, back after {seconds:.1f} s")


# Setting up the edition and the voters ------------------------------------------------


def prepare(n_voters: int) -> tuple[int, list[Voter]]:
    """The edition open for voting and ``n_voters`` residents with PESEL and a session,
    each coming through nginx from an address of their own."""
    edition_id, residents = open_edition(SLUG, "BO mimo awarii", n_voters)
    voters = [
        Voter(
            user=r.user,
            session=r.session,
            address=f"100.{64 + n // 65536 % 64}.{n // 256 % 256}.{n % 256}",  # as nginx saw it
            fields=r.fields,
            ballot_key=r.ballot_key,
        )
        for n, r in enumerate(residents)
    ]
    return edition_id, voters


# Counting afterwards -------------------------------------------------------------------


def count(edition_id: int, voters: list[Voter]) -> list[tuple]:
    """Rows of (what, figure, reference) from the database and the voters' receipts."""
    from django.db import connections
    from django.db.models import Count

    from wiec.budgets.models import Ballot
    from wiec.budgets.voting import receipt_hash

    stored = {
        b["voter_key"]: b
        for b in Ballot.objects.filter(edition_id=edition_id)
        .values("voter_key", "receipt_hash")
        .annotate(votes=Count("votes"))
    }
    n_ballots = Ballot.objects.filter(edition_id=edition_id).count()
    per_key = (
        Ballot.objects.filter(edition_id=edition_id)
        .values("voter_key")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    ours = {v.ballot_key for v in voters}
    with_receipt = [v for v in voters if v.receipt]
    lost = [v for v in with_receipt if v.ballot_key not in stored]
    hashes = {b["receipt_hash"]: key for key, b in stored.items()}
    unverified = [v for v in with_receipt if hashes.get(receipt_hash(v.receipt)) != v.ballot_key]
    acknowledged = {v.ballot_key for v in with_receipt}
    never_shown = [key for key in stored if key not in acknowledged]
    not_whole = [key for key, b in stored.items() if b["votes"] != VOTES_PER_BALLOT]
    strangers = [key for key in stored if key not in ours]
    connections.close_all()
    n = len(voters)
    return [
        ("voters", n, n),
        ("ballots stored", n_ballots, n),
        ("voters who got a receipt", len(with_receipt), n),
        ("  of them through the new-receipt form", sum(v.recovered for v in voters), None),
        ("voters with more than one ballot (doubled)", per_key, 0),
        ("receipt shown, no ballot stored (lost)", len(lost), 0),
        ("receipts that verify no ballot of theirs", len(unverified), 0),
        ("ballots stored whose voter never saw a receipt", len(never_shown), 0),
        (f"ballots not whole ({VOTES_PER_BALLOT} votes each)", len(not_whole), 0),
        ("ballots of nobody who voted", len(strangers), 0),
        ("voters who gave up", sum("gave up" in v.problems for v in voters), 0),
    ]


# Two hosts against one, without faults ------------------------------------------------


def compare_hosts(voters: list[Voter], hosts: list[Host], clients: int) -> list[tuple]:
    """Ballots per second and latency with the first host alone, then with both, each
    on its own half of ``voters`` and with no fault: what a second host adds."""
    half = len(voters) // 2
    warmers = [
        threading.Thread(target=host.wait_ready) for host in hosts for _n in range(4 * host.workers)
    ]
    for thread in warmers:  # every worker has rendered a page before the clock starts
        thread.start()
    for thread in warmers:
        thread.join()
    rates = []
    for serving, share in ((hosts[:1], voters[:half]), (hosts, voters[half:])):
        started = time.monotonic()
        Voting(share, serving, clients).run()
        elapsed = time.monotonic() - started
        latencies = [v.finished - v.first_sent for v in share if v.receipt]
        rates.append(
            (
                " + ".join(h.name for h in serving),
                len(latencies),
                elapsed,
                percentile(latencies, 0.5),
                percentile(latencies, 0.95),
            )
        )
        print(f"  {rates[-1][0]}: {len(latencies)} ballots in {elapsed:.1f} s", flush=True)
    return rates


def print_rates(rates: list[tuple]) -> None:
    cores = os.cpu_count()
    print(f"\nwithout faults ({cores} cores shared by both hosts, PostgreSQL and the clients):")
    print(f"{'serving':20} {'ballots':>8} {'ballots/s':>10} {'p50 ms':>8} {'p95 ms':>8}")
    for name, n, elapsed, p50, p95 in rates:
        print(f"{name:20} {n:>8,} {n / elapsed:>10.1f} {1000 * p50:>8.0f} {1000 * p95:>8.0f}")
    (_a, n1, t1, *_r1), (_b, n2, t2, *_r2) = rates
    print(f"two hosts against one: x{(n2 / t2) / (n1 / t1):.2f} ballots/s")


# Orchestration ------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--voters", type=int, default=10_000, help="residents who vote")
    parser.add_argument("--quick", action="store_true", help="a short run: 1,000 voters")
    parser.add_argument("--clients", type=int, default=64, help="concurrent voters")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per host")
    args = parser.parse_args()
    n_voters = 1000 if args.quick else args.voters
    if not 10 <= n_voters <= 200_000:
        sys.exit("--voters must be between 10 and 200,000")
    if os.geteuid() != 0:
        sys.exit("run as root: it makes network namespaces and runs PostgreSQL as postgres")

    work = Path(tempfile.mkdtemp(prefix="wiec-faults-"))
    postgres = Postgres(durable=True)
    network = Network()
    hosts: list[Host] = []
    voting: Voting | None = None

    def cleanup() -> None:
        if voting is not None:
            voting.stop.set()
        for host in hosts:
            host.stop()
        postgres.stop()
        network.down()
        shutil.rmtree(work, ignore_errors=True)

    signal.signal(signal.SIGTERM, lambda *_a: sys.exit(1))
    # Ctrl-C cleans up even where the shell started this with SIGINT ignored (``&``).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        try:
            network.up()
            namespaces = True
        except (subprocess.CalledProcessError, FileNotFoundError) as error:
            network.down()
            namespaces = False
            print(f"network namespaces could not be made ({error}); both hosts on loopback")
        addresses = ["127.0.0.1"]
        if namespaces:
            addresses += [network.db_side(0), network.db_side(1)]
        local_url = postgres.start(
            "wiec_faults", tuple(addresses), network.trusted_net if namespaces else None
        )
        os.environ["DATABASE_URL"] = local_url
        production_settings(
            WIEC_ALLOWED_HOSTS="*",
            WIEC_TRUSTED_PROXIES="1",
            WIEC_STATIC_ROOT=str(work),
            WIEC_DB_CONN_MAX_AGE="60",
        )
        t0 = time.perf_counter()
        sample = max(4 * args.clients, n_voters // 10)
        edition_id, everyone = prepare(n_voters + 2 * sample)
        print(
            f"prepared {len(everyone)} verified residents in {time.perf_counter() - t0:.1f} s",
            flush=True,
        )
        voters = everyone[2 * sample :]
        for k, name in enumerate(("host A", "host B")):
            if namespaces:
                address, port = network.host(k), PORT
                url = local_url.replace("127.0.0.1", network.db_side(k))
            else:
                address, port, url = "127.0.0.1", free_port(), local_url
            hosts.append(
                Host(
                    name=name,
                    address=address,
                    port=port,
                    database_url=url,
                    namespace=network.namespaces[k] if namespaces else None,
                    workers=args.workers,
                    log=work / f"gunicorn-{k}.log",
                )
            )
        for host in hosts:
            host.start()
        for host in hosts:
            host.wait_ready()
        where = (
            f"in network namespaces {network.namespaces[0]} and {network.namespaces[1]} "
            f"({hosts[0].address}, {hosts[1].address}; PostgreSQL at {network.db_side(0)} "
            f"and {network.db_side(1)})"
            if namespaces
            else f"on loopback ports {hosts[0].port} and {hosts[1].port} (no namespaces)"
        )
        print(f"two hosts, {args.workers} gunicorn workers each, {where}", flush=True)
        rates = compare_hosts(everyone[: 2 * sample], hosts, args.clients)
        voting = Voting(voters, hosts, args.clients)
        faults: list[str] = []
        injector = threading.Thread(
            target=inject_faults, args=(voting, hosts, postgres, faults), daemon=True
        )
        started = time.monotonic()
        injector.start()
        voting.run()
        elapsed = time.monotonic() - started
        injector.join(120)
        print(
            f"{n_voters} voters from {args.clients} concurrent clients in {elapsed:.1f} s: "
            f"{sum(v.attempts for v in voters)} requests, "
            f"{sum(v.connection_errors for v in voters)} connection errors, "
            f"{sum(v.server_errors for v in voters)} server errors, all retried"
        )
        for host in hosts:
            host.stop()
        rows = count(edition_id, everyone)
        print(f"\n{'':50} {'measured':>9} {'reference':>10}")
        failed = []
        for what, figure, reference in rows:
            shown = "" if reference is None else f"{reference:,}"
            mark = ""
            if reference is not None and figure != reference:
                mark = "  <-- differs"
                failed.append(what)
            print(f"{what:50} {figure:>9,} {shown:>10}{mark}")
        latencies = [v.finished - v.first_sent for v in voters if v.receipt]
        print(
            f"\nthroughput: {len(latencies) / elapsed:.1f} ballots/s with receipt in hand; "
            f"latency (first send to receipt, retries included): "
            f"p50 {1000 * percentile(latencies, 0.5):.0f} ms, "
            f"p95 {1000 * percentile(latencies, 0.95):.0f} ms, "
            f"max {1000 * max(latencies, default=0):.0f} ms"
        )
        print_rates(rates)
        problems = [(v.user, p) for v in voters for p in v.problems if p != "gave up"]
        for user, problem in problems[:10]:
            print(f"  voter {user}: {problem}")
        if failed:
            print(f"FAILED: {', '.join(failed)}")
            for host in hosts:
                tail = host.log.read_text(errors="replace").strip().splitlines()[-5:]
                if tail:
                    print(f"  {host.name}'s log ends: " + " | ".join(tail))
            sys.exit(1)
        print("every acknowledged ballot stored exactly once and whole: 0 lost, 0 doubled")
    except KeyboardInterrupt:
        print("interrupted; cleaning up")
        sys.exit(130)
    finally:
        cleanup()


if __name__ == "__main__":
    main()
