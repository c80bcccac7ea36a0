"""The demo city: Kraków and its 18 districts (dzielnice).

District names are those of the Kraków files in pabulib; populations are rounded
figures of the order the city publishes (for the demo only).
"""

from __future__ import annotations

from django.utils.text import slugify

from wiec.places.models import City, District

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


def load() -> City:
    city, _created = City.objects.update_or_create(
        slug="krakow",
        defaults={
            "name": "Kraków",
            "teryt": "1261011",
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
