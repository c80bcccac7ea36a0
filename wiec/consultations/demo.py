"""The demo city's consultations: one in every phase, one with a published report,
the annual plan and a residents' request.  Safe to run twice."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from wiec.accounts.models import User
from wiec.consultations import services
from wiec.consultations.models import (
    AnnualPlan,
    Consultation,
    ConsultationRequest,
    QuestionKind,
    Topic,
)
from wiec.consultations.selectors import settings_of
from wiec.places.models import City, District

LEGAL_BASIS = (
    "art. 5a ustawy o samorządzie gminnym; uchwała Rady Miasta Krakowa w sprawie zasad "
    "i trybu przeprowadzania konsultacji z mieszkańcami"
)

DOCUMENT = """## Rozdział 1. Cel parku

Park ma być miejscem wypoczynku dla mieszkańców wszystkich pokoleń, z **dużą ilością zieleni**.

## Rozdział 2. Zieleń

Zachowujemy wszystkie istniejące drzewa i sadzimy co najmniej 40 nowych.

## Rozdział 3. Plac zabaw

Plac zabaw powstanie przy wejściu od ul. Zamojskiego, z nawierzchnią bezpieczną dla dzieci.

## Rozdział 4. Oświetlenie

Alejki zostaną oświetlone lampami o ciepłej barwie, wyłączanymi o północy."""


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _consultation(city: City, slug: str, **fields) -> tuple[Consultation, bool]:
    consultation, created = Consultation.objects.update_or_create(
        city=city, slug=slug, defaults=fields
    )
    return consultation, created


@transaction.atomic
def load(city: City) -> None:
    settings_of(city)
    official = _user("urzednik@demo.wiec.pl")
    anna = _user("mieszkanka@demo.wiec.pl")
    jan = _user("mieszkaniec@demo.wiec.pl")
    today = timezone.localdate()
    greenery, _c = Topic.objects.get_or_create(
        city=city, slug="zielen", defaults={"name": "Zieleń"}
    )
    transport, _c = Topic.objects.get_or_create(
        city=city, slug="transport", defaults={"name": "Transport"}
    )
    plan, _c = AnnualPlan.objects.update_or_create(
        city=city,
        year=today.year,
        defaults={
            "introduction": "Roczny plan konsultacji społecznych Miasta Krakowa: co i kiedy "
            "miasto zamierza konsultować z mieszkańcami.",
            "adopted_on": datetime.date(today.year, 1, 15),
        },
    )
    podgorze = District.objects.get(city=city, slug="podgorze")
    common = {
        "legal_basis": LEGAL_BASIS,
        "responsible_unit": "Wydział Komunikacji Społecznej",
        "coordinator_name": "Ewa Koordynator",
        "coordinator_email": "konsultacje@demo.wiec.pl",
        "plan": plan,
    }

    ongoing, _created = _consultation(
        city,
        "park-zabloce",
        title="Park na Zabłociu",
        topic=greenery,
        district=podgorze,
        summary="Miasto projektuje nowy park na Zabłociu. Powiedz, czego w nim potrzebujesz: "
        "zieleni, placu zabaw, miejsc do siedzenia.",
        subject="Koncepcja zagospodarowania parku przy ul. Zamojskiego.",
        goal="Poznać potrzeby mieszkańców przed zamówieniem projektu budowlanego.",
        target_groups="mieszkańcy Podgórza, rodziny z dziećmi, seniorzy",
        can_influence="Układ alejek, wyposażenie placu zabaw, rodzaj nasadzeń, oświetlenie.",
        already_decided="Granice parku i budżet (4 mln zł) są już ustalone.",
        starts_on=today - datetime.timedelta(days=7),
        ends_on=today + datetime.timedelta(days=21),
        map_enabled=True,
        **common,
    )
    if official is not None and not ongoing.paragraphs.exists():
        services.set_document(
            actor=official, consultation=ongoing, title="Koncepcja parku", text=DOCUMENT
        )
        services.set_map_categories(
            actor=official, consultation=ongoing, names=["Zieleń", "Bezpieczeństwo", "Dostępność"]
        )
        services.add_question(
            actor=official,
            consultation=ongoing,
            kind=QuestionKind.SINGLE,
            text="Jak często chcesz odwiedzać park?",
            choices=["codziennie", "co tydzień", "rzadziej"],
            survey_title="Ankieta o parku",
        )
        services.add_question(
            actor=official,
            consultation=ongoing,
            kind=QuestionKind.MULTIPLE,
            text="Co powinno się znaleźć w parku?",
            choices=["plac zabaw", "ławki", "toaleta", "wybieg dla psów"],
        )
        services.add_question(
            actor=official,
            consultation=ongoing,
            kind=QuestionKind.SCALE,
            text="Jak ważna jest dla Ciebie cisza w parku?",
        )
        services.add_question(
            actor=official,
            consultation=ongoing,
            kind=QuestionKind.RANKING,
            text="Uszereguj od najważniejszego",
            choices=["drzewa", "oświetlenie", "ścieżka rowerowa"],
        )
        services.add_question(
            actor=official,
            consultation=ongoing,
            kind=QuestionKind.TEXT,
            text="Co jeszcze chcesz nam powiedzieć?",
            required=False,
        )
        start = timezone.now().replace(hour=18, minute=0, second=0, microsecond=0)
        services.schedule_meeting(
            actor=official,
            consultation=ongoing,
            title="Spacer badawczy po Zabłociu",
            kind="in_person",
            starts_at=start + datetime.timedelta(days=5),
            ends_at=start + datetime.timedelta(days=5, hours=2),
            place="Zbiórka przy ul. Zamojskiego 50",
            capacity=30,
        )
        services.schedule_meeting(
            actor=official,
            consultation=ongoing,
            title="Spotkanie online",
            kind="online",
            starts_at=start + datetime.timedelta(days=10),
            ends_at=start + datetime.timedelta(days=10, hours=1, minutes=30),
            online_url="https://spotkanie.example.org/park",
        )

    _consultation(
        city,
        "strefa-czystego-transportu",
        title="Strefa Czystego Transportu",
        topic=transport,
        district=None,
        summary="Od przyszłego roku miasto chce ograniczyć wjazd najstarszych aut do centrum. "
        "Zapytamy, jakie wyjątki i terminy są dla Ciebie ważne.",
        subject="Projekt uchwały w sprawie strefy czystego transportu.",
        goal="Zebrać uwagi do terminów i wyjątków przed przedstawieniem projektu Radzie Miasta.",
        target_groups="wszyscy mieszkańcy, kierowcy, przedsiębiorcy",
        can_influence="Terminy wprowadzenia, wyjątki dla mieszkańców i seniorów.",
        already_decided="Granice strefy wynikają z programu ochrony powietrza.",
        starts_on=today + datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=75),
        requires_verified_residency=True,
        **common,
    )

    finished, _created = _consultation(
        city,
        "rewitalizacja-placu",
        title="Rewitalizacja placu Wolnica",
        topic=greenery,
        district=None,
        summary="Pytaliśmy, jak zmienić plac Wolnica. Zobacz raport: co przyjęliśmy, a czego nie "
        "i dlaczego.",
        subject="Koncepcja nowej aranżacji placu Wolnica.",
        goal="Wybrać wariant zagospodarowania placu.",
        target_groups="mieszkańcy Kazimierza, przedsiębiorcy, turyści",
        can_influence="Wybór wariantu, rozmieszczenie zieleni i ławek.",
        already_decided="Plac pozostaje deptakiem.",
        starts_on=today - datetime.timedelta(days=60),
        ends_on=today - datetime.timedelta(days=20),
        **common,
    )
    if official is not None and not finished.remarks.exists():
        finished.starts_on, finished.ends_on = today, today + datetime.timedelta(days=1)
        finished.save(update_fields=["starts_on", "ends_on"])
        services.set_document(
            actor=official,
            consultation=finished,
            title="Koncepcja placu",
            text="Plac pozostaje deptakiem.\n\nPosadzimy 12 drzew.",
        )
        paragraph = finished.paragraphs.last()
        remarks = []
        for author, text in [
            (anna, "Proszę o więcej ławek w cieniu."),
            (jan, "Drzewa zasłonią ratusz, posadźcie je po bokach."),
        ]:
            if author is not None:
                remarks.append(
                    services.comment_on_paragraph(actor=author, paragraph=paragraph, text=text)
                )
        remarks.append(
            services.enter_remark(
                actor=official,
                consultation=finished,
                channel="paper",
                author_name="Rada Dzielnicy I",
                text="Wnosimy o fontannę.",
                received_on=today,
            )
        )
        finished.starts_on = today - datetime.timedelta(days=60)
        finished.ends_on = today - datetime.timedelta(days=20)
        finished.save(update_fields=["starts_on", "ends_on"])
        # The remarks came in while the consultation was open, the paper one last.
        for n, remark in enumerate(remarks):
            came = finished.ends_on - datetime.timedelta(days=30 - 12 * n)
            type(remark).objects.filter(pk=remark.pk).update(
                created_at=timezone.make_aware(
                    datetime.datetime.combine(came, datetime.time(17, 30))
                ),
                received_on=came if remark.received_on else None,
            )
        for remark, (response, why) in zip(
            remarks,
            [
                ("accepted", "Dodamy 10 ławek w cieniu drzew."),
                ("partly", "Drzewa posadzimy głównie po bokach placu."),
                ("rejected", "Fontanna przekracza budżet; wrócimy do niej w BO."),
            ],
            strict=False,
        ):
            services.answer_remark(
                actor=official, remark=remark, response=response, justification=why
            )
        services.publish_report(
            actor=official,
            consultation=finished,
            conclusions="Wybrano wariant B z większą liczbą ławek i drzew po bokach placu.",
        )

    if anna is not None and not ConsultationRequest.objects.filter(city=city).exists():
        services.file_request(
            actor=anna,
            city=city,
            title="Konsultacje w sprawie ścieżki rowerowej na Kazimierzu",
            justification="Nowa ścieżka zabiera miejsca do siedzenia; chcemy o tym rozmawiać.",
        )


@transaction.atomic
def load_region(region: dict[str, City]) -> None:
    """A rural gmina's consultation: Gołcza's revitalisation programme, open now."""
    city = region["golcza"]
    settings_of(city)
    today = timezone.localdate()
    topic, _c = Topic.objects.get_or_create(
        city=city, slug="rewitalizacja", defaults={"name": "Rewitalizacja"}
    )
    _consultation(
        city,
        "program-rewitalizacji",
        title="Gminny Program Rewitalizacji Gminy Gołcza",
        topic=topic,
        district=District.objects.filter(city=city, slug="golcza").first(),
        summary="Gmina przygotowuje program odnowy centrum Gołczy: plac przy szkole, "
        "przystanek, zieleń i świetlicę. Powiedz, co jest najpilniejsze.",
        subject="Projekt Gminnego Programu Rewitalizacji na lata 2027–2033.",
        goal="Poznać potrzeby mieszkańców obszaru rewitalizacji przed uchwaleniem programu.",
        target_groups="mieszkańcy Gołczy i sołectw, przedsiębiorcy, organizacje, rolnicy",
        legal_basis="art. 6 i art. 17 ust. 2 pkt 4 ustawy z dnia 9 października 2015 r. "
        "o rewitalizacji",
        responsible_unit="Referat Rozwoju Gminy",
        coordinator_name="Stanisław Gołecki",
        coordinator_email="gmina.golcza@demo.wiec.pl",
        can_influence="Kolejność przedsięwzięć, wyposażenie placu i świetlicy, nasadzenia.",
        already_decided="Granice obszaru rewitalizacji wyznaczyła rada gminy uchwałą.",
        starts_on=today - datetime.timedelta(days=3),
        ends_on=today + datetime.timedelta(days=30),
        map_enabled=True,
    )
