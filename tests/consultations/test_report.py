"""Responses to remarks, the report and its notifications, evaluation, requests."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.consultations.conftest import finish
from wiec.consultations import services
from wiec.consultations.models import ConsultationReport, RequestStatus
from wiec.consultations.selectors import participation, report_data
from wiec.core.models import Notification

pytestmark = pytest.mark.django_db


def remarks(consultation, make_resident, official):
    anna = make_resident()
    jan = make_resident("podgorze")
    return [
        services.comment_on_paragraph(
            actor=anna, paragraph=consultation.paragraphs.first(), text="Więcej ławek"
        ),
        services.comment_on_map(
            actor=jan, consultation=consultation, latitude=50.05, longitude=19.95, text="Lampa"
        ),
        services.enter_remark(
            actor=official,
            consultation=consultation,
            channel="email",
            author_name="Ola",
            text="E-mailem",
            received_on=timezone.localdate(),
        ),
    ], (anna, jan)


def test_report_needs_every_response_then_notifies_commenters(
    consultation, make_resident, official
):
    items, (anna, jan) = remarks(consultation, make_resident, official)
    finish(consultation)
    with pytest.raises(ValidationError) as error:
        services.publish_report(actor=official, consultation=consultation, conclusions="W")
    assert error.value.code == "unanswered"
    for remark, response in zip(items, ["accepted", "partly", "rejected"], strict=True):
        with pytest.raises(ValidationError):
            services.answer_remark(
                actor=official, remark=remark, response=response, justification=" "
            )
        services.answer_remark(
            actor=official, remark=remark, response=response, justification=f"Bo {response}"
        )
    services.publish_report(actor=official, consultation=consultation, conclusions="Wnioski")
    assert ConsultationReport.objects.filter(consultation=consultation).exists()
    notified = set(Notification.objects.values_list("recipient_id", flat=True))
    assert notified == {anna.pk, jan.pk}
    data = report_data(consultation)
    assert [r.justification for r in data.remarks] == ["Bo accepted", "Bo rejected", "Bo partly"]
    assert data.counts == {"accepted": 1, "partly": 1, "rejected": 1}
    consultation.refresh_from_db()
    with pytest.raises(ValidationError):
        services.answer_remark(
            actor=items[0].__class__.objects.get(pk=items[0].pk).responded_by,
            remark=items[0],
            response="rejected",
            justification="Zmiana",
        )


def test_report_only_after_the_end(consultation, official):
    with pytest.raises(ValidationError):
        services.publish_report(actor=official, consultation=consultation, conclusions="W")


def test_participation_by_district_and_age(consultation, make_resident, official):
    remarks(consultation, make_resident, official)
    counts = participation(consultation)
    assert counts.people == 2 and counts.office_entered == 1
    assert dict(counts.by_district) == {"I. Stare Miasto": 1, "XIII. Podgórze": 1}
    assert dict(counts.by_age) == {"nie podano": 2} or dict(counts.by_age) == {"not given": 2}


def test_evaluation_after_the_end_by_participants(consultation, make_resident, official):
    from wiec.consultations.selectors import evaluation_by_year

    _items, (anna, jan) = remarks(consultation, make_resident, official)
    with pytest.raises(ValidationError):
        services.submit_evaluation(
            actor=anna, consultation=consultation, information_clear=5, felt_heard=4
        )
    finish(consultation)
    services.submit_evaluation(
        actor=anna, consultation=consultation, information_clear=5, felt_heard=4
    )
    services.submit_evaluation(
        actor=jan, consultation=consultation, information_clear=3, felt_heard=2
    )
    with pytest.raises(ValidationError):
        services.submit_evaluation(
            actor=make_resident(), consultation=consultation, information_clear=5, felt_heard=5
        )
    year = evaluation_by_year(consultation.city, consultation.ends_on.year)
    assert year["count"] == 2 and year["clear"] == 4 and year["heard"] == 3


def test_request_reaches_the_office_at_the_threshold(city, districts, make_resident, official):
    from wiec.consultations.selectors import request_queue, settings_of

    rules = settings_of(city)
    assert (rules.city_wide_threshold, rules.district_threshold, rules.answer_days) == (
        1000,
        200,
        30,
    )
    rules.district_threshold = 3
    rules.save()
    author = make_resident("podgorze")
    request = services.file_request(
        actor=author,
        city=city,
        title="Park",
        justification="Bo tak",
        district=districts["podgorze"],
    )
    assert request.threshold == 3 and request.collection.valid_count == 1
    with pytest.raises(ValidationError):
        services.support_request(actor=make_resident("stare-miasto"), request=request)
    with pytest.raises(ValidationError):
        services.support_request(actor=author, request=request)
    services.support_request(actor=make_resident("podgorze"), request=request)
    services.support_request(actor=make_resident("podgorze"), request=request)
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED
    assert request.answer_due_on == timezone.localdate() + datetime.timedelta(days=30)
    assert request.days_left() == 30
    assert request_queue(official) == [request]
    services.answer_request(actor=official, request=request, accepted=True, answer="Zrobimy")
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    assert Notification.objects.filter(recipient=author).exists()


def test_recount_lists_a_published_reports_survey_results(consultation, make_resident, official):
    import io

    from django.core.management import call_command

    from tests.consultations.test_participation import survey_values

    survey, values = survey_values(consultation)
    services.answer_survey(actor=make_resident(), survey=survey, values=values)
    survey, values = survey_values(consultation, single=1, scale=2)
    services.answer_survey(actor=make_resident("podgorze"), survey=survey, values=values)
    finish(consultation)
    before = io.StringIO()
    call_command("recount_results", stdout=before)
    assert consultation.slug not in before.getvalue()  # no report yet: nothing published
    services.publish_report(actor=official, consultation=consultation, conclusions="Wnioski")
    out = io.StringIO()
    call_command("recount_results", stdout=out)
    text = out.getvalue()
    assert f"consultations: {consultation.slug} (report): OK" in text
    assert "Ankieta: 2 responses" in text
    assert "1. Jak często?: 2 answered; często 1, rzadko 1" in text
    assert "Ile?: 2 answered; 1 0, 2 1, 3 0, 4 1, 5 0" in text
    assert "Uwagi?: 2 answered, 2 texts;" in text
