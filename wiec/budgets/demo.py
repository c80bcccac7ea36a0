"""The demo city's edition: Kraków, now in verification and appeals, every status shown."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.utils import timezone

from wiec.accounts.models import User
from wiec.budgets.models import (
    Appeal,
    AppealStatus,
    Category,
    CostItem,
    Edition,
    Outcome,
    Phase,
    Pool,
    PoolKind,
    Proposal,
    Status,
    StatusChange,
    VerificationSheet,
)
from wiec.budgets.phases import PhaseType
from wiec.places.models import City, District

SLUG = "bo-krakow-2027"
KRAKOW_2019 = "bo-krakow-2019"
CATEGORIES = ["Zieleń", "Infrastruktura", "Sport i rekreacja", "Kultura", "Edukacja", "Zdrowie"]
ZL = 100  # grosze

# title, pool ("city", "green" or a district slug), status, category, cost in zł, author
PROPOSALS = [
    ("Ławki i stojaki rowerowe przy Wiśle", "podgorze", Status.DRAFT, "Infrastruktura", 180_000),
    ("Ogród deszczowy przy szkole na Zabłociu", "podgorze", Status.SUBMITTED, "Zieleń", 240_000),
    (
        "Siłownia plenerowa w parku Bednarskiego",
        "podgorze",
        Status.IN_VERIFICATION,
        "Sport i rekreacja",
        320_000,
    ),
    ("Zielone podwórko na Kazimierzu", "stare-miasto", Status.POSITIVE, "Zieleń", 410_000),
    ("Kino letnie na Bulwarach", "city", Status.CHANGES_PROPOSED, "Kultura", 950_000),
    ("Fontanna na Rynku Podgórskim", "podgorze", Status.NEGATIVE, "Infrastruktura", 2_400_000),
    ("Parking podziemny pod Plantami", "stare-miasto", Status.APPEALED, "Infrastruktura", 820_000),
    ("Łąka kwietna w Parku Krakowskim", "green", Status.APPEAL_UPHELD, "Zieleń", 150_000),
    (
        "Lodowisko na placu Szczepańskim",
        "city",
        Status.APPEAL_REJECTED,
        "Sport i rekreacja",
        1_900_000,
    ),
    ("Nasadzenia drzew wzdłuż al. Pokoju", "green", Status.READY, "Zieleń", 780_000),
    ("Bezpłatne zajęcia z pierwszej pomocy", "city", Status.READY, "Zdrowie", 260_000),
    ("Plac zabaw przy ul. Limanowskiego", "podgorze", Status.READY, "Sport i rekreacja", 560_000),
]

PATH = {
    Status.DRAFT: [Status.DRAFT],
    Status.SUBMITTED: [Status.DRAFT, Status.SUBMITTED],
    Status.IN_VERIFICATION: [Status.DRAFT, Status.SUBMITTED, Status.IN_VERIFICATION],
    Status.POSITIVE: [Status.DRAFT, Status.SUBMITTED, Status.IN_VERIFICATION, Status.POSITIVE],
    Status.CHANGES_PROPOSED: [
        Status.DRAFT,
        Status.SUBMITTED,
        Status.IN_VERIFICATION,
        Status.CHANGES_PROPOSED,
    ],
    Status.NEGATIVE: [Status.DRAFT, Status.SUBMITTED, Status.IN_VERIFICATION, Status.NEGATIVE],
}
PATH[Status.APPEALED] = [*PATH[Status.NEGATIVE], Status.APPEALED]
PATH[Status.APPEAL_UPHELD] = [*PATH[Status.APPEALED], Status.APPEAL_UPHELD]
PATH[Status.APPEAL_REJECTED] = [*PATH[Status.APPEALED], Status.APPEAL_REJECTED]
PATH[Status.READY] = [*PATH[Status.POSITIVE], Status.READY]


def _edition(city: City) -> Edition:
    edition, _created = Edition.objects.update_or_create(
        slug=SLUG,
        defaults={
            "city": city,
            "name": "Budżet Obywatelski Krakowa 2027",
            "description": (
                "Mieszkańcy zgłaszają projekty ogólnomiejskie, dzielnicowe i zielone; "
                "urzędnicy je weryfikują, a we wrześniu głosujemy."
            ),
            "resolution": "Uchwała nr XII/345/26 Rady Miasta Krakowa (przykład)",
            "support_signatures": True,
            "appeal_days": 5,
        },
    )
    today = timezone.localdate()
    days = datetime.timedelta
    dates = {
        PhaseType.SUBMISSION: (today - days(70), today - days(40)),
        PhaseType.VERIFICATION: (today - days(39), today + days(10)),
        PhaseType.APPEALS: (today - days(20), today + days(20)),
        PhaseType.VOTING: (today + days(30), today + days(45)),
        PhaseType.RESULTS: (today + days(50), today + days(60)),
        PhaseType.IMPLEMENTATION: (today + days(61), today + days(425)),
    }
    for phase_type, (starts, ends) in dates.items():
        Phase.objects.update_or_create(
            edition=edition, type=phase_type, defaults={"starts_on": starts, "ends_on": ends}
        )
    return edition


def _pools(edition: Edition, city: City) -> dict[str, Pool]:
    ballot = {
        "counting_rule": "greedy",
        "ballot_type": "ordinal",
        "max_choices": 3,
        "points": "3,2,1",
    }
    pools = {}
    pools["city"], _c = Pool.objects.update_or_create(
        edition=edition,
        kind=PoolKind.CITY,
        defaults={
            "name": "Projekty ogólnomiejskie",
            "amount": 12_000_000 * ZL,
            "support_required": 50,
            **ballot,
        },
    )
    pools["green"], _c = Pool.objects.update_or_create(
        edition=edition,
        kind=PoolKind.THEMATIC,
        defaults={
            "name": "Zielony budżet",
            "amount": 3_000_000 * ZL,
            "support_required": 50,
            **ballot,
        },
    )
    for district in District.objects.filter(city=city):
        # About 25 zł a resident, rounded to thousands, as Kraków splits its district pool.
        amount = round((district.population or 20000) * 25, -3)
        pools[district.slug], _c = Pool.objects.update_or_create(
            edition=edition,
            district=district,
            defaults={
                "kind": PoolKind.DISTRICT,
                "name": f"Dzielnica {district}",
                "amount": amount * ZL,
                "support_required": 15,
                **ballot,
            },
        )
    return pools


def _sheet(proposal: Proposal, status: str, official: User, day: datetime.date) -> None:
    if status in (Status.DRAFT, Status.SUBMITTED):
        return
    sheet = {
        "formal_passed": True,
        "formal_by": official,
        "formal_at": timezone.now(),
        "unit": "Zarząd Zieleni Miejskiej"
        if "Ziele" in str(proposal.category)
        else "Zarząd Dróg Miasta Krakowa",
    }
    if status in (
        Status.POSITIVE,
        Status.READY,
        Status.APPEAL_UPHELD,
        Status.APPEALED,
        Status.APPEAL_REJECTED,
        Status.NEGATIVE,
    ):
        negative = status in (
            Status.NEGATIVE,
            Status.APPEALED,
            Status.APPEAL_UPHELD,
            Status.APPEAL_REJECTED,
        )
        sheet.update(
            outcome=Outcome.NEGATIVE if negative else Outcome.POSITIVE,
            justification=(
                "Teren nie należy do Gminy Miejskiej Kraków, a koszt utrzymania "
                "przekracza możliwości jednostki."
                if negative
                else "Projekt możliwy do realizacji w ciągu jednego roku budżetowego."
            ),
            merit_by=official,
            merit_at=timezone.now(),
            negative_on=day if negative else None,
        )
    if status == Status.CHANGES_PROPOSED:
        sheet.update(
            outcome=Outcome.CHANGES,
            justification="Realizacja możliwa w mniejszym zakresie.",
            changes="Cztery seanse zamiast ośmiu; ekran dzierżawiony.",
            adjusted_cost=640_000 * ZL,
            merit_by=official,
            merit_at=timezone.now(),
        )
    VerificationSheet.objects.update_or_create(proposal=proposal, defaults=sheet)


def load(city: City) -> None:
    load_krakow_2019(city)
    edition = _edition(city)
    pools = _pools(edition, city)
    categories = {name: Category.objects.get_or_create(name=name)[0] for name in CATEGORIES}
    anna = User.objects.get(email="mieszkanka@demo.wiec.pl")
    jan = User.objects.get(email="mieszkaniec@demo.wiec.pl")
    official = User.objects.get(email="urzednik@demo.wiec.pl")
    coordinator = User.objects.get(email="koordynator@demo.wiec.pl")
    today = timezone.localdate()
    for i, (title, pool_key, status, category, cost) in enumerate(PROPOSALS):
        pool = pools[pool_key]
        author = jan if pool_key == "podgorze" else anna
        proposal, created = Proposal.objects.update_or_create(
            edition=edition,
            title=title,
            defaults={
                "pool": pool,
                "author": author,
                "status": status,
                "category": categories[category],
                "description": f"{title}. Projekt przygotowany z sąsiadami po spotkaniu "
                "rady dzielnicy; szczegóły w załączonym opisie.",
                "beneficiaries": "Mieszkańcy okolicy, dzieci i seniorzy.",
                "address": "Kraków",
                "latitude": (pool.district.center_latitude if pool.district else 50.0547)
                + 0.002 * (i % 3),
                "longitude": (pool.district.center_longitude if pool.district else 19.9355)
                + 0.002 * (i % 4),
                "cost": cost * ZL,
                "submitted_at": None if status == Status.DRAFT else timezone.now(),
            },
        )
        if not created:
            continue
        CostItem.objects.create(proposal=proposal, description="Projekt i prace", amount=cost * ZL)
        negative_on = today - datetime.timedelta(days=1)
        _sheet(proposal, status, official, negative_on)
        for step in PATH[status]:
            StatusChange.objects.create(
                proposal=proposal,
                new_status=step,
                actor=author
                if step in (Status.DRAFT, Status.SUBMITTED, Status.APPEALED)
                else official,
            )
        if status in (Status.APPEALED, Status.APPEAL_UPHELD, Status.APPEAL_REJECTED):
            decided = status != Status.APPEALED
            Appeal.objects.create(
                proposal=proposal,
                author=author,
                reasons="Teren jest miejski: załączam wypis z rejestru gruntów.",
                deadline=today + datetime.timedelta(days=6),
                status={
                    Status.APPEALED: AppealStatus.PENDING,
                    Status.APPEAL_UPHELD: AppealStatus.UPHELD,
                    Status.APPEAL_REJECTED: AppealStatus.REJECTED,
                }[status],
                decision=""
                if not decided
                else (
                    "Wypis potwierdza, że działka należy do Gminy."
                    if status == Status.APPEAL_UPHELD
                    else "Koszt utrzymania lodowiska przekracza 25% wartości projektu rocznie."
                ),
                decided_by=coordinator if decided else None,
                decided_at=timezone.now() if decided else None,
            )


PABULIB_DIR = Path(__file__).resolve().parents[2] / "demo_data" / "pabulib"


def load_krakow_2019(city: City) -> None:
    """Kraków 2019 from pabulib (city-wide and 18 districts) as a finished edition.

    Through the importer, as ``manage.py import_pabulib`` does; about 10 s on SQLite.
    """
    from wiec.budgets.pabulib_import import import_pabulib

    files = sorted(str(p) for p in PABULIB_DIR.glob("Poland_Krakow_2019*.pb"))
    if files and not Edition.objects.filter(slug=KRAKOW_2019).exists():
        import_pabulib(files, city=city, slug=KRAKOW_2019)
