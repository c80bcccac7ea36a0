"""The phases of a participatory-budget edition.

Phase *types* are code (this module); their *dates* are data (``EditionPhase`` rows an
official sets for each edition).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PhaseType(models.TextChoices):
    SUBMISSION = "submission", _("submission of proposals")
    VERIFICATION = "verification", _("verification")
    APPEALS = "appeals", _("appeals")
    VOTING = "voting", _("voting")
    RESULTS = "results", _("results")
    IMPLEMENTATION = "implementation", _("implementation")


ORDER = [
    PhaseType.SUBMISSION,
    PhaseType.VERIFICATION,
    PhaseType.APPEALS,
    PhaseType.VOTING,
    PhaseType.RESULTS,
    PhaseType.IMPLEMENTATION,
]
