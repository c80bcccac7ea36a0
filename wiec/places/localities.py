"""The localities (miejscowości) of a municipality: who lives in the gmina?

A city gmina has one locality, itself; a rural gmina has many villages (Gmina Gołcza:
Gołcza, Wysocice, Przybysławice...). The list is ``data/localities.csv`` (see its
header for where it came from); a municipality not listed there has one locality, its
name without "Gmina" or "Miasto". Names are compared as :func:`geocoding.fold` reads
them, so "Zarnowica" on a paper list is Żarnowica.
"""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

from wiec.places.geocoding import fold
from wiec.places.models import City

DATA = Path(__file__).parent / "data" / "localities.csv"
_PREFIX = re.compile(r"^(miasto i gmina|gmina miejska|gmina|miasto)\s+", re.IGNORECASE)


@functools.cache
def _table() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    with DATA.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            table.setdefault(row["municipality"], []).append(row["name"].strip())
    return {slug: tuple(names) for slug, names in table.items()}


def base_name(city: City) -> str:
    """ "Gmina Gołcza" → "Gołcza"; "Kraków" stays."""
    return _PREFIX.sub("", city.name.strip())


def localities(city: City) -> tuple[str, ...]:
    """The municipality's localities, its seat first."""
    seat = base_name(city)
    listed = _table().get(city.slug, ())
    return (seat, *(name for name in listed if fold(name) != fold(seat)))


def locality_of(city: City, town: str) -> str | None:
    """The locality of ``city`` that ``town`` names, as spelt in the list; ``None`` if
    the town is not in the municipality. The municipality's full name counts too."""
    wanted = fold(_PREFIX.sub("", (town or "").strip()))
    if not wanted:
        return None
    for name in localities(city):
        if fold(name) == wanted:
            return name
    return None
