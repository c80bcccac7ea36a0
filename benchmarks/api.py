"""The read API over 10,000 proposals on PostgreSQL: how long a filtered page takes.

    .venv/bin/python benchmarks/api.py [--proposals 10000] [--repeat 200]

Without ``DATABASE_URL`` it starts a throwaway PostgreSQL on port 55434 (as
``ballots_load.py`` does) and removes it at the end, also on Ctrl+C or SIGTERM. It
creates one edition with a pool per district and ``--proposals`` proposals (Polish
titles, statuses, categories, costs, places), then requests pages of
``/api/v1/budgets/proposals`` through Django's whole stack (middleware, municipality,
ETag, rate limit switched off) with the pages' filters (district, status, category,
order) and prints p50 and p95 beside the target (p95 under 150 ms).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from voting_day import Postgres, production_settings  # noqa: E402

PORT = 55434
STATUSES = ["submitted", "positive", "negative", "ready", "ready", "ready", "withdrawn"]
NOUNS = ["Ławki", "Park", "Drzewa", "Boisko", "Plac zabaw", "Chodnik", "Oświetlenie", "Skwer"]


def build(n: int):
    from django.contrib.auth import get_user_model

    from wiec.budgets.models import Category, Edition, Pool, Proposal
    from wiec.places import demo as places_demo

    city = places_demo.load()
    districts = list(city.districts.all())
    author = get_user_model().objects.create_user("bench@example.org", "haslo-benchmark-123")
    edition = Edition.objects.create(city=city, name="BO benchmark", slug="bench")
    pools = [
        Pool.objects.create(
            edition=edition, kind="district", name=d.name, district=d, amount=10**11
        )
        for d in districts
    ]
    categories = [Category.objects.get_or_create(name=f"Kategoria {i}")[0] for i in range(8)]
    rng = random.Random(2026)
    rows = [
        Proposal(
            edition=edition,
            pool=rng.choice(pools),
            author=author,
            title=f"{rng.choice(NOUNS)} nr {i}",
            description="Opis projektu. " * 20,
            category=rng.choice(categories),
            cost=rng.randrange(1_000_000, 200_000_000),
            status=rng.choice(STATUSES),
            latitude=50.0 + rng.random() / 10,
            longitude=19.9 + rng.random() / 10,
        )
        for i in range(n)
    ]
    Proposal.objects.bulk_create(rows, batch_size=2000)
    return districts, categories


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--proposals", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    postgres = None if os.environ.get("DATABASE_URL") else Postgres()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so `finally` cleans up
    try:
        if postgres is not None:
            postgres.port = PORT
            os.environ["DATABASE_URL"] = postgres.start()
        production_settings(WIEC_ALLOWED_HOSTS="testserver")
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        call_command("migrate", verbosity=0)
        settings.WIEC_API_RATE_LIMIT = 0
        t0 = time.perf_counter()
        districts, categories = build(args.proposals)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(
            f"{args.proposals} proposals created in {time.perf_counter() - t0:.1f} s "
            f"on {connection.vendor}"
        )
        client = Client(headers={"X-Forwarded-Proto": "https"})  # as nginx passes it on
        rng = random.Random(7)
        kinds = {
            "district + status": lambda: {"district": rng.choice(districts).pk, "status": "ready"},
            "district, cheapest first": lambda: {
                "district": rng.choice(districts).pk,
                "sort": "koszt",
            },
            "category + status, page 3": lambda: {
                "category": rng.choice(categories).pk,
                "status": "ready",
                "page": 3,
            },
            "edition, page 50": lambda: {"edition": "bench", "page": 50},
        }
        print(f"{'filtered page (50 rows)':<28} {'rows':>6} {'p50 ms':>7} {'p95 ms':>7}")
        every = []
        for label, params in kinds.items():
            times, count = [], 0
            for _ in range(max(1, args.repeat // len(kinds))):
                query = {"edition": "bench", **params()}
                t0 = time.perf_counter()
                response = client.get("/api/v1/budgets/proposals", query)
                times.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, response.content[:200]
                count = response.json()["count"]
            times.sort()
            every += times
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            print(f"{label:<28} {count:>6} {statistics.median(times):>7.1f} {p95:>7.1f}")
        every.sort()
        p95 = every[min(len(every) - 1, round(0.95 * (len(every) - 1)))]
        verdict = "met" if p95 < 150 else "MISSED"
        print(f"all filtered pages: p95 {p95:.1f} ms   target p95 < 150 ms: {verdict}")
        load = os.getloadavg()[0]
        print(f"(load average {load:.1f} on {os.cpu_count()} CPUs while measuring)")
    finally:
        if postgres is not None:
            from django.db import connections

            connections.close_all()
            postgres.stop()


if __name__ == "__main__":
    main()
