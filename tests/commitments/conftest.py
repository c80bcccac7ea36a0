# ruff: noqa: F811  (the fixtures imported from the tools are redefined as arguments)
"""Commitments fixtures: one outcome of each tool, made through the tools themselves."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.budgets.conftest import category, edition, make_proposal, people, pools  # noqa: F401
from tests.consultations.conftest import consultation_factory
from tests.panels.conftest import make_panel, organiser  # noqa: F401


@pytest.fixture
def project(people, make_proposal):
    """A selected budget project in Podgórze, with its implementation record."""
    from wiec.budgets.models import Follow, Implementation

    proposal = make_proposal(
        people["author"], title="Park kieszonkowy", latitude=50.04, longitude=19.95
    )
    Follow.objects.create(proposal=proposal, user=people["resident"])
    return Implementation.objects.create(proposal=proposal)


@pytest.fixture
def recommendation(make_panel, organiser, make_resident):
    """A published panel recommendation with a seated panelist who has an account."""
    from wiec.panels.models import (
        Panelist,
        PanelistKind,
        PanelistStatus,
        Recommendation,
        Respondent,
        Source,
    )

    panel = make_panel("monitoring", results_published_at=timezone.now())
    member = make_resident("podgorze", email="panelistka@example.org")
    respondent = Respondent.objects.create(
        panel=panel,
        user=member,
        full_name="Panelistka",
        source=Source.FORM,
        consent_at=timezone.now(),
    )
    Panelist.objects.create(
        panel=panel,
        respondent=respondent,
        user=member,
        anonymous_id="P-01",
        kind=PanelistKind.MEMBER,
        drawn_as=PanelistKind.MEMBER,
        status=PanelistStatus.CONFIRMED,
    )
    return Recommendation.objects.create(
        panel=panel, number=1, title="Więcej drzew na ulicach", text="Sadzić 1000 drzew rocznie."
    )


@pytest.fixture
def promise(city, make_role_user, make_resident):
    """A consultation report with one remark accepted, one partly, one rejected."""
    from wiec.consultations.models import ConsultationReport, Remark
    from wiec.core.roles import Role

    official = make_role_user(Role.OFFICIAL, email="urzednik@example.org")
    consultation = consultation_factory(city, official)("finished", title="Plan rowerowy")
    author = make_resident("podgorze", email="autorka@example.org")
    now = timezone.now()
    for text, response, why in [
        ("Dodać stojaki rowerowe", "accepted", "Dodamy 50 stojaków przy szkołach."),
        ("Buspas na Kalwaryjskiej", "partly", "Buspas w godzinach szczytu."),
        ("Zamknąć Rynek dla rowerów", "rejected", "Rynek pozostaje otwarty."),
    ]:
        Remark.objects.create(
            consultation=consultation,
            channel="email",
            author=author,
            text=text,
            response=response,
            justification=why,
            responded_at=now,
        )
    ConsultationReport.objects.create(consultation=consultation, conclusions="Wnioski.")
    return consultation


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def consulted(city, make_role_user, make_resident):
    """A consultation this year with remarks from 14 residents of Podgórze, 11 of Stare
    Miasto and 4 of Nowa Huta."""
    from wiec.consultations.models import Remark
    from wiec.core.roles import Role

    official = make_role_user(Role.OFFICIAL, email="urzedniczka@example.org")
    consultation = consultation_factory(city, official)("ongoing", title="Park linearny")
    for district, n in (("podgorze", 14), ("stare-miasto", 11), ("nowa-huta", 4)):
        for _ in range(n):
            Remark.objects.create(
                consultation=consultation,
                channel="email",
                author=make_resident(district),
                text="Więcej ławek.",
            )
    return consultation
