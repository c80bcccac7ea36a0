"""Evaluation: every participant is invited once, when the consultation ends or the
report is published; results are aggregated per consultation and per year."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.consultations.conftest import finish
from wiec.consultations import services
from wiec.consultations.models import EvaluationInvitation
from wiec.consultations.selectors import evaluation_by_year, report_data
from wiec.core.models import Notification

pytestmark = pytest.mark.django_db

SUBJECT = "Jak oceniasz konsultacje?"


def take_part(consultation, make_resident, official):
    """One person comments, one answers the survey, one registers for the meeting; the
    office enters a paper remark; one resident does nothing."""
    from tests.consultations.test_participation import survey_values

    commenter, answerer, registrant, bystander = (
        make_resident(),
        make_resident("podgorze"),
        make_resident(),
        make_resident(),
    )
    services.comment_on_paragraph(
        actor=commenter, paragraph=consultation.paragraphs.first(), text="Uwaga"
    )
    survey, values = survey_values(consultation)
    services.answer_survey(actor=answerer, survey=survey, values=values)
    services.register_for_meeting(actor=registrant, meeting=consultation.meetings.get())
    services.enter_remark(
        actor=official,
        consultation=consultation,
        channel="paper",
        author_name="Jan",
        text="Pismo",
        received_on=timezone.localdate(),
    )
    return {commenter.pk, answerer.pk, registrant.pk}, bystander


def invited() -> set[int]:
    return set(
        Notification.objects.filter(subject__startswith=SUBJECT).values_list(
            "recipient_id", flat=True
        )
    )


def test_every_participant_is_invited_once_when_it_ends(consultation, make_resident, official):
    participants, bystander = take_part(consultation, make_resident, official)
    assert services.invite_ended_consultations() == 0  # still ongoing
    finish(consultation)
    call_command("invite_to_evaluation", "--now", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert invited() == participants and bystander.pk not in invited()
    note = Notification.objects.filter(subject__startswith=SUBJECT).first()
    assert note.url == f"/konsultacje/{consultation.slug}/ocena/"
    # The next sweep and the report's publication invite no one again.
    assert services.invite_ended_consultations() == 0
    for remark in consultation.remarks.all():
        services.answer_remark(
            actor=official, remark=remark, response="accepted", justification="T"
        )
    services.publish_report(actor=official, consultation=consultation, conclusions="Wnioski")
    assert Notification.objects.filter(subject__startswith=SUBJECT).count() == 3
    assert EvaluationInvitation.objects.count() == 3


def test_publishing_the_report_invites_when_the_sweep_has_not(
    consultation, make_resident, official
):
    participants, _bystander = take_part(consultation, make_resident, official)
    finish(consultation)
    for remark in consultation.remarks.all():
        services.answer_remark(
            actor=official, remark=remark, response="rejected", justification="N"
        )
    services.publish_report(actor=official, consultation=consultation, conclusions="Wnioski")
    assert invited() == participants
    # The report notice goes, as before, to those who commented.
    report_notes = Notification.objects.exclude(subject__startswith=SUBJECT)
    assert set(report_notes.values_list("recipient_id", flat=True)) <= participants
    assert services.invite_to_evaluation(actor=official, consultation=consultation) == 0


def test_who_already_evaluated_is_not_invited(consultation, make_resident, official):
    participants, _bystander = take_part(consultation, make_resident, official)
    finish(consultation)
    from wiec.accounts.models import User

    early = User.objects.get(pk=min(participants))
    services.submit_evaluation(
        actor=early, consultation=consultation, information_clear=4, felt_heard=3
    )
    services.invite_ended_consultations()
    assert invited() == participants - {early.pk}


def test_results_per_consultation_and_per_year(consultation, make_resident, official, client):
    participants, _bystander = take_part(consultation, make_resident, official)
    finish(consultation)
    from wiec.accounts.models import User

    for user, (clear, heard) in zip(
        User.objects.filter(pk__in=participants).order_by("pk"),
        [(5, 4), (3, 2), (4, 3)],
        strict=True,
    ):
        services.submit_evaluation(
            actor=user, consultation=consultation, information_clear=clear, felt_heard=heard
        )
    summary = report_data(consultation).evaluation
    assert summary == {"count": 3, "clear": 4.0, "heard": 3.0}
    year = evaluation_by_year(consultation.city, consultation.ends_on.year)
    assert year["count"] == 3
    assert [
        (r["consultation__slug"], r["count"], r["clear"], r["heard"])
        for r in year["per_consultation"]
    ] == [(consultation.slug, 3, 4.0, 3.0)]
    page = client.get(f"/konsultacje/plan/{consultation.ends_on.year}/").content.decode()
    assert consultation.title in page and "4,0" in page
