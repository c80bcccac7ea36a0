"""Consultations in each phase, with every way of taking part set up."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from wiec.core.roles import Role

TODAY = datetime.date.today


@pytest.fixture
def official(make_role_user):
    return make_role_user(Role.OFFICIAL)


@pytest.fixture
def podgorze_official(make_role_user):
    return make_role_user(Role.OFFICIAL, scope=("podgorze",))


@pytest.fixture
def make_consultation(city, official):
    return consultation_factory(city, official)


def consultation_factory(city, official):
    from wiec.consultations import services

    counter = {"n": 0}

    def make(phase: str = "ongoing", district=None, **extra):
        counter["n"] += 1
        today = timezone.localdate()
        starts, ends = {
            "planned": (today + datetime.timedelta(days=5), today + datetime.timedelta(days=20)),
            "ongoing": (today - datetime.timedelta(days=2), today + datetime.timedelta(days=10)),
            "finished": (today - datetime.timedelta(days=20), today - datetime.timedelta(days=1)),
        }[phase]
        fields = {
            "title": f"Konsultacja {counter['n']}",
            "slug": f"konsultacja-{counter['n']}",
            "district": district,
            "summary": "Krótko i prosto.",
            "subject": "Przedmiot",
            "goal": "Cel",
            "target_groups": "mieszkańcy",
            "legal_basis": "art. 5a u.s.g.",
            "responsible_unit": "Wydział",
            "coordinator_name": "Ewa",
            "can_influence": "Wszystko",
            "starts_on": starts,
            "ends_on": ends,
            "map_enabled": True,
            **extra,
        }
        return services.create_consultation(actor=official, city=city, **fields)

    return make


@pytest.fixture
def consultation(make_consultation, official):
    return build_consultation(make_consultation, official)


def build_consultation(make_consultation, official):
    """An ongoing consultation with a document, a map, a survey and a meeting."""
    from wiec.consultations import services
    from wiec.consultations.models import QuestionKind

    c = make_consultation()
    services.set_document(
        actor=official, consultation=c, title="Dokument", text="Pierwszy akapit.\n\nDrugi *akapit*."
    )
    services.set_map_categories(actor=official, consultation=c, names=["Zieleń", "Ruch"])
    services.add_question(
        actor=official,
        consultation=c,
        kind=QuestionKind.SINGLE,
        text="Jak często?",
        choices=["często", "rzadko"],
        survey_title="Ankieta",
    )
    services.add_question(
        actor=official,
        consultation=c,
        kind=QuestionKind.MULTIPLE,
        text="Co?",
        choices=["ławki", "drzewa", "lampy"],
    )
    services.add_question(actor=official, consultation=c, kind=QuestionKind.SCALE, text="Ile?")
    services.add_question(
        actor=official,
        consultation=c,
        kind=QuestionKind.RANKING,
        text="Kolejność",
        choices=["A", "B", "C"],
    )
    services.add_question(
        actor=official, consultation=c, kind=QuestionKind.TEXT, text="Uwagi?", required=False
    )
    start = timezone.now() + datetime.timedelta(days=3)
    services.schedule_meeting(
        actor=official,
        consultation=c,
        title="Spotkanie",
        kind="in_person",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place="Sala",
        capacity=1,
    )
    return c


def finish(consultation) -> None:
    """Move a consultation's dates into the past (phases follow the dates)."""
    from wiec.consultations.models import Consultation

    today = timezone.localdate()
    Consultation.objects.filter(pk=consultation.pk).update(
        starts_on=today - datetime.timedelta(days=30), ends_on=today - datetime.timedelta(days=1)
    )
    consultation.refresh_from_db()
