"""Surveys: their questions and residents' answers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from wiec.consultations.models import (
    Answer,
    Consultation,
    Question,
    QuestionKind,
    Survey,
    SurveyOption,
    SurveyResponse,
)
from wiec.consultations.services.common import require_taking_part
from wiec.core.access import ensure
from wiec.core.services import record_event


@transaction.atomic
def add_question(
    *,
    actor: Any,
    consultation: Consultation,
    kind: str,
    text: str,
    choices: Iterable[str] = (),
    required: bool = True,
    scale_min: int = 1,
    scale_max: int = 5,
    survey_title: str = "",
) -> Question:
    """Add a question to the consultation's survey (created on the first question)."""
    ensure(actor, "consultations.manage_consultation", consultation)
    if consultation.is_finished:
        raise ValidationError(_("The consultation has ended."), code="finished")
    survey = consultation.surveys.first() or Survey.objects.create(
        consultation=consultation, title=survey_title or consultation.title
    )
    if survey.responses.exists():
        raise ValidationError(
            _("The survey already has answers and can no longer be changed."), code="answered"
        )
    options = [c.strip() for c in choices if c.strip()]
    if (
        kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING)
        and len(options) < 2
    ):
        raise ValidationError(_("Give at least two answers to choose from."), code="choices")
    question = Question.objects.create(
        survey=survey,
        position=survey.questions.count() + 1,
        kind=kind,
        text=text,
        required=required,
        scale_min=scale_min,
        scale_max=scale_max,
    )
    SurveyOption.objects.bulk_create(
        SurveyOption(question=question, position=i, text=option)
        for i, option in enumerate(options, 1)
    )
    record_event(actor=actor, action="consultations.question_added", target=survey)
    return question


def _answers_for(question: Question, value: Any) -> list[Answer]:
    """Validate one question's value and turn it into answer rows."""
    choices = {c.pk: c for c in question.choices.all()}
    if question.kind == QuestionKind.TEXT:
        text = (value or "").strip()
        return [Answer(question=question, text=text)] if text else []
    if question.kind == QuestionKind.SCALE:
        if value in (None, ""):
            return []
        number = int(value)
        if not question.scale_min <= number <= question.scale_max:
            raise ValidationError(_("Choose a value on the scale."), code="scale")
        return [Answer(question=question, number=number)]
    if question.kind == QuestionKind.SINGLE:
        if value in (None, ""):
            return []
        choice = choices.get(int(value))
        if choice is None:
            raise ValidationError(_("Choose one of the answers given."), code="choice")
        return [Answer(question=question, choice=choice)]
    if question.kind == QuestionKind.MULTIPLE:
        picked = [choices.get(int(v)) for v in value or []]
        if None in picked:
            raise ValidationError(_("Choose one of the answers given."), code="choice")
        return [Answer(question=question, choice=c) for c in picked]
    # Ranking: value maps choice id -> rank 1..n, each rank used once.
    ranks = {int(k): int(v) for k, v in (value or {}).items() if v not in (None, "")}
    if not ranks:
        return []
    if set(ranks) != set(choices) or sorted(ranks.values()) != list(range(1, len(choices) + 1)):
        raise ValidationError(
            _("Give every option a different place, from 1 to %(n)s."),
            code="ranking",
            params={"n": len(choices)},
        )
    return [Answer(question=question, choice=choices[k], number=r) for k, r in ranks.items()]


@transaction.atomic
def answer_survey(*, actor: Any, survey: Survey, values: dict[int, Any]) -> SurveyResponse:
    """Store a resident's answers; ``values`` maps question id to the form's value."""
    require_taking_part(actor, survey.consultation)
    rows: list[Answer] = []
    errors: dict[str, list[ValidationError]] = {}
    for question in survey.questions.prefetch_related("choices"):
        try:
            answers = _answers_for(question, values.get(question.pk))
        except (ValueError, TypeError):
            answers = None
            errors[f"q{question.pk}"] = [
                ValidationError(_("Choose one of the answers given."), code="choice")
            ]
        except ValidationError as error:
            answers = None
            errors[f"q{question.pk}"] = [error]
        if answers == [] and question.required:
            errors[f"q{question.pk}"] = [
                ValidationError(_("Answer this question."), code="required")
            ]
        rows.extend(answers or [])
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(survey=survey, user=actor)
    except IntegrityError as error:
        raise ValidationError(
            _("You have already answered this survey."), code="already_answered"
        ) from error
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    record_event(actor=actor, action="consultations.survey_answered", target=survey)
    return response
