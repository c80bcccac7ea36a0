"""Reads about panels that depend on who is looking, and the vote count."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from wiec.panels.models import (
    CitizensPanel,
    Denominator,
    Panelist,
    PanelistKind,
    PanelistStatus,
    Recommendation,
    RecommendationVote,
    Respondent,
    SupportLevel,
)
from wiec.places.selectors import current_city

ACTIVE = (PanelistStatus.INVITED, PanelistStatus.CONFIRMED)


def public_panels() -> list[CitizensPanel]:
    return list(CitizensPanel.objects.public().filter(city=current_city()))


def unpublished_panels() -> list[CitizensPanel]:
    """Panels being prepared, for the organisers' eyes (the list shows them apart)."""
    return list(CitizensPanel.objects.filter(is_published=False, city=current_city()))


def applicants(panel: CitizensPanel):
    """The pool with names and contact details: only for ``panels.view_applicants``."""
    return Respondent.objects.filter(panel=panel).select_related("panelist").order_by("pk")


def letters_needed(panel: CitizensPanel) -> int:
    """Drawn people with no account and no claim code yet."""
    return Panelist.objects.filter(
        panel=panel,
        user__isnull=True,
        claim_code_hash="",
        status__in=(*ACTIVE, PanelistStatus.WAITING),
    ).count()


def letters_issued(panel: CitizensPanel) -> dict[str, int]:
    codes = Panelist.objects.filter(panel=panel).exclude(claim_code_hash="")
    return {"sent": codes.count(), "claimed": codes.filter(claimed_at__isnull=False).count()}


def active_seat_of(user: Any, panel: CitizensPanel) -> Panelist | None:
    """The user's seat on the panel, if they are a seated (invited or confirmed) member."""
    if user is None or not user.is_authenticated:
        return None
    return (
        Panelist.objects.filter(panel=panel, user=user, kind=PanelistKind.MEMBER, status__in=ACTIVE)
        .order_by("pk")
        .first()
    )


def seat_of(user: Any, panel: CitizensPanel) -> Panelist | None:
    """Any panelist record of the user on this panel (member or reserve)."""
    if user is None or not user.is_authenticated:
        return None
    return Panelist.objects.filter(panel=panel, user=user).order_by("pk").first()


def members(panel: CitizensPanel) -> list[Panelist]:
    return list(panel.panelists.filter(kind=PanelistKind.MEMBER).order_by("anonymous_id"))


def reserves(panel: CitizensPanel) -> list[Panelist]:
    return list(panel.panelists.filter(kind=PanelistKind.RESERVE).order_by("reserve_position"))


@dataclass(frozen=True)
class Tally:
    """Support for one recommendation under the panel's rules."""

    yes: int
    no: int
    abstain: int
    denominator: int
    level: str

    @property
    def voted(self) -> int:
        return self.yes + self.no + self.abstain

    @property
    def percent(self) -> float:
        return 100.0 * self.yes / self.denominator if self.denominator else 0.0


def support_level(panel: CitizensPanel, yes: int, denominator: int) -> str:
    """Binding at ``binding_threshold`` % or more of the denominator, advisory at the
    advisory threshold; compared in integers so 80% of 25 is exactly 20 votes."""
    if denominator <= 0:
        return SupportLevel.REJECTED
    if 100 * yes >= panel.binding_threshold * denominator:
        return SupportLevel.BINDING
    if 100 * yes >= panel.advisory_threshold * denominator:
        return SupportLevel.ADVISORY
    return SupportLevel.REJECTED


def tally(recommendation: Recommendation) -> Tally:
    panel = recommendation.panel
    counts = RecommendationVote.objects.filter(recommendation=recommendation).aggregate(
        yes=Count("pk", filter=Q(choice="yes")),
        no=Count("pk", filter=Q(choice="no")),
        abstain=Count("pk", filter=Q(choice="abstain")),
    )
    yes, no, abstain = counts["yes"], counts["no"], counts["abstain"]
    if panel.denominator == Denominator.VOTING:
        denominator = yes + no + abstain
    else:
        denominator = panel.panelists.filter(kind=PanelistKind.MEMBER, status__in=ACTIVE).count()
    return Tally(yes, no, abstain, denominator, support_level(panel, yes, denominator))


def votes_of(panelist: Panelist | None) -> dict[int, str]:
    if panelist is None:
        return {}
    return dict(
        RecommendationVote.objects.filter(panelist=panelist).values_list(
            "recommendation_id", "choice"
        )
    )
