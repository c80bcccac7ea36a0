"""The yearly self-assessment of a municipality's participation capacity."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wiec.core.access import ensure
from wiec.core.services import record_event
from wiec.network.models import AssessmentAnswer, SelfAssessment, Theme


def answer_assessment(
    *, actor: Any, city: Any, year: int, team: str, levels: dict[int, int]
) -> SelfAssessment:
    """Save (or replace) the municipality's answers for ``year``: one level per theme.

    ``levels`` maps a theme's id to the chosen level; every theme must be answered
    with one of its own levels.
    """
    ensure(actor, "network.answer_assessment", city)
    themes = list(Theme.objects.current().prefetch_related("levels"))
    errors = {}
    for theme in themes:
        allowed = {level.value for level in theme.levels.all()}
        if levels.get(theme.pk) not in allowed:
            errors[f"theme_{theme.pk}"] = _("Choose one of the levels.")
    if errors:
        raise ValidationError(errors, code="unanswered")
    if not team.strip():
        raise ValidationError({"team": _("Say who answered.")}, code="no_team")
    if not 2000 <= year <= timezone.localdate().year:
        raise ValidationError({"year": _("Choose this year or a past one.")}, code="bad_year")
    with transaction.atomic():
        assessment, created = SelfAssessment.objects.select_for_update().get_or_create(
            city=city,
            year=year,
            defaults={"team": team.strip()[:300], "submitted_by": actor},
        )
        if not created:
            assessment.team = team.strip()[:300]
            assessment.submitted_by = actor
            assessment.submitted_at = timezone.now()
            assessment.save(update_fields=["team", "submitted_by", "submitted_at"])
            assessment.answers.all().delete()
        AssessmentAnswer.objects.bulk_create(
            AssessmentAnswer(assessment=assessment, theme=theme, level=levels[theme.pk])
            for theme in themes
        )
        record_event(
            actor=actor,
            action="network.answer_assessment",
            target=assessment,
            data={"levels": {str(k): v for k, v in levels.items()}},
        )
    return assessment
