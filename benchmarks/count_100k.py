"""Counting an edition of 100,000 ballots through the counting task, on PostgreSQL.

    .venv/bin/python benchmarks/count_100k.py [--ballots 100000]

Without ``DATABASE_URL`` it starts a throwaway PostgreSQL (``voting_day.Postgres``).
It builds an edition with Kraków's configuration (a city-wide pool and one pool per
district, every ballot ranking 3 city-wide and 3 district projects 3-2-1) and stores
the ballots and votes with set-based SQL, then counts it the way officials do: the
``budgets.count_votes`` service queues ``tasks.count_edition`` (run at once here), which
reads every pool's ballots into wiec.tally, counts them with the pool's rule and stores
the results.  It prints how long that takes (target: under 5 s).
"""

from __future__ import annotations

import argparse
import datetime
import os
import secrets
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from voting_day import Postgres, production_settings  # noqa: E402

DISTRICT_PROJECTS = 10
CITY_PROJECTS = 20


def build(n_ballots: int):
    """The edition, its pools and projects, and ``n_ballots`` ballots of 6 votes each."""
    from django.db import connection
    from django.utils import timezone

    from wiec.accounts.models import User
    from wiec.budgets.models import Edition, EditionPhase, Pool, Proposal, Status, VotingSettings
    from wiec.places import demo as places_demo
    from wiec.places.models import District

    city = places_demo.load()
    slug = f"bo-100k-{secrets.token_hex(3)}"
    edition = Edition.objects.create(city=city, name="BO 100 000 głosów", slug=slug)
    today = timezone.localdate()
    EditionPhase.objects.create(
        edition=edition,
        type="voting",
        starts_on=today - datetime.timedelta(days=15),
        ends_on=today - datetime.timedelta(days=1),
    )
    VotingSettings.objects.create(edition=edition)
    ranked = {"ballot_type": "ordinal", "points": "3,2,1", "max_choices": 3, "min_choices": 3}
    districts = list(District.objects.filter(city=city).order_by("number"))
    city_pool = Pool.objects.create(
        edition=edition, kind="city", name="Ogólnomiejska", amount=8_000_000_00, **ranked
    )
    district_pools = [
        Pool.objects.create(
            edition=edition, kind="district", name=d.name, district=d, amount=1_000_000_00, **ranked
        )
        for d in districts
    ]
    author = User.objects.create_user(f"autor-{secrets.token_hex(4)}@example.org", None)

    def projects(pool: Pool, n: int) -> list[int]:
        made = Proposal.objects.bulk_create(
            Proposal(
                edition=edition,
                pool=pool,
                author=author,
                title=f"{pool.name}: projekt {k}",
                description="opis",
                cost=(200_000 + 37_000 * k) * 100,
                status=Status.READY,
            )
            for k in range(n)
        )
        return [p.pk for p in made]

    city_ids = projects(city_pool, CITY_PROJECTS)
    district_ids = {p.district_id: (p.pk, projects(p, DISTRICT_PROJECTS)) for p in district_pools}
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO budgets_ballot (edition_id, voter_key, duplicate, state, channel,
                received_on, district_id, age, sex, source_id, created_at)
            SELECT %s, 'bench-' || g, false, 'valid', 'online', %s,
                (%s::bigint[])[g %% %s + 1], 16 + g %% 70, '', '', now()
            FROM generate_series(1, %s) AS g
            """,
            [edition.pk, today, [d.pk for d in districts], len(districts), n_ballots],
        )
        # Skewed choices, distinct on each ballot: (a + k) mod n for k = 0, 1, 2.
        cursor.execute(
            """
            INSERT INTO budgets_vote (ballot_id, pool_id, proposal_id, position, pool_limit,
                points)
            SELECT b.id, %s, (%s::bigint[])[((b.id * b.id) %% 17 + k) %% %s + 1], k + 1, 3, 3 - k
            FROM budgets_ballot AS b, generate_series(0, 2) AS k
            WHERE b.edition_id = %s
            """,
            [city_pool.pk, city_ids, CITY_PROJECTS, edition.pk],
        )
        cursor.execute(
            """
            INSERT INTO budgets_vote (ballot_id, pool_id, proposal_id, position, pool_limit,
                points)
            SELECT b.id, m.pool_id, m.first_id + ((b.id %% 7) * (b.id %% 3) + k) %% %s,
                k + 1, 3, 3 - k
            FROM budgets_ballot AS b
            JOIN (SELECT unnest(%s::bigint[]) AS district_id, unnest(%s::bigint[]) AS pool_id,
                         unnest(%s::bigint[]) AS first_id) AS m
              ON m.district_id = b.district_id,
            generate_series(0, 2) AS k
            WHERE b.edition_id = %s
            """,
            [
                DISTRICT_PROJECTS,
                list(district_ids),
                [pool for pool, _ids in district_ids.values()],
                [ids[0] for _pool, ids in district_ids.values()],
                edition.pk,
            ],
        )
        cursor.execute("ANALYZE budgets_ballot; ANALYZE budgets_vote")
    return edition


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--profile", action="store_true", help="print where the count spends")
    args = parser.parse_args()
    if not 1 <= args.ballots <= 2_000_000:
        sys.exit("--ballots must be between 1 and 2,000,000")
    postgres = None if os.environ.get("DATABASE_URL") else Postgres()
    try:
        if postgres is not None:
            os.environ["DATABASE_URL"] = postgres.start()
        production_settings()
        import django

        django.setup()
        if not os.environ["DATABASE_URL"].startswith("postgres"):
            sys.exit("count_100k.py builds its ballots with PostgreSQL's generate_series")
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from wiec.accounts import services as accounts
        from wiec.accounts.models import User
        from wiec.budgets import results
        from wiec.budgets.models import Ballot, BallotChoice, CountState
        from wiec.core.roles import Role

        t0 = time.perf_counter()
        edition = build(args.ballots)
        n_ballots = Ballot.objects.filter(edition=edition).count()
        n_votes = BallotChoice.objects.filter(ballot__edition=edition).count()
        print(
            f"built {n_ballots} ballots with {n_votes} votes in {edition.pools.count()} pools "
            f"in {time.perf_counter() - t0:.1f} s"
        )
        coordinator = User.objects.create_user(f"koordynator-{secrets.token_hex(4)}@example.org")
        accounts.assign_role(actor=None, user=coordinator, role=Role.COORDINATOR, districts=[])
        profiler = None
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        t0 = time.perf_counter()
        run = results.start_count(actor=coordinator, edition=edition)
        elapsed = time.perf_counter() - t0
        if profiler is not None:
            import pstats

            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        run.refresh_from_db()
        if run.state != CountState.DONE:
            sys.exit(f"the count did not finish: {run.state} {run.message}")
        city = run.pools.get(pool__kind="city")
        selected = city.projects.filter(selected=True).count()
        print(
            f"counted {n_ballots} ballots (start_count -> tasks.count_edition -> run_count, "
            f"{run.pools.count()} pools) in {elapsed:.2f} s"
        )
        print(f"city-wide pool: {city.voters} voters, {selected} projects selected")
        print("target < 5 s: " + ("met" if elapsed < 5 else "MISSED"))
    finally:
        if postgres is not None:
            from django.db import connections

            connections.close_all()
            postgres.stop()


if __name__ == "__main__":
    main()
