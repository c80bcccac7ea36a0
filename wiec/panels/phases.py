"""The phases of a citizens' panel: the types are code, the dates are data.

A panel moves through recruitment, selection (the lottery), deliberation,
recommendations and monitoring; which one is current follows from the panel's
dates (see :meth:`CitizensPanel.phase_on`).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PanelPhase(models.TextChoices):
    ANNOUNCED = "announced", _("announced")
    RECRUITMENT = "recruitment", _("recruitment")
    SELECTION = "selection", _("selection by lot")
    DELIBERATION = "deliberation", _("deliberation")
    RECOMMENDATIONS = "recommendations", _("recommendations")
    MONITORING = "monitoring", _("monitoring")


#: The phases shown on a panel's timeline, in order (``announced`` is only a state).
TIMELINE = (
    PanelPhase.RECRUITMENT,
    PanelPhase.SELECTION,
    PanelPhase.DELIBERATION,
    PanelPhase.RECOMMENDATIONS,
    PanelPhase.MONITORING,
)

#: When panelists may draft recommendations.
DRAFTING_PHASES = frozenset({PanelPhase.DELIBERATION, PanelPhase.RECOMMENDATIONS})
