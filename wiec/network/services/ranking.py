"""Publishing the year's ranking (frozen from then on) and the jury's scores."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wiec.core.access import ensure
from wiec.core.services import record_event
from wiec.network import ranking as table
from wiec.network.models import JuryScore, Ranking, RankingRow


def _open_ranking(year: int) -> Ranking:
    ranking, _created = Ranking.objects.select_for_update().get_or_create(year=year)
    if ranking.published_at is not None:
        raise ValidationError(
            _("The %(year)s ranking is published and can no longer change.") % {"year": year},
            code="published",
        )
    return ranking


def set_jury(*, actor: Any, year: int, weight: int, scores: dict[Any, int]) -> Ranking:
    """Set the jury's weight and its score (0-100) for each municipality it scored."""
    ensure(actor, "network.score_ranking")
    if not 0 <= weight <= 100 or any(not 0 <= s <= 100 for s in scores.values()):
        raise ValidationError(_("Scores and the weight are from 0 to 100."), code="range")
    with transaction.atomic():
        ranking = _open_ranking(year)
        ranking.jury_weight = weight
        ranking.save(update_fields=["jury_weight"])
        ranking.jury_scores.all().delete()
        JuryScore.objects.bulk_create(
            JuryScore(ranking=ranking, city=city, score=score) for city, score in scores.items()
        )
        record_event(
            actor=actor,
            action="network.set_jury",
            target=ranking,
            data={"weight": weight, "scores": {str(c.pk): s for c, s in scores.items()}},
        )
    return ranking


def publish_ranking(*, actor: Any, year: int) -> Ranking:
    """Freeze the year's values, scores and places as they are now."""
    ensure(actor, "network.publish_ranking")
    if year >= timezone.localdate().year + 1:
        raise ValidationError(_("A ranking is published for a year that has begun."), code="future")
    with transaction.atomic():
        ranking = _open_ranking(year)
        standings = table.live(ranking, year)
        RankingRow.objects.bulk_create(table.snapshot_rows(ranking, standings))
        ranking.published_at = timezone.now()
        ranking.published_by = actor
        ranking.save(update_fields=["published_at", "published_by"])
        record_event(
            actor=actor,
            action="network.publish_ranking",
            target=ranking,
            data={"municipalities": len(standings)},
        )
    return ranking
