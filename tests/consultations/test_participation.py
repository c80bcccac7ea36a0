"""Taking part through the services: surveys, comments, the map, meetings."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.consultations.conftest import finish
from wiec.consultations import services
from wiec.consultations.models import (
    MAX_ATTACHMENT_BYTES,
    Answer,
    QuestionKind,
    Registration,
    Remark,
    SurveyResponse,
)
from wiec.consultations.selectors import survey_results
from wiec.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def survey_values(consultation, *, single=0, ranking=(1, 2, 3), scale=4, text="Dobrze"):
    survey = consultation.surveys.get()
    values = {}
    for q in survey.questions.all():
        choices = list(q.choices.all())
        if q.kind == QuestionKind.SINGLE:
            values[q.pk] = str(choices[single].pk)
        elif q.kind == QuestionKind.MULTIPLE:
            values[q.pk] = [str(choices[0].pk), str(choices[2].pk)]
        elif q.kind == QuestionKind.SCALE:
            values[q.pk] = str(scale)
        elif q.kind == QuestionKind.RANKING:
            values[q.pk] = {c.pk: str(r) for c, r in zip(choices, ranking, strict=True)}
        else:
            values[q.pk] = text
    return survey, values


def test_survey_answers_are_counted(consultation, make_resident):
    survey, values = survey_values(consultation)
    services.answer_survey(actor=make_resident(), survey=survey, values=values)
    survey, values = survey_values(consultation, single=1, ranking=(3, 2, 1), scale=5)
    services.answer_survey(actor=make_resident("podgorze"), survey=survey, values=values)
    results = {r.question.kind: r for r in survey_results(survey)}
    assert results[QuestionKind.SINGLE].rows == [("często", 1.0), ("rzadko", 1.0)]
    assert results[QuestionKind.MULTIPLE].rows == [("ławki", 2.0), ("drzewa", 0.0), ("lampy", 2.0)]
    assert dict(results[QuestionKind.SCALE].rows) == {"1": 0, "2": 0, "3": 0, "4": 1, "5": 1}
    # Borda: A is 1st and 3rd (2 + 0), B 2nd twice (1 + 1), C 3rd and 1st (0 + 2)
    assert sorted(results[QuestionKind.RANKING].rows) == [("A", 2.0), ("B", 2.0), ("C", 2.0)]
    assert results[QuestionKind.TEXT].texts == ["Dobrze", "Dobrze"]


def test_survey_once_per_person_and_required_answers(consultation, make_resident):
    resident = make_resident()
    survey, values = survey_values(consultation)
    services.answer_survey(actor=resident, survey=survey, values=values)
    with pytest.raises(ValidationError, match="ma już Twoje odpowiedzi"):
        services.answer_survey(actor=resident, survey=survey, values=values)
    survey, values = survey_values(consultation, ranking=(1, 1, 2))
    with pytest.raises(ValidationError):
        services.answer_survey(actor=make_resident(), survey=survey, values=values)
    with pytest.raises(ValidationError):
        services.answer_survey(actor=make_resident(), survey=survey, values={})
    assert SurveyResponse.objects.count() == 1


def test_answer_to_a_closed_consultation_saves_nothing(consultation, make_resident):
    survey, values = survey_values(consultation)
    finish(consultation)
    survey.refresh_from_db()
    resident = make_resident()
    with pytest.raises(ValidationError) as error:
        services.answer_survey(actor=resident, survey=survey, values=values)
    assert error.value.code == "not_open"
    with pytest.raises(ValidationError):
        services.comment_on_paragraph(
            actor=resident, paragraph=consultation.paragraphs.first(), text="Za późno"
        )
    assert not SurveyResponse.objects.exists() and not Answer.objects.exists()
    assert not Remark.objects.exists()


def test_empty_comment_is_refused(consultation, make_resident):
    with pytest.raises(ValidationError) as error:
        services.comment_on_paragraph(
            actor=make_resident(), paragraph=consultation.paragraphs.first(), text="   "
        )
    assert error.value.code == "empty"
    assert not Remark.objects.exists()


def test_map_point_outside_the_city_is_refused(consultation, make_resident):
    resident = make_resident()
    with pytest.raises(ValidationError) as error:
        services.comment_on_map(
            actor=resident,
            consultation=consultation,
            latitude=52.23,
            longitude=21.01,
            text="Warszawa",
        )
    assert error.value.code == "outside_city"
    with pytest.raises(ValidationError):
        services.comment_on_map(
            actor=resident,
            consultation=consultation,
            latitude=50.06,
            longitude=19.94,
            text="Obszar",
            area=[(50.06, 19.94), (50.07, 19.95), (52.0, 21.0)],
        )
    assert not Remark.objects.exists()
    remark = services.comment_on_map(
        actor=resident,
        consultation=consultation,
        latitude=50.06,
        longitude=19.94,
        text="Tu ławka",
        category=consultation.map_categories.first(),
        area=[(50.06, 19.94), (50.07, 19.95), (50.06, 19.96)],
    )
    assert remark.channel == "map" and len(remark.area) == 3
    assert AuditEvent.objects.filter(action="consultations.map_commented").count() == 1


def test_oversized_scan_is_refused(consultation, official):
    big = SimpleUploadedFile("skan.pdf", b"x" * (MAX_ATTACHMENT_BYTES + 1), "application/pdf")
    with pytest.raises(ValidationError) as error:
        services.enter_remark(
            actor=official,
            consultation=consultation,
            channel="paper",
            author_name="Jan",
            text="Na piśmie",
            received_on=timezone.localdate(),
            attachment=big,
        )
    assert error.value.code == "file_too_large"
    assert not Remark.objects.exists()


def test_meeting_capacity_and_registration(consultation, make_resident):
    meeting = consultation.meetings.get()
    first = make_resident()
    services.register_for_meeting(actor=first, meeting=meeting)
    with pytest.raises(ValidationError, match="Masz już zapis"):
        services.register_for_meeting(actor=first, meeting=meeting)
    with pytest.raises(ValidationError, match="nie ma już wolnych miejsc"):
        services.register_for_meeting(actor=make_resident(), meeting=meeting)
    services.cancel_registration(actor=first, meeting=meeting)
    assert not Registration.objects.exists()


def test_verified_residency_requirement(make_consultation, make_user, official):
    consultation = make_consultation(requires_verified_residency=True)
    services.set_document(actor=official, consultation=consultation, title="D", text="A")
    with pytest.raises(ValidationError) as error:
        services.comment_on_paragraph(
            actor=make_user(), paragraph=consultation.paragraphs.get(), text="Uwaga"
        )
    assert error.value.code == "not_verified"


def test_document_is_split_into_paragraphs_and_fixed_once_commented(
    consultation, official, make_resident
):
    assert services.split_paragraphs("a\r\n\r\nb\n  \nc\n") == ["a", "b", "c"]
    assert [p.text for p in consultation.paragraphs.all()] == [
        "Pierwszy akapit.",
        "Drugi *akapit*.",
    ]
    services.comment_on_paragraph(
        actor=make_resident(), paragraph=consultation.paragraphs.first(), text="Uwaga"
    )
    with pytest.raises(ValidationError):
        services.set_document(actor=official, consultation=consultation, title="X", text="Y")


def test_markdown_is_rendered_safely():
    from wiec.consultations.rendering import render_markdown

    html = render_markdown("**tak** <script>alert(1)</script> [a](javascript:alert(1))")
    assert "<strong>tak</strong>" in html
    assert "<script" not in html and "javascript:" not in html
