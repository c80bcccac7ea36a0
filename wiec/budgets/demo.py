"""The demo city's participatory budgets: one edition in every phase today.

Kraków runs several programmes side by side, so that one of them is in each phase
whenever the demo is loaded ("today" is the day of loading; every date is relative to
it, and each edition is named, as Kraków names them, after the year of its vote):

- ``bo-krakow``: Budżet Obywatelski Krakowa, in verification, a proposal in every status
  (issue 5); the appeals follow verification, then the vote;
- ``bo-krakow-w-realizacji``: the year before's edition, its winners being built;
- ``zielony-budzet-krakowa``: the Green Budget, open for proposals now;
- ``mlodziezowy-bo-krakowa``: the Youth Budget, in appeals after its verification;
- ``glosowanie-pokazowe-krakow``: a demonstration vote open now with Kraków's rules:
  exactly 3 district and 3 city-wide projects, ranked 3-2-1 points, one district per voter;
- ``glosowanie-pokazowe-warszawa``: a demonstration vote open now with Warsaw's rules: up
  to 15 projects in one chosen district and up to 10 city-wide, a minimum number of votes;
- ``bo-krakow-2019``: the real Kraków 2019 from pabulib, finished, with results.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.utils import timezone

from wiec.accounts.models import User
from wiec.budgets.models import (
    Appeal,
    AppealStatus,
    Category,
    CostItem,
    Edition,
    EditionPhase,
    Implementation,
    ImplementationUpdate,
    Outcome,
    Pool,
    PoolKind,
    ProjectProgress,
    Proposal,
    Status,
    StatusChange,
    SupportList,
    VerificationSheet,
    VotingSettings,
)
from wiec.budgets.phases import ORDER, PhaseType
from wiec.budgets.services import refresh_support
from wiec.places.models import City, District

if TYPE_CHECKING:
    from wiec.budgets.pabulib_import import ImportReport

SLUG = "bo-krakow"
IMPLEMENTING = "bo-krakow-w-realizacji"
GREEN = "zielony-budzet-krakowa"
YOUTH = "mlodziezowy-bo-krakowa"
KRAKOW_VOTING = "glosowanie-pokazowe-krakow"
WARSAW_VOTING = "glosowanie-pokazowe-warszawa"
KRAKOW_2019 = "bo-krakow-2019"
WIELICZKA_2023 = "zielony-budzet-wieliczki-2023"
SCHOOLS = "szkolny-bo-krakowa"
CATEGORIES = ["Zieleń", "Infrastruktura", "Sport i rekreacja", "Kultura", "Edukacja", "Zdrowie"]
ZL = 100  # grosze
CITY_CENTRE = (50.0614, 19.9366)  # Rynek Główny

#: How long each phase lasts, in days (implementation: to the end of the year after the vote).
DURATION = {
    PhaseType.SUBMISSION: 30,
    PhaseType.VERIFICATION: 45,
    PhaseType.APPEALS: 14,
    PhaseType.VOTING: 15,
    PhaseType.RESULTS: 14,
}


def timetable(
    today: datetime.date, current: str, elapsed: int
) -> dict[str, tuple[datetime.date, datetime.date]]:
    """Phases one after another, ``current`` begun ``elapsed`` days before ``today``.

    As in Kraków, an edition is named after the year of its vote (Kraków 2019 voted in
    October 2019) and its winners are built until the end of the following year.
    """
    days = datetime.timedelta
    dates: dict[str, tuple[datetime.date, datetime.date]] = {}
    index = ORDER.index(current)
    end = today - days(elapsed + 1)
    for phase_type in reversed(ORDER[:index]):
        dates[phase_type] = (end - days(DURATION[phase_type] - 1), end)
        end = dates[phase_type][0] - days(1)
    start = today - days(elapsed)
    for phase_type in ORDER[index:]:
        if phase_type == PhaseType.IMPLEMENTATION:
            vote_year = dates[PhaseType.VOTING][1].year
            dates[phase_type] = (start, datetime.date(vote_year + 1, 12, 31))
            break
        end = start + days(DURATION[phase_type] - 1)
        dates[phase_type] = (start, end)
        start = end + days(1)
    return dict(sorted(dates.items(), key=lambda item: ORDER.index(item[0])))


def edition_year(dates: dict[str, tuple[datetime.date, datetime.date]]) -> int:
    """The year in the edition's name: the year its vote ends."""
    return dates[PhaseType.VOTING][1].year


def _set_phases(edition: Edition, dates: dict) -> None:
    for phase_type, (starts, ends) in dates.items():
        EditionPhase.objects.update_or_create(
            edition=edition, type=phase_type, defaults={"starts_on": starts, "ends_on": ends}
        )
    edition.phases.exclude(type__in=list(dates)).delete()


def _at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _edition(city: City) -> tuple[Edition, dict]:
    dates = timetable(timezone.localdate(), PhaseType.VERIFICATION, 38)
    edition, _created = Edition.objects.update_or_create(
        slug=SLUG,
        defaults={
            "city": city,
            "name": f"Budżet Obywatelski Krakowa {edition_year(dates)}",
            "description": (
                "Mieszkańcy zgłosili projekty ogólnomiejskie, dzielnicowe i zielone; "
                "urzędnicy je teraz weryfikują. Po weryfikacji przyjmujemy odwołania, "
                "a potem głosujemy."
            ),
            "resolution": "Uchwała nr XII/345/26 Rady Miasta Krakowa (przykład)",
            "support_signatures": True,
            "appeal_days": 5,
        },
    )
    _set_phases(edition, dates)
    return edition, dates


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


class Idea:
    """One demo proposal: where it is, what it costs and how far it has gone."""

    def __init__(
        self,
        title: str,
        pool: str,
        status: str,
        category: str,
        cost: int,
        address: str,
        point: tuple[float, float] | None = None,
        why: str = "",
    ) -> None:
        self.title, self.pool, self.status, self.category = title, pool, status, category
        self.cost, self.address, self.point, self.why = cost, address, point, why


# Pool: "city", "green" or a district slug; cost in zł; ``why``: the negative outcome's reason.
PROPOSALS = [
    Idea(
        "Ławki i stojaki rowerowe przy Wiśle",
        "podgorze",
        Status.DRAFT,
        "Infrastruktura",
        180_000,
        "Bulwar Podgórski, Kraków",
        (50.0468, 19.9497),
    ),
    Idea(
        "Ogród deszczowy przy szkole na Zabłociu",
        "podgorze",
        Status.SUBMITTED,
        "Zieleń",
        240_000,
        "ul. Dekerta 24, Kraków",
        (50.0478, 19.9607),
    ),
    Idea(
        "Siłownia plenerowa w parku Bednarskiego",
        "podgorze",
        Status.IN_VERIFICATION,
        "Sport i rekreacja",
        320_000,
        "Park Bednarskiego, ul. Parkowa, Kraków",
        (50.0421, 19.9512),
    ),
    Idea(
        "Zielone podwórko na Kazimierzu",
        "stare-miasto",
        Status.POSITIVE,
        "Zieleń",
        410_000,
        "ul. Józefa 12 (podwórko), Kraków",
        (50.0511, 19.9449),
    ),
    Idea(
        "Kino letnie na Bulwarach",
        "city",
        Status.CHANGES_PROPOSED,
        "Kultura",
        950_000,
        "Bulwar Czerwieński, Kraków",
        (50.0533, 19.9328),
    ),
    Idea(
        "Fontanna na Rynku Podgórskim",
        "podgorze",
        Status.NEGATIVE,
        "Infrastruktura",
        2_400_000,
        "Rynek Podgórski, Kraków",
        (50.0441, 19.9489),
        "Koszt przekracza pulę dzielnicy, a utrzymanie fontanny kosztowałoby rocznie "
        "ponad 25% jej wartości.",
    ),
    Idea(
        "Zadaszony parking rowerowy przy Plantach",
        "stare-miasto",
        Status.APPEALED,
        "Infrastruktura",
        380_000,
        "Planty przy ul. Basztowej, Kraków",
        (50.0655, 19.9405),
        "Planty są zabytkiem wpisanym do rejestru; konserwator nie zgodzi się na zadaszenie.",
    ),
    Idea(
        "Łąka kwietna w Parku Krakowskim",
        "green",
        Status.APPEAL_UPHELD,
        "Zieleń",
        150_000,
        "Park Krakowski, al. Mickiewicza, Kraków",
        (50.0690, 19.9199),
        "Teren nie należy do Gminy Miejskiej Kraków.",
    ),
    Idea(
        "Lodowisko na placu Szczepańskim",
        "city",
        Status.APPEAL_REJECTED,
        "Sport i rekreacja",
        1_900_000,
        "plac Szczepański, Kraków",
        (50.0641, 19.9344),
        "Koszt utrzymania lodowiska przekracza rocznie 25% wartości projektu.",
    ),
    Idea(
        "Nasadzenia drzew wzdłuż al. Pokoju",
        "green",
        Status.READY,
        "Zieleń",
        780_000,
        "al. Pokoju, od ronda Grzegórzeckiego do ul. Fabrycznej, Kraków",
        (50.0617, 19.9688),
    ),
    Idea(
        "Bezpłatne zajęcia z pierwszej pomocy",
        "city",
        Status.READY,
        "Zdrowie",
        260_000,
        "domy kultury w 18 dzielnicach, Kraków",
    ),
    Idea(
        "Plac zabaw przy ul. Limanowskiego",
        "podgorze",
        Status.READY,
        "Sport i rekreacja",
        560_000,
        "ul. Limanowskiego 60, Kraków",
        (50.0431, 19.9562),
    ),
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
PATH[Status.SELECTED] = [*PATH[Status.READY], Status.SELECTED]
PATH[Status.NOT_SELECTED] = [*PATH[Status.READY], Status.NOT_SELECTED]
NEGATIVE = {Status.NEGATIVE, Status.APPEALED, Status.APPEAL_UPHELD, Status.APPEAL_REJECTED}
VERIFIED = NEGATIVE | {Status.POSITIVE, Status.READY, Status.SELECTED, Status.NOT_SELECTED}


def _sheet(proposal: Proposal, idea: Idea, official: User, when: datetime.datetime) -> None:
    status = idea.status
    if status in (Status.DRAFT, Status.SUBMITTED):
        return
    sheet = {
        "formal_passed": True,
        "formal_by": official,
        "formal_at": when - datetime.timedelta(days=7),
        "unit": "Zarząd Zieleni Miejskiej"
        if "Ziele" in str(proposal.category)
        else "Zarząd Dróg Miasta Krakowa",
    }
    if status in VERIFIED:
        negative = status in NEGATIVE
        sheet.update(
            outcome=Outcome.NEGATIVE if negative else Outcome.POSITIVE,
            justification=idea.why
            if negative
            else "Projekt możliwy do realizacji w ciągu jednego roku budżetowego.",
            merit_by=official,
            merit_at=when,
            negative_on=timezone.localtime(when).date() if negative else None,
        )
    if status == Status.CHANGES_PROPOSED:
        sheet.update(
            outcome=Outcome.CHANGES,
            justification="Realizacja możliwa w mniejszym zakresie.",
            changes="Cztery seanse zamiast ośmiu; ekran dzierżawiony.",
            adjusted_cost=640_000 * ZL,
            merit_by=official,
            merit_at=when,
        )
    VerificationSheet.objects.update_or_create(proposal=proposal, defaults=sheet)


def _support_list_scan() -> bytes:
    """A one-page PDF that looks like a scanned paper list: ruled lines, nothing else."""
    from PIL import Image, ImageDraw

    page = Image.new("L", (420, 595), 250)
    draw = ImageDraw.Draw(page)
    for y in range(90, 560, 28):
        draw.line([(30, y), (390, y)], fill=120)
    for x in (30, 60, 250, 390):
        draw.line([(x, 90), (x, 566)], fill=120)
    out = io.BytesIO()
    page.save(out, "PDF", resolution=50)
    return out.getvalue()


def _proposals(edition: Edition, pools: dict[str, Pool], ideas: list[Idea], dates: dict) -> None:
    """The ideas as proposals with their history, dated inside the edition's phases."""
    shared = Category.objects.filter(city=None)
    categories = {name: shared.get_or_create(name=name)[0] for name in CATEGORIES}
    anna = User.objects.get(email="mieszkanka@demo.wiec.pl")
    jan = User.objects.get(email="mieszkaniec@demo.wiec.pl")
    official = User.objects.get(email="urzednik@demo.wiec.pl")
    coordinator = User.objects.get(email="koordynator@demo.wiec.pl")
    today = timezone.localdate()
    submission_ends = dates[PhaseType.SUBMISSION][1]
    verification = dates[PhaseType.VERIFICATION]
    for i, idea in enumerate(ideas):
        pool = pools[idea.pool]
        author = jan if idea.pool == "podgorze" else anna
        submitted = _at(submission_ends - datetime.timedelta(days=2 + 3 * i))
        # Verdicts come during verification, the negative ones early enough to be appealed.
        verdict_day = min(verification[0] + datetime.timedelta(days=10 + i), verification[1])
        if idea.status == Status.NEGATIVE:
            verdict_day = min(today - datetime.timedelta(days=1), verification[1])
        verdict = _at(min(verdict_day, today - datetime.timedelta(days=1)), 10)
        if idea.point is not None:
            lat, lon = idea.point
        elif pool.district is not None and pool.district.center_latitude is not None:
            lat, lon = pool.district.center_latitude, pool.district.center_longitude
        else:
            lat, lon = CITY_CENTRE
        proposal, created = Proposal.objects.update_or_create(
            edition=edition,
            title=idea.title,
            defaults={
                "pool": pool,
                "author": author,
                "status": idea.status,
                "category": categories[idea.category],
                "description": f"{idea.title}. Projekt przygotowany z sąsiadami po spotkaniu "
                "rady dzielnicy; szczegóły w załączonym opisie.",
                "beneficiaries": "Mieszkańcy okolicy, dzieci i seniorzy.",
                "address": idea.address,
                "latitude": lat,
                "longitude": lon,
                "cost": idea.cost * ZL,
                "submitted_at": None if idea.status == Status.DRAFT else submitted,
            },
        )
        if not created:
            continue
        CostItem.objects.create(
            proposal=proposal, description="Projekt i prace", amount=idea.cost * ZL
        )
        _sheet(proposal, idea, official, verdict)
        if edition.support_signatures and idea.status != Status.DRAFT:
            # Signed on paper by neighbours; counted by the office once verification began.
            signatures = pool.support_required + 4 + (7 * i) % 30
            SupportList.objects.create(
                proposal=proposal,
                scan=ContentFile(_support_list_scan(), name="lista-poparcia.pdf"),
                declared_signatures=signatures,
                accepted_signatures=None
                if idea.status == Status.SUBMITTED
                else signatures - 1 - i % 3,
            )
            refresh_support(proposal)
        when = {
            Status.DRAFT: submitted - datetime.timedelta(days=5),
            Status.SUBMITTED: submitted,
            Status.IN_VERIFICATION: verdict - datetime.timedelta(days=7),
            Status.APPEALED: verdict + datetime.timedelta(days=2),
            Status.APPEAL_UPHELD: verdict + datetime.timedelta(days=6),
            Status.APPEAL_REJECTED: verdict + datetime.timedelta(days=6),
        }
        previous = ""
        for step in PATH[idea.status]:
            StatusChange.objects.create(
                proposal=proposal,
                old_status=previous,
                new_status=step,
                actor=author
                if step in (Status.DRAFT, Status.SUBMITTED, Status.APPEALED)
                else official,
                created_at=min(when.get(step, verdict), timezone.now()),
            )
            previous = step
        if idea.status in (Status.APPEALED, Status.APPEAL_UPHELD, Status.APPEAL_REJECTED):
            decided = idea.status != Status.APPEALED
            appeal = Appeal.objects.create(
                proposal=proposal,
                author=author,
                reasons="Teren jest miejski: załączam wypis z rejestru gruntów."
                if "Teren" in idea.why
                else "Proszę o ponowną ocenę: projekt można zmienić tak, by spełniał warunki.",
                deadline=max(dates[PhaseType.APPEALS][1], today),
                status={
                    Status.APPEALED: AppealStatus.PENDING,
                    Status.APPEAL_UPHELD: AppealStatus.UPHELD,
                    Status.APPEAL_REJECTED: AppealStatus.REJECTED,
                }[idea.status],
                decision=""
                if not decided
                else (
                    "Wypis potwierdza, że działka należy do Gminy."
                    if idea.status == Status.APPEAL_UPHELD
                    else "Odwołanie nie wskazuje, jak zmniejszyć koszt utrzymania."
                ),
                decided_by=coordinator if decided else None,
                decided_at=min(when[idea.status], timezone.now()) if decided else None,
            )
            Appeal.objects.filter(pk=appeal.pk).update(
                filed_at=min(when[Status.APPEALED], timezone.now())
            )


def load(city: City, *, krakow_2019: bool = True) -> None:
    """Every demo edition; ``krakow_2019=False`` leaves out the slow pabulib import."""
    if krakow_2019:
        load_krakow_2019(city)
    load_verification(city)
    load_programmes(city)
    load_results(city)
    load_voting(city)


def load_verification(city: City) -> None:
    edition, dates = _edition(city)
    _proposals(edition, _pools(edition, city), PROPOSALS, dates)


# The other programmes: the Green Budget, the Youth Budget, last year's edition ----------

GREEN_IDEAS = [
    Idea(
        "Mikrolas na Woli Duchackiej",
        "city",
        Status.SUBMITTED,
        "Zieleń",
        230_000,
        "ul. Wysłouchów, przy pętli autobusowej, Kraków",
        (50.0172, 19.9589),
    ),
    Idea(
        "Ogród deszczowy przy ul. Kalwaryjskiej",
        "city",
        Status.SUBMITTED,
        "Zieleń",
        140_000,
        "ul. Kalwaryjska 69, Kraków",
        (50.0402, 19.9454),
    ),
    Idea(
        "Zielone dachy wiat przystankowych na al. Jana Pawła II",
        "city",
        Status.DRAFT,
        "Zieleń",
        310_000,
        "al. Jana Pawła II, przystanki od Ronda Czyżyńskiego do placu Centralnego, Kraków",
        (50.0722, 20.0220),
    ),
]

YOUTH_IDEAS = [
    Idea(
        "Ścianka wspinaczkowa w Parku Jordana",
        "city",
        Status.READY,
        "Sport i rekreacja",
        180_000,
        "Park Jordana, al. 3 Maja, Kraków",
        (50.0607, 19.9160),
    ),
    Idea(
        "Strefa nauki w Bibliotece Kraków",
        "city",
        Status.READY,
        "Edukacja",
        120_000,
        "ul. Powstania Warszawskiego 6, Kraków",
        (50.0627, 19.9590),
    ),
    Idea(
        "Skatepark na Zabłociu",
        "city",
        Status.NEGATIVE,
        "Sport i rekreacja",
        950_000,
        "ul. Lipowa, teren przy Wiśle, Kraków",
        (50.0470, 19.9620),
        "Koszt z projektem i nadzorem przekracza pulę budżetu młodzieżowego (1 mln zł).",
    ),
    Idea(
        "Warsztaty muzyczne w domach kultury",
        "city",
        Status.APPEALED,
        "Kultura",
        90_000,
        "Nowohuckie Centrum Kultury, al. Jana Pawła II 232, Kraków",
        (50.0725, 20.0372),
        "Zajęcia w domach kultury są już finansowane z ich budżetu.",
    ),
    Idea(
        "Mural na wiadukcie przy ul. Kamiennej",
        "city",
        Status.APPEAL_REJECTED,
        "Kultura",
        60_000,
        "ul. Kamienna, wiadukt kolejowy, Kraków",
        (50.0747, 19.9386),
        "Wiadukt należy do PKP Polskich Linii Kolejowych, nie do Gminy.",
    ),
]

#: Last year's winners, being built: (idea, status, percent done, what happened).
IMPLEMENTED = [
    (
        Idea(
            "Zacienione przystanki przy Rondzie Mogilskim",
            "city",
            Status.SELECTED,
            "Infrastruktura",
            640_000,
            "Rondo Mogilskie, Kraków",
            (50.0663, 19.9553),
        ),
        ProjectProgress.IN_PROGRESS,
        60,
        "Wiaty stoją na 4 z 7 przystanków; zieleń posadzimy jesienią.",
    ),
    (
        Idea(
            "Remont boiska przy Szkole Podstawowej nr 34",
            "podgorze",
            Status.SELECTED,
            "Sport i rekreacja",
            450_000,
            "ul. Dekerta 16, Kraków",
            (50.0474, 19.9595),
        ),
        ProjectProgress.DONE,
        100,
        "Boisko otwarte; nawierzchnia i piłkochwyty wymienione.",
    ),
    (
        Idea(
            "Toaleta publiczna na Plantach",
            "stare-miasto",
            Status.SELECTED,
            "Infrastruktura",
            520_000,
            "Planty przy ul. Podwale, Kraków",
            (50.0600, 19.9330),
        ),
        ProjectProgress.PLANNED,
        0,
        "Trwa uzgadnianie projektu z konserwatorem zabytków.",
    ),
    (
        Idea(
            "Nocna linia autobusowa do Nowej Huty",
            "city",
            Status.NOT_SELECTED,
            "Infrastruktura",
            900_000,
            "plac Centralny im. Ronalda Reagana, Kraków",
            (50.0722, 20.0379),
        ),
        None,
        0,
        "",
    ),
]


def _programme(
    city: City, slug: str, name: str, description: str, dates: dict, pools: list[tuple]
) -> tuple[Edition, dict[str, Pool]]:
    """An edition of a programme with its phases and pools ``(key, kind, name, zł, district)``."""
    edition, _created = Edition.objects.update_or_create(
        slug=slug,
        defaults={
            "city": city,
            "name": f"{name} {edition_year(dates)}",
            "description": description,
            "resolution": "Uchwała Rady Miasta Krakowa w sprawie budżetu obywatelskiego (przykład)",
        },
    )
    _set_phases(edition, dates)
    result = {}
    for key, kind, pool_name, amount, district in pools:
        result[key], _c = Pool.objects.update_or_create(
            edition=edition,
            name=pool_name,
            defaults={
                "kind": kind,
                "district": district,
                "amount": amount * ZL,
                "counting_rule": "greedy",
                "ballot_type": "ordinal",
                "max_choices": 3,
                "points": "3,2,1",
            },
        )
    return edition, result


def load_programmes(city: City) -> None:
    """The Green Budget open for proposals, the Youth Budget in appeals, last year's built."""
    today = timezone.localdate()
    districts = {d.slug: d for d in District.objects.filter(city=city)}
    dates = timetable(today, PhaseType.SUBMISSION, 12)
    edition, pools = _programme(
        city,
        GREEN,
        "Zielony Budżet Krakowa",
        "Projekty, które zazieleniają miasto: drzewa, łąki, ogrody deszczowe, zielone "
        "przystanki. Zgłoś swój do końca naboru.",
        dates,
        [("city", PoolKind.THEMATIC, "Zielone projekty ogólnomiejskie", 3_000_000, None)],
    )
    _proposals(edition, pools, GREEN_IDEAS, dates)

    dates = timetable(today, PhaseType.APPEALS, 3)
    edition, pools = _programme(
        city,
        YOUTH,
        "Młodzieżowy Budżet Obywatelski Krakowa",
        "Projekty młodzieży w wieku 13–25 lat dla całego miasta. Weryfikacja się "
        "zakończyła; trwają odwołania od negatywnych ocen.",
        dates,
        [("city", PoolKind.CITY, "Projekty ogólnomiejskie", 1_000_000, None)],
    )
    _proposals(edition, pools, YOUTH_IDEAS, dates)

    # The same programme's edition a year before the one in verification, now being built.
    main_year = edition_year(timetable(today, PhaseType.VERIFICATION, 38))
    elapsed = 60
    while edition_year(dates := timetable(today, PhaseType.IMPLEMENTATION, elapsed)) >= main_year:
        elapsed += 10
    edition, pools = _programme(
        city,
        IMPLEMENTING,
        "Budżet Obywatelski Krakowa",
        "Projekty wybrane w głosowaniu są realizowane; sprawdź, jak idą prace.",
        dates,
        [
            ("city", PoolKind.CITY, "Projekty ogólnomiejskie", 10_000_000, None),
            *[
                (slug, PoolKind.DISTRICT, f"Dzielnica {districts[slug]}", 900_000, districts[slug])
                for slug in ("podgorze", "stare-miasto")
                if slug in districts
            ],
        ],
    )
    _proposals(edition, pools, [idea for idea, *_rest in IMPLEMENTED], dates)
    official = User.objects.get(email="urzednik@demo.wiec.pl")
    started = dates[PhaseType.IMPLEMENTATION][0]
    for idea, status, percent, text in IMPLEMENTED:
        if status is None:
            continue
        proposal = Proposal.objects.get(edition=edition, title=idea.title)
        item, created = Implementation.objects.get_or_create(
            proposal=proposal,
            defaults={
                "status": status,
                "percent_done": percent,
                "actual_cost": idea.cost * ZL * 97 // 100 if percent == 100 else None,
            },
        )
        if created:
            ImplementationUpdate.objects.create(
                implementation=item,
                day=min(started + datetime.timedelta(days=90), today),
                text=text,
                author=official,
            )


# Results just published -----------------------------------------------------------------

#: The school budget's projects; all passed verification and stood in the vote.
SCHOOL_IDEAS = [
    Idea(
        "Zielona klasa na dziedzińcu V LO",
        "city",
        Status.READY,
        "Zieleń",
        120_000,
        "ul. Studencka 12, Kraków",
        (50.0627, 19.9290),
    ),
    Idea(
        "Pracownia robotyki w Technikum Łączności",
        "city",
        Status.READY,
        "Edukacja",
        150_000,
        "ul. Monte Cassino 31, Kraków",
        (50.0430, 19.9240),
    ),
    Idea(
        "Stojaki rowerowe i wiata przed XII LO",
        "city",
        Status.READY,
        "Infrastruktura",
        60_000,
        "ul. Wrocławska 23, Kraków",
        (50.0760, 19.9210),
    ),
    Idea(
        "Scena i nagłośnienie w auli II LO",
        "city",
        Status.READY,
        "Kultura",
        180_000,
        "ul. Sobieskiego 9, Kraków",
        (50.0655, 19.9250),
    ),
    Idea(
        "Strefa ciszy w bibliotece szkolnej w Nowej Hucie",
        "city",
        Status.READY,
        "Edukacja",
        80_000,
        "os. Szkolne 17, Kraków",
        (50.0745, 20.0310),
    ),
    Idea(
        "Siłownia plenerowa przy boisku w Podgórzu",
        "city",
        Status.READY,
        "Sport i rekreacja",
        140_000,
        "ul. Limanowskiego 64, Kraków",
        (50.0430, 19.9600),
    ),
    Idea(
        "Defibrylator i kurs pierwszej pomocy w każdej szkole",
        "city",
        Status.READY,
        "Zdrowie",
        95_000,
        "szkoły ponadpodstawowe w całym mieście",
        None,
    ),
]

#: How many pupils put each project first, second or third (out of 10): plausible, unequal.
SCHOOL_POPULARITY = [9, 7, 6, 4, 5, 3, 8]


def load_results(city: City) -> None:
    """The School Budget: the vote ended last week and the results are published.

    Pupils aged 14–19 cast ranked ballots (3, 2, 1 points); the count is the city's own
    count of those ballots, published by the coordinator after the vote, so the results
    page, the statistics and the projects' statuses agree with each other.
    """
    import random

    from wiec.budgets.models import Ballot, BallotChannel, BallotChoice, CountRun
    from wiec.budgets.results import publish_count, run_count

    today = timezone.localdate()
    dates = timetable(today, PhaseType.RESULTS, 4)
    edition, pools = _programme(
        city,
        SCHOOLS,
        "Szkolny Budżet Obywatelski Krakowa",
        "Uczennice i uczniowie krakowskich szkół ponadpodstawowych zgłosili projekty dla "
        "swoich szkół i głosowali na nie. Głosowanie się zakończyło; wyniki są ogłoszone, "
        "a wybrane projekty szkoły zrealizują do końca przyszłego roku.",
        dates,
        [("city", PoolKind.CITY, "Projekty szkolne", 500_000, None)],
    )
    _proposals(edition, pools, SCHOOL_IDEAS, dates)
    if edition.counts.filter(published=True).exists():
        return
    pool = pools["city"]
    proposals = list(edition.proposals.order_by("pk"))
    districts = list(District.objects.filter(city=city).order_by("number"))
    rng = random.Random(2026)  # the same ballots on every load
    voting_starts, voting_ends = dates[PhaseType.VOTING]
    span = (voting_ends - voting_starts).days
    ballots, choices = [], []
    for n in range(640):
        day = voting_starts + datetime.timedelta(days=min(span, int(rng.triangular(0, span, span))))
        ballots.append(
            Ballot(
                edition=edition,
                voter_key=f"demo-szkoly-{n}",
                channel=BallotChannel.ONLINE if n % 5 else BallotChannel.IN_PERSON,
                received_on=day,
                district=rng.choice(districts) if districts else None,
                age=rng.randint(14, 19),
                sex=rng.choice("KM"),
                created_at=_at(day, 9 + n % 10),
            )
        )
        picked: list[Proposal] = []
        while len(picked) < 3:
            choice = rng.choices(proposals, weights=SCHOOL_POPULARITY)[0]
            if choice not in picked:
                picked.append(choice)
        choices.append(picked)
    Ballot.objects.bulk_create(ballots)
    BallotChoice.objects.bulk_create(
        BallotChoice(
            ballot=ballot,
            pool=pool,
            proposal=proposal,
            position=rank,
            pool_limit=pool.max_choices,
            points=4 - rank,
        )
        for ballot, picked in zip(ballots, choices, strict=True)
        for rank, proposal in enumerate(picked, start=1)
    )
    coordinator = User.objects.get(email="koordynator@demo.wiec.pl")
    published = _at(dates[PhaseType.RESULTS][0] + datetime.timedelta(days=1), 12)
    run = run_count(CountRun.objects.create(edition=edition, started_by=coordinator))
    publish_count(actor=coordinator, run=run)
    CountRun.objects.filter(pk=run.pk).update(
        created_at=published, finished_at=published, published_at=published
    )
    selected = set(run.pools.values_list("projects__proposal_id", "projects__selected"))
    for proposal_id, won in selected:
        status = Status.SELECTED if won else Status.NOT_SELECTED
        Proposal.objects.filter(pk=proposal_id).update(status=status)
        StatusChange.objects.create(
            proposal_id=proposal_id,
            old_status=Status.READY,
            new_status=status,
            actor=coordinator,
            created_at=published,
        )


# Voting now ---------------------------------------------------------------------------

#: key -> (name, description, ballot settings, city pool, district pool, voting settings)
VOTING_EDITIONS = {
    KRAKOW_VOTING: {
        "name": "Głosowanie pokazowe: zasady krakowskie",
        "description": (
            "Głosowanie próbne, żeby poznać kartę przed prawdziwym głosowaniem; jego "
            "wynik nie decyduje o wydatkach. Głosowanie jak w Krakowie: wybierz dokładnie "
            "3 projekty ogólnomiejskie i 3 projekty jednej dzielnicy i ułóż je od "
            "najważniejszego (3, 2 i 1 punkt)."
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
        "name": "Głosowanie pokazowe: zasady warszawskie",
        "description": (
            "Głosowanie próbne, żeby porównać zasady; jego wynik nie decyduje o "
            "wydatkach. Głosowanie jak w Warszawie: do 15 projektów w jednej wybranej "
            "dzielnicy i do 10 ogólnomiejskich; wygrywa projekt, który zdobędzie co "
            "najmniej minimalną liczbę głosów i zmieści się w puli."
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
    """Two demonstration votes open today, with Kraków's and with Warsaw's rules."""
    shared = Category.objects.filter(city=None)
    categories = {name: shared.get_or_create(name=name)[0] for name in CATEGORIES}
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
        # A demonstration vote: no proposals of its own to collect, nothing to build.
        _set_phases(
            edition,
            {
                PhaseType.VOTING: (today - days(3), today + days(11)),
                PhaseType.RESULTS: (today + days(12), today + days(25)),
            },
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
                        address=f"{where}, miejsce wskaże rada dzielnicy"
                        if pool.district
                        else "Kraków, kilka miejsc w całym mieście",
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


def load_krakow_2019(city: City) -> ImportReport | None:
    """Kraków 2019 from pabulib (city-wide and 18 districts) as a finished edition.

    Through the importer, as ``manage.py import_pabulib`` does; its report, or ``None``
    when the edition is there already (or the files are not).
    """
    from wiec.budgets.pabulib_import import import_pabulib

    files = sorted(str(p) for p in PABULIB_DIR.glob("Poland_Krakow_2019*.pb"))
    report = None
    if files and not Edition.objects.filter(city=city, slug=KRAKOW_2019).exists():
        report = import_pabulib(files, city=city, slug=KRAKOW_2019)
        edition = report.edition
        # Named as Kraków named it; its results were published after the 2019 vote, not
        # on the day the demo was loaded (the home page lists recent decisions).
        results = edition.phase(PhaseType.RESULTS)
        if results is not None:
            published = _at(results.starts_on, 12)
            edition.counts.update(
                created_at=published, published_at=published, finished_at=published
            )
            Edition.objects.filter(pk=edition.pk).update(
                name="Budżet Obywatelski Krakowa 2019 (wyniki z pabulib)"
            )
    return report


def load_region(region: dict[str, City]) -> None:
    """Wieliczka's real Green Budget 2023 from pabulib, counted by the Method of Equal
    Shares (with Add1 and the comparison step) as the municipality counted it."""
    from wiec.budgets.pabulib_import import import_pabulib

    city = region["wieliczka"]
    path = PABULIB_DIR / "Poland_Wieliczka_2023_Green_Budget.pb"
    if not path.exists() or Edition.objects.filter(city=city, slug=WIELICZKA_2023).exists():
        return
    report = import_pabulib([str(path)], city=city, slug=WIELICZKA_2023)
    edition = report.edition
    published = _at(edition.phase(PhaseType.RESULTS).starts_on, 12)
    edition.counts.update(created_at=published, published_at=published, finished_at=published)
    edition.pools.update(name="Zielony Milion", kind=PoolKind.CITY)
    Edition.objects.filter(pk=edition.pk).update(
        name="Zielony Budżet Wieliczki 2023 (wyniki z pabulib)"
    )
