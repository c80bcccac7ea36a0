"""The Map of Participation at the network's scale, on PostgreSQL: 300 municipalities and
30,000 processes, the list page and its GeoJSON, filtered and unfiltered.

    .venv/bin/python benchmarks/network.py [--municipalities 300] [--processes 30000]
                                           [--repeat 20]

Without ``DATABASE_URL`` it starts a throwaway PostgreSQL on a free port (as
``ballots_load.py`` does) and removes it at the end, also on failure. It registers a
generated tool whose processes read like a region's (budgets, consultations, panels,
initiatives; topics, statuses, years), fills the index through the same
``wiec.network.index.refresh`` the site uses, one municipality at a time, then times
whole requests through Django's test client (middleware, query, template) and prints
p50 and p95 per page beside the target: p95 under 300 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from voting_day import Postgres, production_settings  # noqa: E402

TARGET_MS = 300
TOOLS = ["budgets", "consultations", "panels", "initiatives"]
TOPICS = ["Zieleń", "Transport", "Edukacja", "Kultura", "Sport", "Zdrowie", "Przestrzeń", ""]
STATUSES = ["planned", "ongoing", "finished"]
WORDS = ["Park", "Rynek", "Szkoła", "Ścieżka rowerowa", "Plac zabaw", "Biblioteka", "Skwer"]


def generated_contents(per_city: int):
    from wiec.core.participation import Process, ToolContents
    from wiec.places.selectors import current_city

    class Generated(ToolContents):
        """Every process of the current municipality, the same ones on every call."""

        def processes(self):
            city = current_city()
            rng = random.Random(city.pk)
            for n in range(per_city):
                yield Process(
                    key=f"{rng.choice(TOOLS)}:{n}",
                    title=f"{rng.choice(WORDS)} {n} w gminie {city.name}",
                    url=f"/p/{city.pk}/{n}/",
                    status=rng.choice(STATUSES),
                    status_label="etap",
                    year=rng.randint(2015, 2026),
                    topic=rng.choice(TOPICS),
                    lat=city.center_latitude + rng.uniform(-0.05, 0.05),
                    lon=city.center_longitude + rng.uniform(-0.05, 0.05),
                )

    return Generated()


def timed(client, path: str, repeat: int) -> tuple[float, float, int, int]:
    times, size, status = [], 0, 0
    client.get(path)  # warm the plan and the template
    for _ in range(repeat):
        t0 = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - t0) * 1000)
        size, status = len(response.content), response.status_code
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, size, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--municipalities", type=int, default=300)
    parser.add_argument("--processes", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    postgres = None if os.environ.get("DATABASE_URL") else Postgres()
    try:
        if postgres is not None:
            os.environ["DATABASE_URL"] = postgres.start()
        production_settings(WIEC_ALLOWED_HOSTS="testserver")
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        call_command("migrate", verbosity=0)
        from wiec.core.participation import Tool, each_tool, register_tool, unregister_tool
        from wiec.network import index
        from wiec.network.models import ProcessEntry
        from wiec.places.models import City

        rng = random.Random(2026)
        City.objects.bulk_create(
            City(
                name=f"Gmina {n:03d}",
                slug=f"gmina-{n:03d}",
                population=rng.randint(2_000, 800_000),
                office_name=f"Urząd Gminy {n:03d}",
                center_latitude=49.5 + rng.random() * 1.2,
                center_longitude=19.0 + rng.random() * 2.0,
            )
            for n in range(args.municipalities)
        )
        for tool, _contents in list(each_tool()):  # only the generated processes
            unregister_tool(tool.key)
        register_tool(
            Tool("initiatives", "Generated", "core:home"),
            generated_contents(args.processes // args.municipalities),
        )
        t0 = time.perf_counter()
        total = index.refresh_all()
        print(
            f"indexed {total} processes of {args.municipalities} municipalities in "
            f"{time.perf_counter() - t0:.1f} s on {connection.vendor}"
        )
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {ProcessEntry._meta.db_table}")
        middle = City.objects.order_by("slug")[args.municipalities // 2].slug
        pages = [
            ("list, unfiltered", "/siec/"),
            ("list, unfiltered, page 400", "/siec/?page=400"),
            ("list, one municipality", f"/siec/?gmina={middle}"),
            ("list, tool + year", "/siec/?narzedzie=initiatives&rok=2024"),
            ("list, topic + status", "/siec/?temat=Zieleń&status=ongoing"),
            ("GeoJSON, unfiltered", "/siec/procesy.geojson"),
            ("GeoJSON, one municipality", f"/siec/procesy.geojson?gmina={middle}"),
            ("GeoJSON, tool + year", "/siec/procesy.geojson?narzedzie=initiatives&rok=2024"),
            ("GeoJSON, topic + status", "/siec/procesy.geojson?temat=Zieleń&status=ongoing"),
            ("profile of a municipality", f"/siec/gminy/{middle}/"),
        ]
        client = Client(headers={"X-Forwarded-Proto": "https"})  # as nginx passes it on
        width = max(len(label) for label, _path in pages)
        print(
            f"{'page':<{width}} {'p50 ms':>7} {'p95 ms':>7} {'KB':>7}  target p95 < {TARGET_MS} ms"
        )
        worst = 0.0
        for label, path in pages:
            p50, p95, size, status = timed(client, path, args.repeat)
            worst = max(worst, p95)
            flag = "" if status == 200 else f"  HTTP {status}"
            mark = "ok" if p95 < TARGET_MS else "SLOW"
            print(f"{label:<{width}} {p50:>7.1f} {p95:>7.1f} {size / 1024:>7.0f}  {mark}{flag}")
        print(
            f"target p95 < {TARGET_MS} ms: "
            + ("met" if worst < TARGET_MS else "MISSED")
            + f" (worst {worst:.1f} ms)"
        )
    finally:
        if postgres is not None:
            from django.db import connections

            connections.close_all()
            postgres.stop()


if __name__ == "__main__":
    main()
