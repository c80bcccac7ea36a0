"""Recommendations: drafting, the vote, results and the city's follow-up."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.core.services import record_event
from wiec.panels.models import (
    CitizensPanel,
    Recommendation,
    RecommendationProgress,
    RecommendationUpdate,
    RecommendationVote,
)
from wiec.panels.phases import DRAFTING_PHASES
from wiec.panels.selectors import active_seat_of, tally


@transaction.atomic
def draft_recommendation(
    *, actor: Any, panel: CitizensPanel, title: str, text: str
) -> Recommendation:
    """A panelist puts a recommendation forward during deliberation."""
    seat = active_seat_of(actor, panel)
    if seat is None:
        raise PermissionDenied(_("Only the panel's panelists can draft recommendations."))
    if panel.phase not in DRAFTING_PHASES:
        raise ValidationError(
            _("Recommendations can be drafted only during deliberation."), code="phase"
        )
    if not title.strip() or not text.strip():
        raise ValidationError(_("Give the title and the text."), code="empty")
    CitizensPanel.objects.select_for_update().get(pk=panel.pk)  # serialise numbering
    last = panel.recommendations.order_by("-number").values_list("number", flat=True).first()
    number = (last or 0) + 1
    recommendation = Recommendation.objects.create(
        panel=panel, number=number, title=title.strip(), text=text.strip(), drafted_by=seat
    )
    record_event(
        actor=actor, action="panels.recommendation_drafted", target=recommendation, data={}
    )
    return recommendation


@transaction.atomic
def cast_vote(*, actor: Any, recommendation: Recommendation, choice: str) -> RecommendationVote:
    """A panelist's vote on a recommendation, only inside the voting window.

    A panelist may change their vote until the window closes.
    """
    panel = recommendation.panel
    seat = active_seat_of(actor, panel)
    if seat is None:
        raise PermissionDenied(_("Only the panel's panelists can vote."))
    if not panel.voting_is_open():
        raise ValidationError(
            _("Voting is closed: votes are accepted only inside the voting window."),
            code="window_closed",
        )
    if panel.results_published_at is not None:
        raise ValidationError(_("The results have been published."), code="published")
    if choice not in {"yes", "no", "abstain"}:
        raise ValidationError(_("Choose one of the answers."), code="bad_choice")
    vote, _created = RecommendationVote.objects.update_or_create(
        recommendation=recommendation,
        panelist=seat,
        defaults={"choice": choice, "cast_at": timezone.now()},
    )
    record_event(
        actor=actor,
        action="panels.vote_cast",
        target=recommendation,
        data={"panelist": seat.anonymous_id},
    )
    return vote


@transaction.atomic
def publish_results(*, actor: Any, panel: CitizensPanel) -> list[Recommendation]:
    """Count support after the window closes, fix it on each recommendation, publish."""
    panel = CitizensPanel.objects.select_for_update().get(pk=panel.pk)
    if not panel.voting_has_closed():
        raise ValidationError(
            _("Results can be published only after the voting window closes."), code="open"
        )
    if panel.results_published_at is not None:
        raise ValidationError(_("The results are already published."), code="published")
    recommendations = list(panel.recommendations.all())
    for rec in recommendations:
        result = tally(rec)
        rec.votes_yes = result.yes
        rec.votes_counted = result.voted
        rec.support_denominator = result.denominator
        rec.support_level = result.level
    Recommendation.objects.bulk_update(
        recommendations, ["votes_yes", "votes_counted", "support_denominator", "support_level"]
    )
    panel.results_published_at = timezone.now()
    panel.save(update_fields=["results_published_at"])
    record_event(
        actor=actor,
        action="panels.results_published",
        target=panel,
        data={
            str(r.number): [r.votes_yes, r.support_denominator, r.support_level]
            for r in recommendations
        },
    )
    return recommendations


def _published(recommendation: Recommendation) -> bool:
    return CitizensPanel.objects.filter(
        pk=recommendation.panel_id, results_published_at__isnull=False
    ).exists()


@transaction.atomic
def respond_to_recommendation(
    *, actor: Any, recommendation: Recommendation, response: str, status: str
) -> Recommendation:
    """The city's answer to a recommendation and where its implementation stands."""
    if not _published(recommendation):
        raise ValidationError(
            _("The city responds after the results are published."), code="unpublished"
        )
    if not response.strip():
        raise ValidationError(_("Write the response."), code="empty")
    if status not in RecommendationProgress.values:
        raise ValidationError(_("Choose the implementation status."), code="bad_status")
    recommendation.response = response.strip()
    recommendation.responded_at = timezone.now()
    recommendation.implementation_status = status
    recommendation.save(update_fields=["response", "responded_at", "implementation_status"])
    record_event(
        actor=actor,
        action="panels.recommendation_answered",
        target=recommendation,
        data={"status": status},
    )
    return recommendation


@transaction.atomic
def add_implementation_update(
    *, actor: Any, recommendation: Recommendation, date: datetime.date, status: str, note: str
) -> RecommendationUpdate:
    if not _published(recommendation):
        raise ValidationError(
            _("Implementation is followed after the results are published."), code="unpublished"
        )
    if status not in RecommendationProgress.values or not note.strip():
        raise ValidationError(_("Give the status and what happened."), code="empty")
    update = RecommendationUpdate.objects.create(
        recommendation=recommendation, date=date, status=status, note=note.strip(), author=actor
    )
    recommendation.implementation_status = status
    recommendation.save(update_fields=["implementation_status"])
    record_event(
        actor=actor,
        action="panels.implementation_updated",
        target=recommendation,
        data={"status": status, "date": date.isoformat()},
    )
    return update
