"""Address search within one municipality ("ul. Floriańska 12" → a point on its map).

The backend is chosen by ``WIEC_GEOCODER`` (setting or environment): ``gazetteer``
(default, offline: the :class:`~wiec.places.models.GazetteerEntry` rows of the
municipality), ``nominatim`` (OpenStreetMap) or ``gugik`` (the Polish national
geocoder).  The HTTP backends are bounded to the municipality's box and given a short
timeout; a failure of theirs is "nothing found", never an error page.  Tests use the
gazetteer only.

Matching is Polish-aware: case and diacritics do not matter ("florianska" finds
"Floriańska"), the prefixes "ul.", "al.", "os.", "pl." are ignored, and a house number
("12", "12a", "4/6") is kept in the label but never required.
"""

from __future__ import annotations

import json
import math
import os
import re
import unicodedata
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from wiec.places.models import City, GazetteerEntry

#: How long an HTTP backend may take before the search gives up, in seconds.
TIMEOUT = 4
#: At most this many matches are offered.
LIMIT = 8

_PREFIX = re.compile(
    r"^(ul|ulica|al|aleja|aleje|os|osiedle|pl|plac|rondo|skwer)\b\.?\s*", re.IGNORECASE
)
_HOUSE = re.compile(r"\s+(\d+[a-z]?(?:\s*/\s*\d+[a-z]?)?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Match:
    """One place an address may mean: its label (with the house number asked for), point."""

    label: str
    latitude: float
    longitude: float
    kind: str = "street"

    def as_dict(self) -> dict:
        return {"label": self.label, "lat": self.latitude, "lon": self.longitude, "kind": self.kind}


def fold(text: str) -> str:
    """Lower case without diacritics ("Łagiewnicka" → "lagiewnicka"), spaces collapsed."""
    text = text.replace("ł", "l").replace("Ł", "L")
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w/]+", " ", bare.casefold()).split())


def key(name: str) -> str:
    """The search key of a street name: folded, without its "ul."/"al."/"os." prefix."""
    return fold(_PREFIX.sub("", name.strip()))


def split_address(query: str) -> tuple[str, str]:
    """The street part and the house number of a typed address ("" when there is none)."""
    text = " ".join(query.replace(",", " ").split())
    found = _HOUSE.search(text)
    if found and found.start() > 0:
        return text[: found.start()], found.group(1).replace(" ", "")
    return text, ""


def _gazetteer(city: City, street: str, number: str) -> list[Match]:
    wanted = key(street)
    if len(wanted) < 2:
        return []
    entries = GazetteerEntry.objects.filter(city=city)
    exact = list(entries.filter(key=wanted))
    # Every word typed must begin a word of the name: "pl bohaterow" or "bohaterow getta".
    words = wanted.split()
    loose = [
        e
        for e in entries.filter(key__contains=words[-1]).exclude(key=wanted)
        if all(any(part.startswith(w) for part in e.key.split()) for w in words)
    ]
    # Names that begin as typed first, then streets before landmarks ("Kościuszki":
    # the street before the mound).
    ranked = exact + sorted(
        loose, key=lambda e: (not e.key.startswith(wanted), e.kind != "street", e.name)
    )
    return [
        Match(f"{e.name} {number}" if number else e.name, e.latitude, e.longitude, e.kind)
        for e in ranked[:LIMIT]
    ]


def _fetch(url: str) -> object:
    request = urllib.request.Request(url, headers={"User-Agent": "Wiec/1.0 (civic platform)"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return json.loads(response.read().decode("utf-8"))


def inside(city: City, lat: float, lon: float) -> bool:
    """Whether the point lies in the municipality's box (any finite point if it has none)."""
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return False
    if None in (city.bounds_south, city.bounds_north, city.bounds_west, city.bounds_east):
        return True
    return city.bounds_south <= lat <= city.bounds_north and (
        city.bounds_west <= lon <= city.bounds_east
    )


def _nominatim(city: City, street: str, number: str) -> list[Match]:
    params = {
        "q": f"{street} {number}".strip() + f", {city.name}",
        "format": "jsonv2",
        "limit": LIMIT,
        "countrycodes": "pl",
        "accept-language": "pl",
    }
    if city.bounds_south is not None:
        params["viewbox"] = (
            f"{city.bounds_west},{city.bounds_north},{city.bounds_east},{city.bounds_south}"
        )
        params["bounded"] = 1
    base = getattr(settings, "WIEC_NOMINATIM_URL", "https://nominatim.openstreetmap.org/search")
    rows = _fetch(f"{base}?{urllib.parse.urlencode(params)}")
    out = []
    for row in rows if isinstance(rows, list) else []:
        lat, lon = float(row["lat"]), float(row["lon"])
        if inside(city, lat, lon):
            out.append(Match(row.get("display_name", street).split(", Gmina")[0], lat, lon))
    return out


def _gugik(city: City, street: str, number: str) -> list[Match]:
    """GUGiK's ULDK/UUG geocoder (services.gugik.gov.pl/uug), asked for the address in
    the municipality's name; its answer is in EPSG:4326 when ``srid=4326``."""
    params = {
        "request": "GetAddress",
        "address": f"{city.name.removeprefix('Gmina ')}, {street} {number}".strip(),
        "srid": "4326",
    }
    base = getattr(settings, "WIEC_GUGIK_URL", "https://services.gugik.gov.pl/uug/")
    data = _fetch(f"{base}?{urllib.parse.urlencode(params)}")
    results = data.get("results") or {} if isinstance(data, dict) else {}
    out = []
    for row in results.values():
        try:
            lon, lat = float(row["x"]), float(row["y"])
        except (KeyError, TypeError, ValueError):
            continue
        if row.get("teryt", city.teryt)[:6] not in (city.teryt[:6], "") or not inside(
            city, lat, lon
        ):
            continue
        label = " ".join(filter(None, [row.get("street"), row.get("number")])) or street
        out.append(Match(label, lat, lon))
    return out[:LIMIT]


BACKENDS: dict[str, Callable[[City, str, str], list[Match]]] = {
    "gazetteer": _gazetteer,
    "nominatim": _nominatim,
    "gugik": _gugik,
}


def backend_name() -> str:
    name = getattr(settings, "WIEC_GEOCODER", None) or os.environ.get("WIEC_GEOCODER", "")
    return name if name in BACKENDS else "gazetteer"


def search(city: City, query: str) -> list[Match]:
    """The places of ``city`` that ``query`` may mean, best first; [] when none."""
    street, number = split_address((query or "")[:200])
    if not street.strip():
        return []
    try:
        return BACKENDS[backend_name()](city, street, number)
    except (OSError, ValueError, KeyError, TypeError):
        # Unreachable, slow or odd answers from a remote geocoder: nothing found.
        return []
