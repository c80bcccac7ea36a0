"""The network's editors keep the self-assessment questionnaire: areas, themes and
their maturity levels.

A change must never alter an answer already given, so a theme is versioned rather than
edited once answered (the choice is explained on :class:`~wiec.network.models.Theme`):

- an **area** is only a heading; no answer points at it, so its name changes in place;
- a **theme nobody has answered** (with its levels) changes in place;
- a **theme someone has answered** is frozen: the change writes a new version with the
  same number and levels, and retires the old one, which the past answers keep.

Freezing alone would have made a typo in an answered question impossible to fix;
versioning keeps both the old reading for the old answers and the new one for the next.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from wiec.core.access import ensure
from wiec.core.services import record_event
from wiec.network.models import Area, AssessmentAnswer, Level, Theme

AREA_FIELDS = ("name_pl", "name_en")
THEME_FIELDS = (
    "area",
    "name_pl",
    "name_en",
    "question_pl",
    "question_en",
    "recommendation_pl",
    "recommendation_en",
)
#: Maturity levels of every theme: 1 (lowest) to 5.
LEVELS = range(1, 6)


def create_area(*, actor: Any, data: dict[str, Any]) -> Area:
    ensure(actor, "network.manage_questionnaire")
    with transaction.atomic():
        number = (Area.objects.aggregate(n=Max("number"))["n"] or 0) + 1
        area = Area.objects.create(number=number, **{k: data[k] for k in AREA_FIELDS})
        record_event(actor=actor, action="network.create_area", target=area)
    return area


def change_area(*, actor: Any, area: Area, data: dict[str, Any]) -> Area:
    ensure(actor, "network.manage_questionnaire")
    with transaction.atomic():
        for name in AREA_FIELDS:
            setattr(area, name, data[name])
        area.save(update_fields=list(AREA_FIELDS))
        record_event(actor=actor, action="network.change_area", target=area)
    return area


def _levels(data: dict[str, Any]) -> dict[int, tuple[str, str]]:
    levels = data.get("levels") or {}
    missing = [v for v in LEVELS if not (levels.get(v, ("", ""))[0] or "").strip()]
    if missing:
        raise ValidationError(
            {
                f"level_{v}_pl": _("Describe level %(level)s in Polish.") % {"level": v}
                for v in missing
            },
            code="level_missing",
        )
    return {v: (levels[v][0].strip(), (levels[v][1] or "").strip()) for v in LEVELS}


def _write_levels(theme: Theme, levels: dict[int, tuple[str, str]]) -> None:
    theme.levels.all().delete()
    Level.objects.bulk_create(
        Level(theme=theme, value=v, description_pl=pl, description_en=en)
        for v, (pl, en) in levels.items()
    )


def create_theme(*, actor: Any, data: dict[str, Any]) -> Theme:
    """A new theme at the end of the questionnaire, with its five levels."""
    ensure(actor, "network.manage_questionnaire")
    levels = _levels(data)
    with transaction.atomic():
        number = (Theme.objects.aggregate(n=Max("number"))["n"] or 0) + 1
        theme = Theme.objects.create(number=number, **{k: data[k] for k in THEME_FIELDS})
        _write_levels(theme, levels)
        record_event(actor=actor, action="network.create_theme", target=theme)
    return theme


def change_theme(*, actor: Any, theme: Theme, data: dict[str, Any]) -> Theme:
    """Change a theme's wording and levels; returns the theme now asked (``theme``
    itself, or its new version when ``theme`` was already answered)."""
    ensure(actor, "network.manage_questionnaire")
    levels = _levels(data)
    with transaction.atomic():
        theme = Theme.objects.select_for_update().get(pk=theme.pk)
        if theme.retired_at is not None:
            raise ValidationError(
                _("This is an old version of the theme; change the current one."),
                code="retired",
            )
        answered = AssessmentAnswer.objects.filter(theme=theme).exists()
        if answered:
            theme.retired_at = timezone.now()
            theme.save(update_fields=["retired_at"])
            current = Theme.objects.create(
                number=theme.number, replaces=theme, **{k: data[k] for k in THEME_FIELDS}
            )
        else:
            current = theme
            for name in THEME_FIELDS:
                setattr(current, name, data[name])
            current.save(update_fields=list(THEME_FIELDS))
        _write_levels(current, levels)
        record_event(
            actor=actor,
            action="network.change_theme",
            target=current,
            data={"new_version_of": theme.pk} if answered else {},
        )
    return current
