"""The demo network: an editor, members, two good practices, an event, news, a
newsletter issue, and a self-assessment of every municipality on the installation.

Runs after the tools' demos (``INSTALLED_APPS`` order), so the Map of Participation's
index is filled from what they created. Safe to run again.
"""

from __future__ import annotations

import datetime
from typing import TextIO

from allauth.account.models import EmailAddress
from django.utils import timezone

from wiec.accounts.demo import create_demo_user, login_line
from wiec.accounts.models import User
from wiec.network import index
from wiec.network.models import (
    Area,
    AssessmentAnswer,
    Event,
    EventKind,
    IssueStatus,
    Level,
    Member,
    MemberKind,
    NetworkRole,
    NetworkRoleKind,
    NewsItem,
    NewsletterIssue,
    Practice,
    PracticeStatus,
    SelfAssessment,
    Theme,
)
from wiec.network.questionnaire import load_default
from wiec.places.models import City

EDITOR_EMAIL = "siec@demo.wiec.pl"

PRACTICES = [
    {
        "title": "Spacery badawcze przed konsultacjami planu miejscowego",
        "problem": "Na konsultacje planów miejscowych przychodziło kilka osób, a uwagi "
        "dotyczyły szczegółów, które trudno było zrozumieć z rysunku planu.",
        "method": "Przed wyłożeniem planu zorganizowaliśmy trzy spacery badawcze z "
        "urbanistką, w sobotę i w dzień roboczy po południu. Trasy i mapy opublikowaliśmy "
        "tydzień wcześniej; z każdego spaceru powstała notatka ze zdjęciami.",
        "participants": "Około 70 osób: mieszkańcy osiedla, rada dzielnicy, dwie "
        "organizacje rowerowe, szkoła podstawowa (klasy 7 i 8).",
        "outcome": "Do planu wpłynęło 112 uwag zamiast kilkunastu; 41 uwzględniono w całości "
        "lub części. Raport odpowiedział na każdą uwagę.",
        "lessons": "Spacer dla osób poruszających się na wózku powinien mieć osobną, "
        "sprawdzoną wcześniej trasę. Notatki publikowalibyśmy szybciej, w ciągu dwóch dni.",
        "contact": "Wydział Planowania Przestrzennego, planowanie@example.org",
    },
    {
        "title": "Losowanie zaproszeń do panelu obywatelskiego o zieleni",
        "problem": "Na otwarte spotkania o zieleni przychodziły wciąż te same osoby; brakowało "
        "młodych dorosłych i mieszkańców bloków z dala od centrum.",
        "method": "Wysłaliśmy 6 000 zaproszeń do losowo wybranych adresów; ze zgłoszeń "
        "wylosowaliśmy 40 osób według płci, wieku, dzielnicy i wykształcenia. Panel obradował "
        "przez cztery soboty z ekspertami wskazanymi przez obie strony sporu.",
        "participants": "40 panelistek i panelistów, 8 ekspertów, moderacja zewnętrzna.",
        "outcome": "Panel przyjął 14 rekomendacji; miasto odpowiedziało na każdą w ciągu "
        "60 dni i ogłosiło harmonogram wdrożenia 11 z nich.",
        "lessons": "Diety dla panelistów i opieka nad dziećmi podczas obrad zwiększyłyby "
        "udział rodziców małych dzieci.",
        "contact": "Biuro Partycypacji, panel@example.org",
    },
]

LEVELS_BY_CITY = [
    [4, 3, 3, 4, 3, 2, 4, 3],
    [2, 2, 1, 3, 2, 2, 2, 1],
    [3, 2, 2, 2, 3, 1, 3, 2],
]


def _editor() -> User:
    user = User.objects.filter(email=EDITOR_EMAIL).first()
    if user is None:
        user = create_demo_user(EDITOR_EMAIL, display_name="Katarzyna Sieć")
    EmailAddress.objects.update_or_create(
        user=user, email=EDITOR_EMAIL, defaults={"verified": True, "primary": True}
    )
    NetworkRole.objects.get_or_create(user=user, role=NetworkRoleKind.EDITOR)
    return user


def load(city: City) -> None:
    load_default(Area, Theme, Level)
    editor = _editor()
    cities = list(City.objects.order_by("pk"))
    Member.objects.get_or_create(
        user=editor,
        defaults={
            "city": city,
            "name": "Katarzyna Sieć",
            "kind": MemberKind.NGO,
            "organisation": "Fundacja Sieci Partycypacji Małopolski",
            "description": "Koordynuje sieć, newsletter i doradztwo dla gmin.",
            "contact_email": "fundacja@example.org",
            "listed_since": timezone.now(),
        },
    )
    for n, (name, kind, org) in enumerate(
        [
            ("Stowarzyszenie Aktywne Osiedla", MemberKind.NGO, ""),
            ("Marta Sołtys", MemberKind.LEADER, "Rada sołecka"),
            ("Paweł Zieliński", MemberKind.OFFICIAL, "Referat Partycypacji"),
        ]
    ):
        Member.objects.get_or_create(
            name=name,
            defaults={
                "city": cities[n % len(cities)],
                "kind": kind,
                "organisation": org,
                "listed_since": timezone.now(),
            },
        )
    practices = []
    for n, data in enumerate(PRACTICES):
        practice, _created = Practice.objects.get_or_create(
            title=data["title"],
            defaults={
                **data,
                "city": cities[n % len(cities)],
                "author": editor,
                "status": PracticeStatus.PUBLISHED,
                "submitted_at": timezone.now(),
                "published_at": timezone.now(),
            },
        )
        practices.append(practice)
    start = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    event, _created = Event.objects.get_or_create(
        title="Laboratorium technologiczne partycypacji: mapy i głosowanie online",
        defaults={
            "kind": EventKind.LAB,
            "description": "Pokażemy, jak prowadzić konsultacje z uwagami na mapie i "
            "głosowanie w budżecie obywatelskim na wspólnej platformie sieci. Prosimy "
            "zabrać laptopy; obiad zapewnia gospodarz.",
            "place": "Urząd Miasta i Gminy Wieliczka, sala sesyjna",
            "city": cities[-1],
            "starts_at": start + datetime.timedelta(days=30),
            "ends_at": start + datetime.timedelta(days=30, hours=6),
            "capacity": 40,
        },
    )
    news, _created = NewsItem.objects.get_or_create(
        title="Sieć liczy już gminy z całego regionu",
        defaults={
            "text": "Do sieci dołączyły kolejne gminy. Ich procesy są już na Mapie "
            "Partycypacji, a zespoły wypełniły pierwszą samoocenę."
        },
    )
    issue, created = NewsletterIssue.objects.get_or_create(
        number=1,
        defaults={
            "title": "Spacery, panele i laboratorium",
            "introduction": "Dzień dobry! W tym numerze dwie dobre praktyki z regionu i "
            "zaproszenie na laboratorium technologiczne partycypacji.",
            "status": IssueStatus.SENT,
            "sent_at": timezone.now(),
        },
    )
    if created:
        issue.news.set([news])
        issue.practices.set(practices)
        issue.events.set([event])
    year = timezone.localdate().year
    themes = list(Theme.objects.current().order_by("number"))
    for n, each in enumerate(cities):
        for offset, bump in ((1, -1), (0, 0)):
            assessment, made = SelfAssessment.objects.get_or_create(
                city=each,
                year=year - offset,
                defaults={"team": "Zespół ds. partycypacji", "submitted_by": editor},
            )
            if made:
                levels = LEVELS_BY_CITY[n % len(LEVELS_BY_CITY)]
                AssessmentAnswer.objects.bulk_create(
                    AssessmentAnswer(
                        assessment=assessment,
                        theme=t,
                        level=min(max(levels[i % len(levels)] + bump, 1), 5),
                    )
                    for i, t in enumerate(themes)
                )
    index.refresh_all()


def write_logins(out: TextIO) -> None:
    out.write(login_line(EDITOR_EMAIL, "network editor (same password)"))
