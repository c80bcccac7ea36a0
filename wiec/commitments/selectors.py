"""Reads of commitments, scoped to the request's municipality."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from wiec.commitments.models import LATE, Commitment, CommitmentSource, Oversight
from wiec.places.selectors import current_city


def commitments() -> QuerySet[Commitment]:
    return Commitment.objects.for_city(current_city()).select_related("district")


@dataclass(frozen=True)
class Filters:
    tool: str = ""
    district: Any = None
    year: int | None = None
    owner: str = ""
    status: str = ""


def filtered(chosen: Filters) -> QuerySet[Commitment]:
    qs = commitments()
    if chosen.tool:
        qs = qs.filter(tool=chosen.tool)
    if chosen.district is not None:
        qs = qs.filter(district=chosen.district)
    if chosen.year:
        qs = qs.filter(year=chosen.year)
    if chosen.owner:
        qs = qs.filter(owner_unit=chosen.owner)
    if chosen.status == LATE:
        qs = qs.late()
    elif chosen.status:
        qs = qs.filter(status=chosen.status).not_late()
    return qs


def choices() -> dict[str, list]:
    """What the filters offer: only tools, years and owners the city's commitments have."""
    qs = commitments().order_by()
    tools = set(qs.values_list("tool", flat=True).distinct())
    return {
        "tools": [(key, label) for key, label in CommitmentSource.choices if key in tools],
        "years": sorted(set(qs.values_list("year", flat=True)), reverse=True),
        "owners": sorted(set(qs.exclude(owner_unit="").values_list("owner_unit", flat=True))),
    }


def monitoring_panels_of(user: Any, commitment: Commitment) -> list[Any]:
    """The panels overseeing the commitment on which the user holds a seat."""
    from wiec.panels.models import PanelistKind
    from wiec.panels.selectors import ACTIVE

    return list(
        Oversight.objects.filter(
            commitment=commitment,
            panel__panelists__user=user,
            panel__panelists__kind=PanelistKind.MEMBER,
            panel__panelists__status__in=ACTIVE,
        )
        .select_related("panel")
        .values_list("panel", flat=True)
        .distinct()
    )
