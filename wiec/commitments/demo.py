"""The demo city's commitments: one from every tool, some late, one overseen by a
monitoring panel that asked a question and published its assessment."""

from __future__ import annotations

import datetime

from django.utils import timezone

from wiec.commitments import services
from wiec.commitments.models import (
    Commitment,
    CommitmentSource,
    CommitmentStatus,
    MonitoringQuestion,
    Oversight,
)
from wiec.commitments.sources import backfill
from wiec.places.models import City

MONITORING_SLUG = "zielen-2025"

RECOMMENDATIONS = [
    (
        "Sto nowych drzew przy ulicach każdego roku",
        "Miasto sadzi co roku co najmniej sto drzew przy ulicach, najpierw tam, gdzie latem "
        "jest najgoręcej.",
        "planned",
        "Przyjmujemy: Zarząd Zieleni Miejskiej włączy nasadzenia do planu na 2026 rok.",
    ),
    (
        "Odpieczętowanie szkolnych podwórek",
        "Asfalt na podwórkach szkolnych zastąpić nawierzchnią przepuszczalną i zielenią.",
        "in_progress",
        "Przyjmujemy częściowo: zaczynamy od pięciu szkół w Podgórzu.",
    ),
    (
        "Zakaz koszenia trawników w lipcu",
        "Trawniki miejskie nie są koszone w lipcu, by chronić owady zapylające.",
        "not_implemented",
        "Nie przyjmujemy: wymagania bezpieczeństwa ruchu przy drogach na to nie pozwalają.",
    ),
]

OWNERS = {
    CommitmentSource.BUDGETS: "Zarząd Inwestycji Miejskich",
    CommitmentSource.PANELS: "Zarząd Zieleni Miejskiej",
    CommitmentSource.CONSULTATIONS: "Wydział Polityki Społecznej",
}


def load(city: City) -> None:
    from wiec.accounts.models import User

    panel = _monitoring_panel(city)
    backfill(city)
    official = User.objects.filter(email="urzednik@demo.wiec.pl").first()
    today = timezone.localdate()
    for tool, owner in OWNERS.items():
        Commitment.objects.filter(city=city, tool=tool, owner_unit="").update(owner_unit=owner)
    # One budget project is late: its date has passed and it is still being carried out.
    late = (
        Commitment.objects.filter(
            city=city, tool=CommitmentSource.BUDGETS, status=CommitmentStatus.IN_PROGRESS
        )
        .order_by("pk")
        .first()
    )
    if late is not None and not late.is_late():
        Commitment.objects.filter(pk=late.pk).update(planned_on=today - datetime.timedelta(days=45))
    _extra(city)
    _strategy(city)
    _abandon_one(city, official)
    _population(city)
    overseen = list(
        Commitment.objects.filter(
            city=city, tool__in=[CommitmentSource.PANELS, CommitmentSource.BUDGETS]
        )
        .exclude(status=CommitmentStatus.ABANDONED)
        .order_by("tool", "pk")[:4]
    )
    if panel is not None and not Oversight.objects.filter(panel=panel).exists():
        for c in overseen:
            Oversight.objects.create(panel=panel, commitment=c)
        _questions(panel, overseen, official)


def _monitoring_panel(city: City):
    """A panel that finished last year; its members now oversee what the city promised."""
    from wiec.accounts.models import User
    from wiec.panels.models import (
        CitizensPanel,
        Panelist,
        PanelistKind,
        PanelistStatus,
        Recommendation,
        Respondent,
    )

    existing = CitizensPanel.objects.filter(slug=MONITORING_SLUG).first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    start = today - datetime.timedelta(days=420)
    panel = CitizensPanel.objects.create(
        city=city,
        slug=MONITORING_SLUG,
        topic="Zieleń w mieście (2025)",
        question="Jak przygotować Kraków na upały?",
        description="Panel z 2025 roku; jego członkinie i członkowie monitorują teraz realizację.",
        panel_size=12,
        reserves_count=2,
        recruitment_starts=start,
        recruitment_ends=start + datetime.timedelta(days=20),
        deliberation_starts=start + datetime.timedelta(days=40),
        recommendations_start=start + datetime.timedelta(days=80),
        monitoring_starts=start + datetime.timedelta(days=120),
        results_published_at=timezone.now() - datetime.timedelta(days=290),
    )
    member = User.objects.filter(email="mieszkanka@demo.wiec.pl").first()
    if member is not None:
        respondent = Respondent.objects.create(
            panel=panel,
            user=member,
            full_name=member.display_name or "Anna Nowak",
            consent_at=timezone.now(),
        )
        Panelist.objects.create(
            panel=panel,
            respondent=respondent,
            user=member,
            anonymous_id="Z-01",
            kind=PanelistKind.MEMBER,
            drawn_as=PanelistKind.MEMBER,
            status=PanelistStatus.CONFIRMED,
        )
    answered_at = timezone.now() - datetime.timedelta(days=280)
    for number, (title, text, status, response) in enumerate(RECOMMENDATIONS, start=1):
        Recommendation.objects.create(
            panel=panel,
            number=number,
            title=title,
            text=text,
            votes_yes=10,
            votes_counted=12,
            support_denominator=12,
            support_level="binding",
            response=response,
            responded_at=answered_at,
            implementation_status=status,
        )
    return panel


def _population(city: City) -> None:
    """The city's figures: districts from their population, age and sex from GUS shares."""
    from wiec.commitments.models import PopulationFigure
    from wiec.places.models import District

    year = timezone.localdate().year
    if PopulationFigure.objects.filter(city=city, year=year).exists():
        return
    total = 0
    for d in District.objects.filter(city=city, population__isnull=False):
        PopulationFigure.objects.create(
            city=city, year=year, dimension="district", group=d.slug, count=d.population
        )
        total += d.population
    total = total or city.population or 800_000
    for dimension, shares in (
        ("age", {"0-17": 17, "18-29": 14, "30-44": 24, "45-64": 22, "65+": 23}),
        ("sex", {"F": 53, "M": 47}),
    ):
        for group, share in shares.items():
            PopulationFigure.objects.create(
                city=city, year=year, dimension=dimension, group=group, count=total * share // 100
            )


def strategy_csv(year: int) -> str:
    """The demo climate plan: three goals, an indicator each over three years, tasks."""
    a, b, c = year - 3, year - 2, year - 1
    rows = [
        "typ,cel,nazwa,jednostka,rok,wartosc,docelowo_rok,docelowo,zrodlo,odpowiedzialni,termin",
        "cel,Chłodniejsze miasto w czasie upałów,,,,,,,,,",
        f"miernik,Chłodniejsze miasto w czasie upałów,Udział terenów zieleni,%,{a},18,"
        f"{year + 4},25,Zarząd Zieleni Miejskiej,,",
        f"wartosc,,Udział terenów zieleni,,{b},18.6,,,Raport o stanie miasta {b},,",
        f"wartosc,,Udział terenów zieleni,,{c},19.4,,,Raport o stanie miasta {c},,",
        f"zadanie,Chłodniejsze miasto w czasie upałów,Posadzić 1000 drzew przy ulicach,,,,,,,"
        f"Zarząd Zieleni Miejskiej,{year + 1}-10-31",
        "cel,Mniej spalin z transportu,,,,,,,,,",
        f"miernik,Mniej spalin z transportu,Podróże rowerem,% podróży,{a},4,{year + 4},10,"
        "Kompleksowe badanie ruchu,,",
        f"wartosc,,Podróże rowerem,,{b},4.5,,,Pomiar ruchu rowerowego {b},,",
        f"wartosc,,Podróże rowerem,,{c},5.6,,,Pomiar ruchu rowerowego {c},,",
        "zadanie,Mniej spalin z transportu,Wybudować 20 km dróg rowerowych,,,,,,,"
        f"Zarząd Dróg Miasta Krakowa,{year + 2}-12-31",
        "cel,Woda deszczowa zostaje w mieście,,,,,,,,,",
        f"miernik,Woda deszczowa zostaje w mieście,Ogrody deszczowe,liczba,{a},12,"
        f"{year + 4},100,Wodociągi Miasta Krakowa,,",
        f"wartosc,,Ogrody deszczowe,,{b},20,,,Sprawozdanie Wodociągów {b},,",
        f"wartosc,,Ogrody deszczowe,,{c},31,,,Sprawozdanie Wodociągów {c},,",
        "zadanie,Woda deszczowa zostaje w mieście,Ogrody deszczowe przy 30 szkołach,,,,,,,"
        f"Wydział Edukacji,{c}-12-31",
    ]
    return "\n".join(rows) + "\n"


def _strategy(city: City) -> None:
    from wiec.accounts.models import User
    from wiec.commitments import strategies
    from wiec.commitments.models import Strategy

    coordinator = User.objects.filter(email="koordynator@demo.wiec.pl").first()
    if coordinator is None or Strategy.objects.filter(city=city).exists():
        return
    year = timezone.localdate().year
    strategy = strategies.import_strategy(
        actor=coordinator,
        city=city,
        title="Plan adaptacji Krakowa do zmian klimatu",
        starts_year=year - 3,
        ends_year=year + 4,
        text=strategy_csv(year),
    )
    strategy.description = (
        "Plan napisany z mieszkańcami i mieszkankami; zespół monitorujący co roku "
        "wpisuje wartości mierników, a każdy cel można skomentować."
    )
    strategy.save(update_fields=["description"])


def _abandon_one(city: City, official) -> None:
    """A promise the city gave up, with its reason, as the account must show."""
    if (
        official is None
        or Commitment.objects.filter(city=city, status=CommitmentStatus.ABANDONED).exists()
    ):
        return
    partly = (
        Commitment.objects.filter(
            city=city, tool=CommitmentSource.CONSULTATIONS, acceptance="partly"
        )
        .order_by("pk")
        .first()
    )
    if partly is not None:
        services.add_update(
            actor=official,
            commitment=partly,
            status=CommitmentStatus.ABANDONED,
            text="Wojewoda zakwestionował uchwałę; zmiana wymaga nowej podstawy prawnej.",
        )


def _extra(city: City) -> None:
    """Promises of the tools still to come: a local initiative and a strategy's task."""
    year = timezone.localdate().year
    for tool, title, owner, planned in [
        (
            CommitmentSource.INITIATIVES,
            "Ogród społeczny na Dębnikach (umowa o inicjatywę lokalną)",
            "Wydział Polityki Społecznej",
            datetime.date(year, 10, 31),
        ),
    ]:
        if not Commitment.objects.filter(city=city, title=title).exists():
            services.create_commitment(
                actor=None,
                city=city,
                title=title,
                tool=tool,
                owner_unit=owner,
                planned_on=planned,
                year=year - 1,
            )


def _questions(panel, overseen: list[Commitment], official) -> None:
    from wiec.commitments.models import Assessment

    member = panel.panelists.filter(user__isnull=False).first()
    if member is None or not overseen:
        return
    now = timezone.now()
    first = overseen[0]
    MonitoringQuestion.objects.create(
        commitment=first,
        panel=panel,
        text="Ile drzew posadzono do tej pory i gdzie?",
        asked_by=member.user,
        asked_at=now - datetime.timedelta(days=30),
        due_on=timezone.localdate() - datetime.timedelta(days=16),
        answer="Do końca października posadzono 64 drzewa, głównie w Nowej Hucie i Podgórzu.",
        answered_at=now - datetime.timedelta(days=20),
        answered_by=official,
    )
    Assessment.objects.create(
        commitment=first,
        panel=panel,
        verdict="on_track",
        note="Nasadzenia idą zgodnie z planem; prosimy o mapę posadzonych drzew.",
        author=member.user,
    )
    if len(overseen) > 1:
        MonitoringQuestion.objects.create(
            commitment=overseen[-1],
            panel=panel,
            text="Dlaczego prace stoją od dwóch miesięcy?",
            asked_by=member.user,
            due_on=services.answer_due(),
        )
