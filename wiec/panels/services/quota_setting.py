"""Quotas: the bounds of each answer, set by hand or from the census."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wiec.core.services import record_event
from wiec.panels.models import (
    CitizensPanel,
    FeatureValue,
    Lottery,
    LotteryStatus,
)
from wiec.panels.quotas import bounds_from_share


def _panel_is_drawn(panel: CitizensPanel) -> bool:
    return Lottery.objects.filter(
        panel=panel, status__in=[LotteryStatus.RUNNING, LotteryStatus.DONE]
    ).exists()


@transaction.atomic
def set_quotas(
    *,
    actor: Any,
    panel: CitizensPanel,
    bounds: Mapping[int, tuple[int | None, int | None]],
    shares: Mapping[int, Decimal | None] | None = None,
) -> None:
    """Set min and max seats per answer; a question has quotas on all answers or none."""
    if _panel_is_drawn(panel):
        raise ValidationError(_("The panel has been drawn; quotas are final."), code="drawn")
    values = {
        v.pk: v for v in FeatureValue.objects.filter(feature__panel=panel).select_related("feature")
    }
    errors: list[ValidationError] = []
    for pk, (low, high) in bounds.items():
        value = values[pk]
        if (low is None) != (high is None):
            errors.append(
                ValidationError(
                    _("“%(value)s”: give both the minimum and the maximum, or neither."),
                    params={"value": str(value)},
                    code="half_quota",
                )
            )
        elif low is not None and high is not None and low > high:
            errors.append(
                ValidationError(
                    _("“%(value)s”: the minimum (%(min)s) is above the maximum (%(max)s)."),
                    params={"value": str(value), "min": low, "max": high},
                    code="min_above_max",
                )
            )
        value.quota_min, value.quota_max = low, high
        if shares is not None and pk in shares:
            value.population_share = shares[pk]
    by_feature: dict[int, list[FeatureValue]] = {}
    for value in values.values():
        by_feature.setdefault(value.feature_id, []).append(value)
    for group in by_feature.values():
        set_count = sum(v.has_quota for v in group)
        if 0 < set_count < len(group):
            errors.append(
                ValidationError(
                    _(
                        "“%(question)s”: set quotas for every answer, or for none "
                        "(then the question does not count in the lottery)."
                    ),
                    params={"question": group[0].feature.label},
                    code="partial_feature",
                )
            )
    if errors:
        raise ValidationError(errors)
    FeatureValue.objects.bulk_update(
        list(values.values()), ["quota_min", "quota_max", "population_share"]
    )
    record_event(
        actor=actor,
        action="panels.quotas_set",
        target=panel,
        data={"quotas": [[str(v), v.quota_min, v.quota_max] for v in values.values()]},
    )


def quotas_from_census(
    panel: CitizensPanel, shares: Mapping[int, Decimal | None], tolerance: Decimal
) -> dict[int, tuple[int | None, int | None]]:
    """Min and max per answer from census shares (%) and a tolerance (points)."""
    return {
        pk: (
            bounds_from_share(share, tolerance_points=tolerance, panel_size=panel.panel_size)
            if share is not None
            else (None, None)
        )
        for pk, share in shares.items()
    }
