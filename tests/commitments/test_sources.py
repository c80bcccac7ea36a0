"""Every tool's outcome becomes one commitment, and what the tool records is carried over."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.budgets.conftest import ZL, png_upload
from wiec.commitments.models import Commitment, CommitmentSource, CommitmentStatus
from wiec.core.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_selected_budget_project_is_a_commitment_with_its_money(project, people):
    from wiec.budgets.implementation import report_progress

    c = Commitment.objects.get(tool=CommitmentSource.BUDGETS)
    assert c.title == "Park kieszonkowy"
    assert c.money_planned == project.proposal.cost
    assert c.district_id == project.proposal.pool.district_id
    assert (c.latitude, c.longitude) == (50.04, 19.95)
    assert c.status == CommitmentStatus.PLANNED and c.planned_on.month == 12
    report_progress(
        actor=people["official_podgorze"],
        implementation=project,
        status="in_progress",
        percent_done=40,
        text="Wylano fundamenty.",
        actual_cost=80_000 * ZL,
        photo=png_upload(),
    )
    c.refresh_from_db()
    assert c.status == CommitmentStatus.IN_PROGRESS and c.money_spent == 80_000 * ZL
    assert Commitment.objects.count() == 1
    update = c.updates.get()
    assert update.text == "Wylano fundamenty." and update.photo.name
    # The author and the resident who followed the proposal hear of it; the official does not.
    told = set(Notification.objects.filter(kind="commitments").values_list("recipient", flat=True))
    assert told == {people["author"].pk, people["resident"].pk}


def test_an_accepted_recommendation_is_a_commitment_and_a_rejection_abandons_it(
    recommendation, organiser
):
    from wiec.panels import services

    services.respond_to_recommendation(
        actor=organiser, recommendation=recommendation, response="Przyjmujemy.", status="planned"
    )
    c = Commitment.objects.get(tool=CommitmentSource.PANELS)
    assert c.title == "Więcej drzew na ulicach" and c.status == CommitmentStatus.PLANNED
    assert "Przyjmujemy." in c.description
    services.respond_to_recommendation(
        actor=organiser,
        recommendation=recommendation,
        response="Brak środków w budżecie.",
        status="not_implemented",
    )
    c.refresh_from_db()
    assert (
        c.status == CommitmentStatus.ABANDONED and c.abandoned_reason == "Brak środków w budżecie."
    )


def test_a_recommendation_awaiting_the_city_is_no_commitment(recommendation):
    recommendation.save()
    assert not Commitment.objects.exists()


def test_a_report_promises_every_accepted_remark_and_not_the_rejected(promise):
    titles = dict(
        Commitment.objects.filter(tool=CommitmentSource.CONSULTATIONS).values_list(
            "title", "acceptance"
        )
    )
    assert titles == {
        "Dodamy 50 stojaków przy szkołach.": "full",
        "Buspas w godzinach szczytu.": "partly",
    }
    assert set(Commitment.objects.values_list("process_title", flat=True)) == {"Plan rowerowy"}


def test_backfill_is_idempotent(project, promise, city):
    from wiec.commitments.sources import backfill

    assert backfill(city) == 3
    assert backfill(city) == 3


def test_a_bulk_count_publication_makes_the_commitments(people, make_proposal):
    from wiec.budgets.models import Implementation
    from wiec.core.participation import outcomes_recorded

    proposal = make_proposal(people["author"], title="Fontanna")
    Implementation.objects.bulk_create([Implementation(proposal=proposal)])
    assert not Commitment.objects.exists()
    outcomes_recorded.send(
        sender=Implementation, pks=[Implementation.objects.get(proposal=proposal).pk]
    )
    assert Commitment.objects.get().title == "Fontanna"


def test_the_database_refuses_an_abandonment_without_reason(project):
    from django.db import IntegrityError

    c = Commitment.objects.get()
    with pytest.raises(IntegrityError):
        Commitment.objects.filter(pk=c.pk).update(status="abandoned", abandoned_reason="")


def test_a_late_commitment_is_derived_from_its_date(project):
    c = Commitment.objects.get()
    c.planned_on = timezone.localdate() - timezone.timedelta(days=1)
    c.save()
    assert c.is_late() and c.shown_status == "late"
    assert list(Commitment.objects.late()) == [c]
    c.status = CommitmentStatus.DONE
    c.save()
    assert not c.is_late() and not Commitment.objects.late().exists()
