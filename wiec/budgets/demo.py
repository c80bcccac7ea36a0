"""The demo city's editions of the participatory budget.

- ``bo-krakow-2027``: in verification and appeals, a proposal in every status (issue 5);
- ``bo-krakow-2026``: open for voting now with Kraków's rules: exactly 3 district and
  3 city-wide projects, ranked 3-2-1 points, one district per voter;
- ``bo-warszawski-2026``: open for voting now with Warsaw's rules: up to 15 projects in
  one chosen district and up to 10 city-wide, a minimum number of votes to win;
- ``bo-krakow-2019``: the real Kraków 2019 from pabulib, finished, with results.
"""

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
    VotingSettings,
)
from wiec.budgets.phases import PhaseType
from wiec.places.models import City, District

SLUG = "bo-krakow-2027"
KRAKOW_VOTING = "bo-krakow-2026"
WARSAW_VOTING = "bo-warszawski-2026"
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


def load(city: City, *, krakow_2019: bool = True) -> None:
    """Every demo edition; ``krakow_2019=False`` leaves out the slow pabulib import."""
    if krakow_2019:
        load_krakow_2019(city)
    load_verification(city)
    load_voting(city)


def load_verification(city: City) -> None:
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


# Voting now ---------------------------------------------------------------------------

#: key -> (name, description, ballot settings, city pool, district pool, voting settings)
VOTING_EDITIONS = {
    KRAKOW_VOTING: {
        "name": "Budżet Obywatelski Krakowa 2026: głosowanie",
        "description": (
            "Głosowanie jak w Krakowie: wybierz dokładnie 3 projekty ogólnomiejskie i 3 "
            "projekty jednej dzielnicy i ułóż je od najważniejszego (3, 2 i 1 punkt)."
        ),
        "resolution": "Uchwała nr CXIII/3076/23 Rady Miasta Krakowa (przykład)",
        "city": {
            "ballot_type": "ordinal",
            "points": "3,2,1",
            "max_choices": 3,
            "min_choices": 3,
            "min_votes": None,
        },
        "district": {
            "ballot_type": "ordinal",
            "points": "3,2,1",
            "max_choices": 3,
            "min_choices": 3,
            "min_votes": None,
        },
        "city_projects": 8,
        "district_projects": 5,
        "duplicate_rule": "void_all",
    },
    WARSAW_VOTING: {
        "name": "Budżet obywatelski 2026 na wzór warszawski: głosowanie",
        "description": (
            "Głosowanie jak w Warszawie: do 15 projektów w jednej wybranej dzielnicy i do "
            "10 ogólnomiejskich; wygrywa projekt, który zdobędzie co najmniej minimalną "
            "liczbę głosów i zmieści się w puli."
        ),
        "resolution": "Na wzór uchwały nr LXXVI/2526/2023 Rady m.st. Warszawy (przykład)",
        "city": {
            "ballot_type": "approval",
            "points": "",
            "max_choices": 10,
            "min_choices": None,
            "min_votes": 1000,
        },
        "district": {
            "ballot_type": "approval",
            "points": "",
            "max_choices": 15,
            "min_choices": None,
            "min_votes": 100,
        },
        "city_projects": 14,
        "district_projects": 6,
        "duplicate_rule": "void_all",
    },
}

PROJECT_IDEAS = [
    ("Zielony skwer z ławkami", "Zieleń", 180_000),
    ("Remont chodnika przy szkole", "Infrastruktura", 350_000),
    ("Siłownia pod chmurką", "Sport i rekreacja", 120_000),
    ("Letnie kino w parku", "Kultura", 60_000),
    ("Warsztaty kodowania dla dzieci", "Edukacja", 45_000),
    ("Defibrylatory w przestrzeni publicznej", "Zdrowie", 90_000),
    ("Łąka kwietna zamiast trawnika", "Zieleń", 70_000),
    ("Stojaki rowerowe i stacja naprawy", "Infrastruktura", 85_000),
    ("Plac zabaw dostępny dla wszystkich", "Sport i rekreacja", 480_000),
    ("Koncerty na podwórkach", "Kultura", 75_000),
    ("Biblioteka sąsiedzka", "Edukacja", 55_000),
    ("Badania profilaktyczne dla seniorów", "Zdrowie", 150_000),
    ("Nasadzenia drzew wzdłuż ulicy", "Zieleń", 260_000),
    ("Oświetlenie ścieżki nad rzeką", "Infrastruktura", 410_000),
]


def load_voting(city: City) -> None:
    """Two editions open for voting today, with Kraków's and with Warsaw's rules."""
    categories = {name: Category.objects.get_or_create(name=name)[0] for name in CATEGORIES}
    author = User.objects.get(email="mieszkanka@demo.wiec.pl")
    districts = list(District.objects.filter(city=city).order_by("number"))
    today = timezone.localdate()
    days = datetime.timedelta
    for slug, config in VOTING_EDITIONS.items():
        edition, _created = Edition.objects.update_or_create(
            slug=slug,
            defaults={
                "city": city,
                "name": config["name"],
                "description": config["description"],
                "resolution": config["resolution"],
            },
        )
        dates = {
            PhaseType.SUBMISSION: (today - days(150), today - days(120)),
            PhaseType.VERIFICATION: (today - days(119), today - days(40)),
            PhaseType.APPEALS: (today - days(39), today - days(20)),
            PhaseType.VOTING: (today - days(3), today + days(11)),
            PhaseType.RESULTS: (today + days(12), today + days(20)),
            PhaseType.IMPLEMENTATION: (today + days(21), today + days(400)),
        }
        for phase_type, (starts, ends) in dates.items():
            Phase.objects.update_or_create(
                edition=edition, type=phase_type, defaults={"starts_on": starts, "ends_on": ends}
            )
        VotingSettings.objects.update_or_create(
            edition=edition,
            defaults={
                "one_district": True,
                "ballot_changeable": False,
                "duplicate_rule": config["duplicate_rule"],
            },
        )
        pools = [
            Pool.objects.update_or_create(
                edition=edition,
                kind=PoolKind.CITY,
                defaults={
                    "name": "Projekty ogólnomiejskie",
                    "amount": 10_000_000 * ZL,
                    "counting_rule": "greedy",
                    **config["city"],
                },
            )[0]
        ]
        for district in districts:
            pools.append(
                Pool.objects.update_or_create(
                    edition=edition,
                    district=district,
                    defaults={
                        "kind": PoolKind.DISTRICT,
                        "name": f"Dzielnica {district}",
                        "amount": round((district.population or 20000) * 25, -3) * ZL,
                        "counting_rule": "greedy",
                        **config["district"],
                    },
                )[0]
            )
        if edition.proposals.exists():
            continue
        proposals = []
        for pool in pools:
            count = config["city_projects" if pool.district is None else "district_projects"]
            where = "Kraków" if pool.district is None else str(pool.district)
            lat, lon = 50.0614, 19.9366  # the city centre, or the district's
            if pool.district and pool.district.center_latitude is not None:
                lat, lon = pool.district.center_latitude, pool.district.center_longitude
            for n, (title, category, cost) in enumerate(PROJECT_IDEAS[:count]):
                proposals.append(
                    Proposal(
                        edition=edition,
                        pool=pool,
                        author=author,
                        title=f"{title} ({where})" if pool.district else f"{title} w całym mieście",
                        description=f"{title}. Projekt dopuszczony do głosowania.",
                        category=categories[category],
                        address=where,
                        latitude=lat + 0.003 * (n % 4),
                        longitude=lon + 0.003 * (n % 3),
                        cost=cost * ZL * (3 if pool.district is None else 1),
                        status=Status.READY,
                        submitted_at=timezone.now(),
                    )
                )
        Proposal.objects.bulk_create(proposals)


# Kraków 2019 from pabulib -------------------------------------------------------------

PABULIB_DIR = Path(__file__).resolve().parents[2] / "demo_data" / "pabulib"


def load_krakow_2019(city: City) -> None:
    """Kraków 2019 from pabulib (city-wide and 18 districts) as a finished edition.

    Through the importer, as ``manage.py import_pabulib`` does; about 10 s on SQLite.
    """
    from wiec.budgets.pabulib_import import import_pabulib

    files = sorted(str(p) for p in PABULIB_DIR.glob("Poland_Krakow_2019*.pb"))
    if files and not Edition.objects.filter(slug=KRAKOW_2019).exists():
        import_pabulib(files, city=city, slug=KRAKOW_2019)
