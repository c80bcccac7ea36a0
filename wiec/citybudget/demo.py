"""A demo city budget: this year's plan and the quarters already reported."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from wiec.citybudget.models import Line, Report
from wiec.citybudget.services import parse_lines
from wiec.places.models import City, District

ITEMS = [
    ("600", "60016", "6050", "Przebudowa dróg gminnych", 95_000_000),
    ("600", "60004", "4300", "Komunikacja miejska", 310_000_000),
    ("801", "80101", "4010", "Szkoły podstawowe", 640_000_000),
    ("801", "80104", "4010", "Przedszkola", 210_000_000),
    ("852", "85219", "4010", "Ośrodek pomocy społecznej", 120_000_000),
    ("900", "90004", "4300", "Utrzymanie zieleni", 48_000_000),
    ("921", "92116", "2480", "Biblioteki", 36_000_000),
    ("926", "92601", "6050", "Obiekty sportowe", 42_000_000),
    ("750", "75023", "4010", "Urząd miasta", 260_000_000),
]


def _csv(city: City, quarter: int) -> bytes:
    districts = list(District.objects.filter(city=city)[:4])
    rows = ["dzial;rozdzial;paragraf;nazwa;dzielnica;plan;wykonanie;bo"]
    for dzial, rozdzial, paragraf, name, amount in ITEMS:
        for n, district in enumerate([None, *districts]):
            plan = amount // (len(districts) + 1)
            done = plan * quarter * (22 + n) // 100
            rows.append(
                f"{dzial};{rozdzial};{paragraf};{name};{district.slug if district else ''};"
                f"{plan},00;{done},00;nie"
            )
    done = 32_000_000 * quarter * 15 // 100
    rows.append(f"900;90095;6050;Budżet obywatelski: projekty;;32000000,00;{done},00;tak")
    return "\n".join(rows).encode()


@transaction.atomic
def load(city: City) -> None:
    today = timezone.localdate()
    year = today.year
    Report.objects.filter(city=city, year=year).delete()
    for quarter in range(0, (today.month - 1) // 3 + 1):
        report = Report.objects.create(city=city, year=year, quarter=quarter)
        lines = parse_lines(_csv(city, quarter), city)
        for line in lines:
            line.report = report
        Line.objects.bulk_create(lines)
