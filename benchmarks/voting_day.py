"""What the benchmarks share: a throwaway PostgreSQL and production settings; and, for
the two voting benchmarks, an edition open for voting with its residents signed in.

``ballots_load.py`` measures one gunicorn on loopback; ``ballots_faults.py`` two hosts
through faults.  Both need the same edition (Kraków's ballot: 3 city-wide and 3
district projects ranked 3-2-1) and the same residents, so a change to how a resident
becomes a voter is made here once.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

VOTES_PER_BALLOT = 6  # 3 ranked city-wide + 3 ranked in the voter's district


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


# A throwaway PostgreSQL ---------------------------------------------------------------


class Postgres:
    """initdb + pg_ctl as the postgres user on a free port; ``stop()`` removes it all.

    ``durable=False`` turns ``synchronous_commit`` off, which a load test may do;
    ``durable=True`` keeps PostgreSQL's defaults, so a committed ballot survives a crash.
    """

    def __init__(self, *, durable: bool = False) -> None:
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name)
        if not bins:
            sys.exit("PostgreSQL is not installed: apt-get install postgresql, or set DATABASE_URL")
        self.bin = bins[-1]
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="wiec-pg-"))
        self.durable = durable
        self.started = False

    def _pg_ctl(self, *args: str) -> None:
        command = [str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), *args]
        subprocess.run(
            ["runuser", "-u", "postgres", "--", *command],
            cwd=self.dir,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start(
        self,
        database: str = "wiec_bench",
        addresses: tuple[str, ...] = ("127.0.0.1",),
        trusted_net: str | None = None,
    ) -> str:
        """Start it listening on ``addresses`` (and trusting ``trusted_net``); the URL
        of a new empty ``database`` on it."""
        if subprocess.run(["id", "postgres"], capture_output=True).returncode:
            subprocess.run(["useradd", "--system", "--home", "/var/lib/postgresql", "postgres"])
        shutil.chown(self.dir, "postgres")
        data = self.dir / "data"
        initdb = [str(self.bin / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]
        subprocess.run(
            ["runuser", "-u", "postgres", "--", *initdb],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        if trusted_net:
            with (data / "pg_hba.conf").open("a") as hba:
                hba.write(f"host all all {trusted_net} trust\n")
        options = f"-p {self.port} -k {self.dir} -c listen_addresses={','.join(addresses)}"
        options += " -c max_connections=200"
        if not self.durable:
            options += " -c shared_buffers=256MB -c synchronous_commit=off"
        self._pg_ctl("-o", options, "-l", str(self.dir / "log"), "-w", "start")
        self.started = True
        psql = ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]
        subprocess.run([*psql, "-qc", f"create database {database}"], check=True)
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def postmaster(self) -> int | None:
        try:
            return int((self.dir / "data" / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def restart_immediately(self) -> float:
        """``pg_ctl restart -m immediate`` (a crash, as its clients see it): the seconds
        until it accepts connections again."""
        started = time.monotonic()
        self._pg_ctl("-m", "immediate", "-l", str(self.dir / "log"), "-w", "restart")
        return time.monotonic() - started

    def stop(self) -> None:
        if self.started:
            with contextlib.suppress(subprocess.CalledProcessError):
                self._pg_ctl("-m", "fast", "stop")
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


# The edition and its voters (Django) --------------------------------------------------


@dataclass
class Resident:
    """A verified resident, signed in, and the ballot they will cast."""

    user: int
    session: str  # the session cookie
    fields: list[tuple[str, str]]  # the ballot form, as the browser sends it
    ballot_key: str  # what the stored ballot's voter_key must be


def open_edition(slug: str, name: str, n_voters: int) -> tuple[int, list[Resident]]:
    """Migrate, then create the edition ``slug`` open for voting (replacing one of that
    address) and ``n_voters`` residents, each with a PESEL kept as the project's keyed
    hash, a confirmed e-mail address and a signed-in session written straight into the
    database (the row ``django.contrib.auth.login`` would write): the fast path instead
    of signing ten thousand people in."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from wiec.budgets.voting import ballot_key

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated in {time.perf_counter() - started:.1f} s", flush=True)
    edition, projects, home_pool = _edition(slug, name)
    city_projects = projects[home_pool[None]]
    users, keys = _voters(edition.city, n_voters)
    sessions = _sessions(users)
    residents = []
    for n, user in enumerate(users):
        home = home_pool[user.district_id]
        fields = [("dzielnica", str(home))]
        for offset, ids in ((n, city_projects), (n // 3, projects[home])):
            picks = [ids[(offset + k) % len(ids)] for k in range(3)]
            fields += [(f"rank-{pid}", str(rank)) for rank, pid in enumerate(picks, start=1)]
        residents.append(
            Resident(user.pk, sessions[user.pk], fields, ballot_key(edition.pk, keys[user.pk]))
        )
    connections.close_all()
    return edition.pk, residents


def _edition(slug: str, name: str):
    """The edition open since yesterday: a city-wide pool and one per district, 8 ready
    projects each, ranked 3-2-1; its projects by pool and each district's pool (``None``
    for the city-wide one)."""
    from django.utils import timezone

    from wiec.accounts.models import User
    from wiec.budgets.models import Edition, EditionPhase, Pool, Proposal, Status, VotingSettings
    from wiec.places import demo as places_demo
    from wiec.places.models import District

    city = places_demo.load()
    Edition.objects.filter(city=city, slug=slug).delete()
    edition = Edition.objects.create(city=city, name=name, slug=slug)
    today = timezone.localdate()
    EditionPhase.objects.create(
        edition=edition,
        type="voting",
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=1),
    )
    VotingSettings.objects.create(edition=edition)  # one district pool per voter
    ranked = {"ballot_type": "ordinal", "points": "3,2,1", "max_choices": 3, "min_choices": 3}
    districts = District.objects.filter(city=city).order_by("number")
    pools = [Pool(edition=edition, kind="city", name="Ogólnomiejska", amount=10**10, **ranked)]
    pools += [
        Pool(edition=edition, kind="district", name=d.name, district=d, amount=10**9, **ranked)
        for d in districts
    ]
    Pool.objects.bulk_create(pools)
    pools = list(edition.pools.all())
    author = User.objects.create_user(f"autorka-{secrets.token_hex(4)}@example.org", None)
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
    home_pool = {p.district_id: p.pk for p in pools}  # the city-wide pool under None
    return edition, projects, home_pool


def _voters(city, n_voters: int):
    """``n_voters`` residents of ``city`` spread over its districts, verified with a
    PESEL; the users and each one's PESEL key."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password

    from wiec.accounts import identity
    from wiec.accounts.models import (
        IdentityBasis,
        IdentityPolicy,
        ResidencyDeclaration,
        ResidencyStatus,
        User,
    )
    from wiec.accounts.pesel import make_pesel
    from wiec.places.models import District

    run = secrets.token_hex(4)  # a second run on the same database gets new people
    districts = list(District.objects.filter(city=city).order_by("number"))
    policy = IdentityPolicy.objects.create(city=city, name=f"PESEL ({run})", ask_pesel=True)
    password = make_password(None)
    User.objects.bulk_create(
        (
            User(
                email=f"glosujaca-{run}-{n}@example.org",
                password=password,
                district=districts[n % len(districts)],
            )
            for n in range(n_voters)
        ),
        batch_size=2000,
    )
    users = list(User.objects.filter(email__startswith=f"glosujaca-{run}-").order_by("pk"))
    EmailAddress.objects.bulk_create(
        (EmailAddress(user=u, email=u.email, primary=True, verified=True) for u in users),
        batch_size=2000,
    )
    born = datetime.date(1950, 1, 1)
    keys, declarations = {}, []
    for n, user in enumerate(users):
        birth = born + datetime.timedelta(days=n // 1000 * 7)
        sex = "FM"[n % 2]
        keys[user.pk] = identity.pesel_key(make_pesel(birth, n % 1000, sex))
        declarations.append(
            ResidencyDeclaration(
                user=user,
                city=city,
                policy=policy,
                full_name=f"Mieszkanka {n}",
                street_address="ul. Długa 1",
                postal_code="31-001",
                town=city.name,
                district_id=user.district_id,
                identity_basis=IdentityBasis.PESEL,
                identity_key=keys[user.pk],
                birth_year=birth.year,
                sex=sex,
                status=ResidencyStatus.VERIFIED,
            )
        )
    ResidencyDeclaration.objects.bulk_create(declarations, batch_size=2000)
    return users, keys


def _sessions(users) -> dict[int, str]:
    """A signed-in session per user, as ``django.contrib.auth.login()`` stores it."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from wiec.core.sessions import SessionStore

    expires = timezone.now() + datetime.timedelta(days=1)
    store = SessionStore()
    keys, rows = {}, []
    for user in users:
        keys[user.pk] = secrets.token_hex(16)
        data = {
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": "wiec.accounts.backends.AccountBackend",
            "_auth_user_hash": user.get_session_auth_hash(),
        }
        rows.append(
            Session(session_key=keys[user.pk], session_data=store.encode(data), expire_date=expires)
        )
    Session.objects.bulk_create(rows, batch_size=2000)
    return keys
