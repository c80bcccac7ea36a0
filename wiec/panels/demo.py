"""The demo city's citizens' panels; every date is relative to the day of loading.

- ``klimat-krakow``: the climate panel: recruited, its seed announced after recruitment
  closed, drawn in public, four sessions of deliberation, now voting recommendations;
- ``komunikacja-krakow``: a panel on public transport, recruiting now;
- ``zielen-krakow``: a panel on greenery whose recruitment has closed: its seed is
  announced and the public draw is the day after tomorrow.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from wiec.accounts.models import User
from wiec.panels import services
from wiec.panels.models import (
    CitizensPanel,
    FeatureValue,
    Lottery,
    LotteryStatus,
    Panelist,
    PanelistKind,
    PanelistStatus,
    RecommendationVote,
    Respondent,
    Source,
)
from wiec.places.models import City

SLUG = "klimat-krakow"
RECRUITING = "komunikacja-krakow"
SELECTING = "zielen-krakow"
DELIBERATING = "seniorzy-krakow"
MONITORING = "powietrze-krakow"
POOL_SIZE = 120
APPLIED_SO_FAR = 37
#: Digits of a public lottery held before the seed is announced (so nobody can pick them).
SEED_DIGITS = "7 3 9 1 4"


def seed_text(draw: datetime.date, digits: str) -> str:
    """The seed as announced: the day of the draw and the lottery digits of the day before
    the announcement, which no organiser could know when recruitment closed."""
    lotto = draw - datetime.timedelta(days=4)  # the seed is announced 3 days before the draw
    return f"losowanie {draw.isoformat()}; Lotto z {lotto.isoformat()}: {digits}"


#: Census shares (%), rounded, after NSP 2021 for Kraków; districts use their population.
SHARES = {
    "sex": {"female": 53.5, "male": 46.5},
    "age": {"16-29": 19, "30-44": 27, "45-64": 28, "65+": 26},
    "education": {"basic": 27, "secondary": 33, "higher": 40},
    "climate": {"very": 45, "somewhat": 35, "little": 20},
}
TOLERANCE = Decimal(6)

RECOMMENDATIONS = [
    (
        "Zielone przystanki",
        "Miasto obsadzi zielenią dachy co najmniej 100 wiat przystankowych do 2028 roku.",
        (22, 1, 1),
    ),
    (
        "Ciepło z sieci dla kamienic",
        "Program dopłat do podłączenia kamienic w Śródmieściu do miejskiej sieci "
        "ciepłowniczej, z pierwszeństwem dla najuboższych lokatorów.",
        (17, 4, 3),
    ),
    (
        "Strefa czystego transportu w całym mieście",
        "Rozszerzenie strefy czystego transportu na całe miasto od 2027 roku.",
        (11, 10, 3),
    ),
]


def _dates(today: datetime.date) -> dict:
    now = timezone.now()
    return {
        "recruitment_starts": today - datetime.timedelta(days=120),
        "recruitment_ends": today - datetime.timedelta(days=90),
        "deliberation_starts": today - datetime.timedelta(days=60),
        "recommendations_start": today - datetime.timedelta(days=7),
        "monitoring_starts": today + datetime.timedelta(days=30),
        "voting_opens_at": now - datetime.timedelta(days=2),
        "voting_closes_at": now + datetime.timedelta(days=5),
    }


def draw_day(today: datetime.date) -> datetime.date:
    """The public draw: a week after recruitment closed, three weeks before the first session."""
    return _dates(today)["recruitment_ends"] + datetime.timedelta(days=7)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _generated_pool(panel: CitizensPanel, rng: random.Random) -> None:
    values = {
        f.key: [v.key for v in f.values.all()] for f in panel.features.prefetch_related("values")
    }
    weights = {
        "sex": [50, 50],
        "age": [22, 30, 30, 18],  # the oldest volunteer less often
        "education": [15, 30, 55],  # and the educated more often, as in real pools
        "climate": [50, 35, 15],
    }
    now = timezone.now()
    rows = []
    for n in range(POOL_SIZE):
        answers = {
            key: rng.choices(keys, weights=weights.get(key))[0] for key, keys in values.items()
        }
        household = services.household_hash(panel, f"dom-{n // 2}") if n % 10 < 2 else ""
        rows.append(
            Respondent(
                panel=panel,
                full_name=f"Osoba zgłoszona {n + 1}",
                email=f"zgloszenie{n + 1}@example.org",
                answers=answers,
                household_hash=household,
                source=Source.IMPORT,
                consent_at=now - datetime.timedelta(days=100),
            )
        )
    Respondent.objects.bulk_create(rows)


def _set_quotas(panel: CitizensPanel) -> None:
    shares: dict[int, Decimal | None] = {}
    population = {d.slug: d.population or 0 for d in panel.city.districts.all()}
    total = sum(population.values()) or 1
    for value in FeatureValue.objects.filter(feature__panel=panel).select_related("feature"):
        if value.feature.key == "district":
            share = 100 * population.get(value.key, 0) / total
        else:
            share = SHARES[value.feature.key][value.key]
        shares[value.pk] = Decimal(str(round(share, 2)))
    bounds = services.quotas_from_census(panel, shares, TOLERANCE)
    services.set_quotas(actor=None, panel=panel, bounds=bounds, shares=shares)


def _draw(panel: CitizensPanel, rng: random.Random, digits: str) -> list[Panelist]:
    """Pool, quotas and the public draw a week after recruitment closed; seats confirmed."""
    _generated_pool(panel, rng)
    _set_quotas(panel)
    drawn_on = panel.recruitment_ends + datetime.timedelta(days=7)
    lottery = services.announce_seed(actor=None, panel=panel, seed=seed_text(drawn_on, digits))
    Lottery.objects.filter(pk=lottery.pk).update(
        status=LotteryStatus.RUNNING, started_at=_at(drawn_on, 12)
    )
    lottery.refresh_from_db()
    services.draw_panel(actor=None, lottery=lottery)
    Lottery.objects.filter(pk=lottery.pk).update(
        seed_announced_at=_at(drawn_on - datetime.timedelta(days=3), 10),
        finished_at=_at(drawn_on, 12) + datetime.timedelta(minutes=4),
    )
    members = list(Panelist.objects.filter(panel=panel, kind=PanelistKind.MEMBER))
    Panelist.objects.filter(pk__in=[m.pk for m in members]).update(status=PanelistStatus.CONFIRMED)
    return members


def _sessions(panel: CitizensPanel, members: list, plan: list[tuple[int, str, str]]) -> None:
    """Sessions ``(days from today, title, place)``; past ones have materials and attendance."""
    today = timezone.localdate()
    experts = panel.expert_list() or [""]
    for n, (offset, title, place) in enumerate(plan):
        session = services.schedule_session(
            actor=None,
            panel=panel,
            title=title,
            starts_at=_at(today + datetime.timedelta(days=offset), 10),
            place=place,
            link="",
            description="Wykłady ekspertów, pytania panelistów, praca w grupach.",
        )
        if offset < 0:
            services.add_material(
                actor=None,
                session=session,
                title=f"{title}: prezentacja eksperta",
                kind="presentation",
                url=f"https://example.org/{panel.slug}/{n + 1}.pdf",
                author=experts[n % len(experts)],
            )
            services.record_attendance(
                actor=None, session=session, present=members[: len(members) - n % 3]
            )


def _space(panel: CitizensPanel) -> None:
    """Between sessions the panelists asked the experts and talked in the panel's space."""
    anna = User.objects.filter(email="mieszkanka@demo.wiec.pl").first()
    jan = User.objects.filter(email="mieszkaniec@demo.wiec.pl").first()
    organiser = User.objects.filter(email="koordynator@demo.wiec.pl").first()
    if anna is None or jan is None or organiser is None:
        return
    question = services.post_to_space(
        actor=anna,
        panel=panel,
        kind="question",
        topic="Zielone przystanki",
        text="Ile kosztuje zazielenienie dachu jednej wiaty i kto potem o nią dba?",
    )
    services.answer_question(
        actor=organiser,
        post=question,
        answer="Według ZZM około 18 000 zł za wiatę; podlewanie i przycinanie przez 3 lata "
        "obejmuje umowa z wykonawcą, potem przejmuje je ZZM.",
    )
    for author, text in (
        (jan, "Czy rekomendacja o przystankach nie powinna wskazywać najpierw tych bez cienia?"),
        (anna, "Dobry pomysł: dopiszmy kryterium nasłonecznienia, zaproponuję treść."),
    ):
        services.post_to_space(
            actor=author, panel=panel, kind="discussion", topic="Zielone przystanki", text=text
        )


def load_deliberating(city: City) -> None:
    """Drawn two months ago; two sessions held, two to come; no recommendation yet."""
    if CitizensPanel.objects.filter(city=city, slug=DELIBERATING).exists():
        return
    today = timezone.localdate()
    days = datetime.timedelta
    panel = CitizensPanel.objects.create(
        city=city,
        slug=DELIBERATING,
        topic="Jak Kraków ma wspierać starszych mieszkańców w dzielnicach?",
        question=(
            "Czego potrzebują osoby starsze w swoich dzielnicach, by żyć samodzielnie i "
            "nie czuć się samotnie, i co miasto powinno zrobić najpierw?"
        ),
        description=(
            "Panel obywatelski zwołany przez Prezydenta Miasta. Panelistki i paneliści "
            "spotykają się co dwa tygodnie; między spotkaniami pracują w przestrzeni online."
        ),
        organisers="Urząd Miasta Krakowa, Wydział Polityki Społecznej i Zdrowia",
        experts="dr Halina Senioralna (UJ)\nMarek Sąsiedzki (Miejski Ośrodek Pomocy Społecznej)",
        panel_size=24,
        reserves_count=6,
        recruitment_starts=today - days(95),
        recruitment_ends=today - days(65),
        deliberation_starts=today - days(30),
        recommendations_start=today + days(25),
        monitoring_starts=today + days(70),
    )
    services.add_standard_questions(actor=None, panel=panel)
    members = _draw(panel, random.Random(2029), "5 1 7 3 0")
    _sessions(
        panel,
        members,
        [
            (-28, "Spotkanie 1: jak żyją starsi krakowianie", "Pałac Krzysztofory, sala obrad"),
            (-14, "Spotkanie 2: opieka i zdrowie blisko domu", "Pałac Krzysztofory, sala obrad"),
            (7, "Spotkanie 3: mieszkanie, transport, sąsiedztwo", "Nowohuckie Centrum Kultury"),
            (21, "Spotkanie 4: pierwsze rekomendacje", "Pałac Krzysztofory, sala obrad"),
        ],
    )


def load_monitoring(city: City) -> None:
    """Last year's panel on air quality: results published, the city reports on each."""
    if CitizensPanel.objects.filter(city=city, slug=MONITORING).exists():
        return
    from wiec.panels.models import Recommendation, RecommendationProgress

    today = timezone.localdate()
    days = datetime.timedelta
    now = timezone.now()
    panel = CitizensPanel.objects.create(
        city=city,
        slug=MONITORING,
        topic="Jak poprawić jakość powietrza w Krakowie?",
        question="Co miasto powinno zrobić, żeby zimą w Krakowie dało się oddychać?",
        description=(
            "Panel obywatelski z zeszłego roku. Rekomendacje zostały przegłosowane; miasto "
            "odpowiedziało na każdą i co kwartał informuje, jak idzie ich wdrażanie."
        ),
        organisers="Urząd Miasta Krakowa, Wydział Klimatu i Energii",
        experts="prof. Jerzy Pyłowy (AGH)\nKatarzyna Piecowa (Krakowski Alarm Smogowy)",
        panel_size=24,
        reserves_count=6,
        recruitment_starts=today - days(440),
        recruitment_ends=today - days(410),
        deliberation_starts=today - days(380),
        recommendations_start=today - days(330),
        monitoring_starts=today - days(300),
        voting_opens_at=now - days(320),
        voting_closes_at=now - days(313),
    )
    services.add_standard_questions(actor=None, panel=panel)
    members = _draw(panel, random.Random(2030), "4 4 2 9 6")
    _sessions(
        panel,
        members,
        [
            (-378, "Spotkanie 1: skąd się bierze smog", "Centrum Kongresowe ICE, sala A"),
            (-364, "Spotkanie 2: ogrzewanie domów", "Centrum Kongresowe ICE, sala A"),
            (-350, "Spotkanie 3: transport i zieleń", "Centrum Kongresowe ICE, sala A"),
            (-320, "Spotkanie 4: głosowanie rekomendacji", "Urząd Miasta, sala obrad"),
        ],
    )
    official = User.objects.filter(email="urzednik@demo.wiec.pl").first()
    plan = [
        (
            "Dopłaty do wymiany pieców dla najuboższych",
            "Miasto pokryje 100% kosztu wymiany pieca gospodarstwom o najniższych dochodach.",
            (21, 2, 1),
            RecommendationProgress.IN_PROGRESS,
            "Program ruszył; wymieniono 412 z 900 zgłoszonych pieców.",
        ),
        (
            "Czujniki jakości powietrza przy każdej szkole",
            "Przy każdej szkole podstawowej czujnik z tablicą pokazującą jakość powietrza.",
            (18, 4, 2),
            RecommendationProgress.DONE,
            "Czujniki działają przy 96 szkołach; dane są na stronie miasta.",
        ),
        (
            "Darmowa komunikacja w dni smogowe",
            "W dni ostrzeżeń smogowych bilety w komunikacji miejskiej są bezpłatne.",
            (12, 9, 3),
            RecommendationProgress.NOT_IMPLEMENTED,
            "Rada Miasta odrzuciła uchwałę: koszt 2 mln zł dziennie.",
        ),
    ]
    for number, (title, text, (yes, no, abstain), _status, _note) in enumerate(plan, start=1):
        rec = Recommendation.objects.create(
            panel=panel, number=number, title=title, text=text, drafted_by=members[number]
        )
        choices = ["yes"] * yes + ["no"] * no + ["abstain"] * abstain
        RecommendationVote.objects.bulk_create(
            RecommendationVote(recommendation=rec, panelist=p, choice=c)
            for p, c in zip(members, choices, strict=False)
        )
    services.publish_results(actor=None, panel=panel)
    published = now - days(312)
    CitizensPanel.objects.filter(pk=panel.pk).update(results_published_at=published)
    for rec, (_t, _x, _v, status, note) in zip(
        panel.recommendations.order_by("number"), plan, strict=True
    ):
        services.respond_to_recommendation(
            actor=official,
            recommendation=rec,
            response="Prezydent przyjmuje rekomendację i kieruje ją do wydziałów."
            if status != RecommendationProgress.NOT_IMPLEMENTED
            else "Prezydent przedstawił projekt uchwały; Rada Miasta go nie przyjęła.",
            status=status,
        )
        Recommendation.objects.filter(pk=rec.pk).update(responded_at=published + days(30))
        services.add_implementation_update(
            actor=official,
            recommendation=rec,
            date=today - days(20),
            status=status,
            note=note,
        )


def load(city: City) -> None:
    load_recruiting(city)
    load_selecting(city)
    load_deliberating(city)
    load_monitoring(city)
    if CitizensPanel.objects.filter(city=city, slug=SLUG).exists():
        return
    rng = random.Random(2026)
    today = timezone.localdate()
    panel = CitizensPanel.objects.create(
        city=city,
        slug=SLUG,
        topic="Jak Kraków ma się przygotować na zmiany klimatu?",
        question=(
            "Co miasto powinno zrobić do 2030 roku, aby ograniczyć emisje i przygotować "
            "mieszkańców na upały i ulewy?"
        ),
        description=(
            "Panel obywatelski zwołany przez Prezydenta Miasta. Rekomendacje poparte przez "
            "co najmniej 80% panelistów są dla Prezydenta wiążące."
        ),
        organisers="Urząd Miasta Krakowa, Wydział Polityki Społecznej; Fundacja Stocznia",
        experts="dr hab. Anna Klimatyczna (AGH)\nJan Ciepłowniczy (MPEC)\nEwa Zielona (ZZM)",
        panel_size=24,
        reserves_count=6,
        **_dates(today),
    )
    services.add_standard_questions(actor=None, panel=panel)
    services.add_question(
        actor=None,
        panel=panel,
        key="climate",
        label="Jak bardzo martwią Cię zmiany klimatu?",
        answers=[("very", "bardzo"), ("somewhat", "trochę"), ("little", "mało lub wcale")],
    )
    members = _draw(panel, rng, SEED_DIGITS)
    # Two demo residents hold seats, so the vote can be tried in the browser.
    for member, email in zip(
        members[:2], ["mieszkanka@demo.wiec.pl", "mieszkaniec@demo.wiec.pl"], strict=False
    ):
        user = User.objects.filter(email=email).first()
        if user is not None:
            Panelist.objects.filter(pk=member.pk).update(user=user)
            Respondent.objects.filter(pk=member.respondent_id).update(
                user=user, full_name=user.get_full_name() or email
            )
    # Three sessions of deliberation a fortnight apart; the fourth, to vote, is this week.
    first = _at(today - datetime.timedelta(days=56), 10)
    starts = [first + datetime.timedelta(days=14 * n) for n in range(3)]
    starts.append(_at(today + datetime.timedelta(days=2), 10))
    for n, (title, place) in enumerate(
        [
            ("Spotkanie 1: czym jest zmiana klimatu", "Centrum Kongresowe ICE, sala B"),
            ("Spotkanie 2: energia i ciepło", "Centrum Kongresowe ICE, sala B"),
            ("Spotkanie 3: transport", "Centrum Kongresowe ICE, sala B"),
            ("Spotkanie 4: głosowanie rekomendacji", "Urząd Miasta, sala obrad"),
        ]
    ):
        session = services.schedule_session(
            actor=None,
            panel=panel,
            title=title,
            starts_at=starts[n],
            place=place,
            link="https://example.org/transmisja" if n < 3 else "",
            description="Wykłady ekspertów, pytania panelistów, praca w grupach.",
        )
        if n < 3:
            services.add_material(
                actor=None,
                session=session,
                title=f"Prezentacja eksperta ({n + 1})",
                kind="presentation",
                url=f"https://example.org/materialy/{n + 1}.pdf",
                author=panel.expert_list()[n],
            )
            services.record_attendance(
                actor=None, session=session, present=members[: len(members) - n]
            )
    _space(panel)
    voters = members[2:]  # the demo residents vote themselves
    for number, (title, text, (yes, no, abstain)) in enumerate(RECOMMENDATIONS, start=1):
        from wiec.panels.models import Recommendation

        rec = Recommendation.objects.create(
            panel=panel, number=number, title=title, text=text, drafted_by=members[number]
        )
        choices = ["yes"] * yes + ["no"] * no + ["abstain"] * abstain
        RecommendationVote.objects.bulk_create(
            [
                RecommendationVote(recommendation=rec, panelist=p, choice=c)
                for p, c in zip(voters, choices, strict=False)
            ]
        )


def load_recruiting(city: City) -> None:
    """A panel on public transport, recruiting now, with the first applications in."""
    if CitizensPanel.objects.filter(city=city, slug=RECRUITING).exists():
        return
    today = timezone.localdate()
    days = datetime.timedelta
    panel = CitizensPanel.objects.create(
        city=city,
        slug=RECRUITING,
        topic="Jak poprawić komunikację miejską w Krakowie?",
        question=(
            "Co miasto powinno zmienić w tramwajach i autobusach, żeby więcej osób wybierało "
            "je zamiast samochodu?"
        ),
        description=(
            "Panel obywatelski zwołany przez Prezydenta Miasta na wniosek 1200 mieszkańców. "
            "Zgłoś się do losowania: 60 osób, dobranych tak, by odzwierciedlały "
            "mieszkańców Krakowa, spotka się czterokrotnie."
        ),
        organisers="Urząd Miasta Krakowa, Wydział Transportu; Zarząd Transportu Publicznego",
        experts="dr inż. Marek Torowy (Politechnika Krakowska)\nAnna Przesiadka (ZTP)",
        panel_size=60,
        reserves_count=15,
        recruitment_starts=today - days(10),
        recruitment_ends=today + days(20),
        deliberation_starts=today + days(45),
        recommendations_start=today + days(88),
        monitoring_starts=today + days(120),
    )
    services.add_standard_questions(actor=None, panel=panel)
    rng = random.Random(2027)
    values = {
        f.key: [v.key for v in f.values.all()] for f in panel.features.prefetch_related("values")
    }
    now = timezone.now()
    Respondent.objects.bulk_create(
        Respondent(
            panel=panel,
            full_name=f"Osoba zgłoszona {n + 1}",
            email=f"komunikacja{n + 1}@example.org",
            answers={key: rng.choice(keys) for key, keys in values.items()},
            source=Source.FORM,
            consent_at=now - days(9) + days(n * 9 / APPLIED_SO_FAR),
        )
        for n in range(APPLIED_SO_FAR)
    )


def load_selecting(city: City) -> None:
    """Recruitment closed five days ago; the seed is announced, the draw comes next."""
    if CitizensPanel.objects.filter(city=city, slug=SELECTING).exists():
        return
    today = timezone.localdate()
    days = datetime.timedelta
    panel = CitizensPanel.objects.create(
        city=city,
        slug=SELECTING,
        topic="Jak zazielenić ulice i podwórka Krakowa?",
        question="Które ulice i podwórka zazielenić w pierwszej kolejności i jak o nie dbać?",
        description=(
            "Panel mieszkańców zwołany przez Radę Miasta. Zgłoszenia są zamknięte; "
            "ziarno losowania ogłoszono, losowanie odbędzie się publicznie."
        ),
        organisers="Urząd Miasta Krakowa, Zarząd Zieleni Miejskiej",
        experts="Ewa Zielona (ZZM)\ndr Jan Łąkowy (Uniwersytet Rolniczy)",
        panel_size=30,
        reserves_count=8,
        recruitment_starts=today - days(40),
        recruitment_ends=today - days(5),
        deliberation_starts=today + days(20),
        recommendations_start=today + days(62),
        monitoring_starts=today + days(90),
    )
    services.add_standard_questions(actor=None, panel=panel)
    rng = random.Random(2028)
    _generated_pool(panel, rng)
    Respondent.objects.filter(panel=panel).update(
        source=Source.FORM, consent_at=_at(today - days(20), 12)
    )
    _set_quotas(panel)
    draw = today + days(2)
    lottery = services.announce_seed(actor=None, panel=panel, seed=seed_text(draw, "2 8 0 6 5"))
    Lottery.objects.filter(pk=lottery.pk).update(
        seed_announced_at=_at(draw - datetime.timedelta(days=3), 10)
    )
