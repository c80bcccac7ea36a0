"""Nobody with a task is locked out of the page that holds it.

The office inbox lists each tool's tasks for whoever may handle them; every task's link
must open (200) for every official, district official and coordinator it is listed for,
on the demo city with one task of every kind added where the demo has none.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from wiec.core import inbox

pytestmark = pytest.mark.django_db

STAFF = [
    "urzednik@demo.wiec.pl",  # official, whole city
    "urzedniczka.podgorze@demo.wiec.pl",  # official, Podgórze only
    "koordynator@demo.wiec.pl",  # coordinator
]


@pytest.fixture
def demo_city(city, districts):
    """The demo, plus the tasks it lacks: a request, remarks, a recommendation."""
    from wiec.accounts import demo as accounts_demo
    from wiec.accounts.models import User
    from wiec.budgets import demo as budgets_demo
    from wiec.consultations import demo as consultations_demo
    from wiec.consultations import services as consultations
    from wiec.consultations.models import ConsultationRequest, Remark, RequestStatus
    from wiec.panels import demo as panels_demo
    from wiec.panels.models import CitizensPanel, Recommendation

    accounts_demo.load(city)
    budgets_demo.load(city, krakow_2019=False)
    consultations_demo.load(city)
    panels_demo.load(city)

    today = timezone.localdate()
    official = User.objects.get(email="urzednik@demo.wiec.pl")
    resident = User.objects.get(email="mieszkaniec@demo.wiec.pl")
    for district in (None, districts["podgorze"]):
        ConsultationRequest.objects.create(
            city=city,
            district=district,
            title="Konsultacje w sprawie parkingów",
            justification="Brakuje miejsc.",
            author=resident,
            threshold=1,
            status=RequestStatus.SUBMITTED,
            submitted_at=timezone.now(),
            answer_due_on=today + datetime.timedelta(days=30),
        )
        finished = consultations.create_consultation(
            actor=official,
            city=city,
            title=f"Skwer {district or 'miejski'}",
            slug=f"skwer-{district.slug if district else 'miejski'}",
            district=district,
            summary="Krótko.",
            subject="Skwer",
            goal="Cel",
            target_groups="mieszkańcy",
            legal_basis="art. 5a u.s.g.",
            responsible_unit="Wydział",
            coordinator_name="Ewa",
            can_influence="Wszystko",
            starts_on=today - datetime.timedelta(days=20),
            ends_on=today - datetime.timedelta(days=1),
        )
        Remark.objects.create(consultation=finished, author=resident, text="Więcej drzew.")
    panel = CitizensPanel.objects.filter(recommendations__isnull=False).distinct().first()
    panel = panel or CitizensPanel.objects.order_by("pk").first()
    CitizensPanel.objects.filter(pk=panel.pk).update(
        is_published=True, results_published_at=timezone.now()
    )
    Recommendation.objects.create(
        panel=panel, number=99, title="Zieleń", text="Sadzić drzewa.", votes_yes=20
    )
    return city


def test_every_task_in_the_inbox_opens_for_whoever_it_is_listed_for(client, demo_city):
    from wiec.accounts.models import User

    kinds: dict[str, set[str]] = {}
    for email in STAFF:
        user = User.objects.get(email=email)
        client.force_login(user)
        tasks = inbox.tasks_for(user)
        assert client.get("/biuro/").status_code == 200
        for row in tasks:
            response = client.get(row.task.url)
            assert response.status_code == 200, (email, row.task.key, row.task.url)
            kinds.setdefault(email, set()).add(row.task.key.split(":")[0])
    # The check is only as good as the tasks it saw: each person had some of each kind.
    assert kinds == {
        "urzednik@demo.wiec.pl": {"verify", "request", "remarks", "respond"},
        "urzedniczka.podgorze@demo.wiec.pl": {"verify", "request", "remarks"},
        "koordynator@demo.wiec.pl": {"appeal", "request", "remarks", "respond"},
    }


def test_a_coordinator_who_decides_appeals_opens_the_appeal_pages(client, demo_city):
    from wiec.accounts.models import User
    from wiec.budgets.models import Appeal

    coordinator = User.objects.get(email="koordynator@demo.wiec.pl")
    client.force_login(coordinator)
    appeals = list(Appeal.objects.filter(status="pending").select_related("proposal__edition"))
    assert appeals
    for appeal in appeals:
        edition = appeal.proposal.edition
        for url in [f"/bo/{edition.slug}/odwolania/", f"/bo/{edition.slug}/weryfikacja/"]:
            response = client.get(url)
            assert response.status_code == 200, url
            assert appeal.proposal.title in response.content.decode(), url
