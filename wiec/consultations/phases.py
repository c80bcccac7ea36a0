"""The phases of a consultation: their types are code, their dates are data.

A consultation is planned before ``starts_on``, ongoing from ``starts_on`` to
``ends_on`` inclusive, and finished afterwards.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import pgettext_lazy


class ConsultationPhase(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("consultation phase", "planned")
    ONGOING = "ongoing", pgettext_lazy("consultation phase", "ongoing")
    FINISHED = "finished", pgettext_lazy("consultation phase", "finished")


def phase_on(
    starts_on: datetime.date, ends_on: datetime.date, today: datetime.date
) -> ConsultationPhase:
    if today < starts_on:
        return ConsultationPhase.PLANNED
    if today > ends_on:
        return ConsultationPhase.FINISHED
    return ConsultationPhase.ONGOING
