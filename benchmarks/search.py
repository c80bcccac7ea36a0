"""Search over 20,000 documents on PostgreSQL: how long typical queries take.

    .venv/bin/python benchmarks/search.py [--documents 20000] [--repeat 30]

Without ``DATABASE_URL`` it starts a throwaway PostgreSQL as ``ballots_load.py`` does.
It registers a generated tool whose documents read like a city's proposals (Polish
titles and descriptions, districts, statuses, years), builds the index through the
same ``wiec.core.search.rebuild`` the site uses, then times ``wiec.core.search.search``
for typical queries (inflected, without diacritics, several words, filtered) and prints
p50 and p95 per query beside the target (p95 under 200 ms).
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

NOUNS = [
    "ławka", "ławki", "park", "parku", "drzewa", "boisko", "plac zabaw", "chodnik",
    "oświetlenie", "ścieżka rowerowa", "skwer", "zieleń", "fontanna", "biblioteka",
    "siłownia plenerowa", "kino letnie", "warsztaty", "seniorzy", "młodzież", "przedszkole",
    "toaleta publiczna", "stojaki rowerowe", "łąka kwietna", "pszczoły", "monitoring",
]  # fmt: skip
PLACES = [
    "przy szkole", "na osiedlu", "w parku Jordana", "nad Wisłą", "przy Rynku", "na Kazimierzu",
    "w Nowej Hucie", "na Podgórzu", "przy bibliotece", "koło przystanku",
]  # fmt: skip
VERBS = ["Nowe", "Remont:", "Budowa:", "Modernizacja:", "Więcej", "Bezpieczne", "Zielone"]
QUERIES = [
    ("one word", "ławka", {}),
    ("inflected, no diacritics", "lawki", {}),
    ("two words", "park drzewa", {}),
    ("three words", "boisko przy szkole", {}),
    ("prefix of a long word", "oswietl", {}),
    ("with a district filter", "plac zabaw", {"district": True}),
    ("rare word", "pszczoły", {}),
    ("no match", "teleskop", {}),
]


def documents(n: int, district_ids: list[int]):
    from wiec.core.participation import SearchDocument

    rng = random.Random(2026)
    for i in range(n):
        noun = rng.choice(NOUNS)
        title = f"{rng.choice(VERBS)} {noun} {rng.choice(PLACES)}"
        body = " ".join(
            f"Projekt zakłada {rng.choice(NOUNS)} {rng.choice(PLACES)} dla mieszkańców."
            for _ in range(rng.randint(3, 8))
        )
        yield SearchDocument(
            key=str(i), title=title, url=f"/bench/{i}/", body=body, kind_label="Projekt",
            status=rng.choice(["ready", "selected", "negative"]), status_label="status",
            district_id=rng.choice(district_ids), year=rng.choice([2024, 2025, 2026]),
        )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    postgres = None if os.environ.get("DATABASE_URL") else Postgres()
    try:
        if postgres is not None:
            os.environ["DATABASE_URL"] = postgres.start()
        production_settings()
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        from wiec.core import search
        from wiec.core.participation import Tool, ToolContents, register_tool
        from wiec.places import demo as places_demo

        city = places_demo.load()
        district_ids = list(city.districts.values_list("pk", flat=True))

        class Generated(ToolContents):
            def search_documents(self):
                return documents(args.documents, district_ids)

        register_tool(Tool("bench", "Benchmark", "core:home"), Generated())
        t0 = time.perf_counter()
        count = search.rebuild("bench")
        print(
            f"indexed {count} documents in {time.perf_counter() - t0:.1f} s on {connection.vendor}"
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE core_searchentry")
        print(f"{'query':<28} {'results':>7} {'p50 ms':>7} {'p95 ms':>7}  target p95 < 200 ms")
        worst = 0.0
        for label, query, extra in QUERIES:
            filters = search.Filters(district_id=district_ids[0] if extra.get("district") else None)
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                found = search.search(query, filters)
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            worst = max(worst, p95)
            print(f"{label:<28} {found.total:>7} {statistics.median(times):>7.1f} {p95:>7.1f}")
        print(
            "target p95 < 200 ms: "
            + ("met" if worst < 200 else "MISSED")
            + f" (worst {worst:.1f} ms)"
        )
    finally:
        if postgres is not None:
            from django.db import connections

            connections.close_all()
            postgres.stop()


if __name__ == "__main__":
    main()
