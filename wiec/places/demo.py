"""The demo region (Małopolska): Kraków and its 18 districts (dzielnice), Wieliczka
(an urban-rural gmina) and Gołcza (a rural gmina of about six thousand residents).

District names are those of the Kraków files in pabulib; Wieliczka's units are the
places its Green Budget 2023 projects name.  Populations are rounded figures of the
order the municipalities publish (for the demo only).
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from wiec.places.geocoding import key
from wiec.places.models import City, District, GazetteerEntry, Kind

KRAKOW_DISTRICTS = [
    # number, name, approximate population, centre latitude, longitude
    (1, "Stare Miasto", 31000, 50.0614, 19.9372),
    (2, "Grzegórzki", 29000, 50.0600, 19.9600),
    (3, "Prądnik Czerwony", 47000, 50.0900, 19.9700),
    (4, "Prądnik Biały", 72000, 50.0950, 19.9250),
    (5, "Krowodrza", 31000, 50.0750, 19.9150),
    (6, "Bronowice", 23000, 50.0830, 19.8850),
    (7, "Zwierzyniec", 21000, 50.0550, 19.8700),
    (8, "Dębniki", 63000, 50.0300, 19.8900),
    (9, "Łagiewniki-Borek Fałęcki", 16000, 50.0220, 19.9350),
    (10, "Swoszowice", 29000, 49.9900, 19.9500),
    (11, "Podgórze Duchackie", 53000, 50.0150, 19.9600),
    (12, "Bieżanów-Prokocim", 64000, 50.0200, 20.0100),
    (13, "Podgórze", 41000, 50.0400, 19.9900),
    (14, "Czyżyny", 28000, 50.0700, 20.0100),
    (15, "Mistrzejowice", 52000, 50.1000, 20.0100),
    (16, "Bieńczyce", 40000, 50.0850, 20.0300),
    (17, "Wzgórza Krzesławickie", 20000, 50.1000, 20.0700),
    (18, "Nowa Huta", 50000, 50.0700, 20.0900),
]


#: The other municipalities of the demo region: their record, and their units.
#: TERYT (TERC) codes, woj. (2) pow. (2) gmi. (2) rodzaj (1), checked against GUS's
#: TERC register for Małopolska (the "12 19 05 3 Wieliczka gmina miejsko-wiejska" and
#: "12 08 02 2 Gołcza gmina wiejska" rows; Kraków "12 61 01 1 gmina miejska"), as
#: copied in github.com/totine/codecool--python--si-assignment--neighborhood,
#: malopolska.csv; rodzaj 1 miejska, 2 wiejska, 3 miejsko-wiejska (rozp. RM z 15 XII
#: 1998, Dz.U. 1998 nr 157 poz. 1031, zał. 1).
NEIGHBOURS = {
    "wieliczka": (
        {
            "name": "Wieliczka",
            "kind": Kind.URBAN_RURAL,
            "teryt": "1219053",  # 12 małopolskie, 19 wielicki, 05, 3 m.-wiejska
            "population": 66000,
            "office_name": "Urząd Miasta i Gminy Wieliczka",
            "office_address": "Rynek Górny 1, 32-020 Wieliczka",
            "office_email": "zielonybudzet@demo.wiec.pl",
            "office_phone": "+48 12 278 32 00",
            "data_protection_officer_email": "iod.wieliczka@demo.wiec.pl",
            "primary_colour": "#1f6b3a",
            "coat_of_arms": "img/herby/wieliczka.svg",
            "email_sender": "Zielony Budżet Wieliczki <zielonybudzet@demo.wiec.pl>",
            "center_latitude": 49.9870,
            "center_longitude": 20.0650,
            "bounds_south": 49.930,
            "bounds_west": 19.980,
            "bounds_north": 50.050,
            "bounds_east": 20.160,
        },
        [
            # name, approximate population, centre latitude, longitude
            ("Wieliczka", 23000, 49.9870, 20.0650),
            ("Chorągwica", 1500, 49.9579, 20.0898),
            ("Pawlikowice", 1600, 49.9561, 20.0687),
            ("Siercza", 2300, 49.9716, 20.0405),
            ("Strumiany", 600, 50.0095, 20.1019),
            ("Węgrzce Wielkie", 2300, 50.0171, 20.1148),
        ],
    ),
    "golcza": (
        {
            "name": "Gmina Gołcza",
            "kind": Kind.RURAL,
            "teryt": "1208022",  # 12 małopolskie, 08 miechowski, 02, 2 wiejska
            "population": 6100,
            "office_name": "Urząd Gminy Gołcza",
            "office_address": "Gołcza 80, 32-075 Gołcza",
            "office_email": "gmina.golcza@demo.wiec.pl",
            "office_phone": "+48 41 383 70 09",
            "data_protection_officer_email": "iod.golcza@demo.wiec.pl",
            "primary_colour": "#7a2e0e",
            "coat_of_arms": "img/herby/golcza.svg",
            "email_sender": "Urząd Gminy Gołcza <gmina.golcza@demo.wiec.pl>",
            "center_latitude": 50.3440,
            "center_longitude": 19.9260,
            "bounds_south": 50.290,
            "bounds_west": 19.840,
            "bounds_north": 50.400,
            "bounds_east": 20.010,
        },
        [
            ("Gołcza", 900, 50.3440, 19.9260),
            ("Wysocice", 700, 50.3180, 19.9000),
            ("Czaple Wielkie", 500, 50.3520, 19.9670),
            ("Szreniawa", 400, 50.3300, 19.9420),
            ("Ulina Wielka", 350, 50.3330, 19.9820),
        ],
    ),
}


def load_region() -> dict[str, City]:
    """Kraków, Wieliczka and Gołcza, each with its units; safe to run again."""
    region = {"krakow": load()}
    for slug, (fields, units) in NEIGHBOURS.items():
        city, _created = City.objects.update_or_create(slug=slug, defaults=fields)
        for name, population, lat, lon in units:
            District.objects.update_or_create(
                city=city,
                slug=slugify(name.replace("ł", "l").replace("Ł", "L")),
                defaults={
                    "name": name,
                    "population": population,
                    "center_latitude": lat,
                    "center_longitude": lon,
                },
            )
        region[slug] = city
    load_gazetteer()
    return region


GAZETTEER = Path(__file__).parent / "data" / "gazetteer.csv"


@transaction.atomic
def load_gazetteer(path: Path = GAZETTEER) -> int:
    """The streets and landmarks of the CSV for the municipalities that exist (by slug),
    replacing what they had; rows of other municipalities are skipped.  Returns the count."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    cities = {c.slug: c for c in City.objects.filter(slug__in={r["municipality"] for r in rows})}
    GazetteerEntry.objects.filter(city__in=cities.values()).delete()
    entries = [
        GazetteerEntry(
            city=cities[row["municipality"]],
            name=row["name"].strip(),
            kind=row["kind"].strip(),
            key=key(row["name"]),
            latitude=float(row["lat"]),
            longitude=float(row["lon"]),
        )
        for row in rows
        if row["municipality"] in cities
    ]
    GazetteerEntry.objects.bulk_create(entries)
    return len(entries)


def load() -> City:
    city, _created = City.objects.update_or_create(
        slug="krakow",
        defaults={
            "name": "Kraków",
            "kind": Kind.CITY_COUNTY,
            "coat_of_arms": "img/herby/krakow.svg",
            "email_sender": "Budżet Obywatelski Krakowa <bo@demo.wiec.pl>",
            "teryt": "1261011",  # 12, 61 m. Kraków (na prawach powiatu), 01, 1 miejska
            "population": 780000,
            "office_name": "Urząd Miasta Krakowa",
            "office_address": "pl. Wszystkich Świętych 3-4, 31-004 Kraków",
            "office_email": "bo@demo.wiec.pl",
            "office_phone": "+48 12 616 12 00",
            "data_protection_officer_email": "iod@demo.wiec.pl",
            "website": "http://127.0.0.1:8000/",
            "center_latitude": 50.0614,
            "center_longitude": 19.9366,
            "bounds_south": 49.967,
            "bounds_west": 19.792,
            "bounds_north": 50.126,
            "bounds_east": 20.217,
        },
    )
    for number, name, population, lat, lon in KRAKOW_DISTRICTS:
        District.objects.update_or_create(
            city=city,
            slug=slugify(name.replace("ł", "l").replace("Ł", "L")),
            defaults={
                "name": name,
                "number": number,
                "population": population,
                "center_latitude": lat,
                "center_longitude": lon,
            },
        )
    return city
