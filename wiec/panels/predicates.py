"""Predicates about citizens' panels (always ``bool``); combined in ``rules.py``.

The object is a :class:`~wiec.panels.models.CitizensPanel`, or something that belongs
to one (a recommendation, a session, a panelist) through ``panel``.
"""

from __future__ import annotations

from typing import Any

import rules

from wiec.panels.phases import DRAFTING_PHASES, PanelPhase


def panel_of(obj: Any) -> Any:
    if obj is None:
        return None
    from wiec.panels.models import CitizensPanel

    if isinstance(obj, CitizensPanel):
        return obj
    return getattr(obj, "panel", None)


@rules.predicate
def is_recruiting(user: Any, obj: Any) -> bool:
    panel = panel_of(obj)
    return panel is not None and panel.phase == PanelPhase.RECRUITMENT


@rules.predicate
def is_drafting_phase(user: Any, obj: Any) -> bool:
    panel = panel_of(obj)
    return panel is not None and panel.phase in DRAFTING_PHASES


@rules.predicate
def is_voting_window(user: Any, obj: Any) -> bool:
    panel = panel_of(obj)
    return panel is not None and panel.voting_is_open()


@rules.predicate
def is_panelist_of(user: Any, obj: Any) -> bool:
    """A seated panelist (invited or confirmed) of the object's panel."""
    panel = panel_of(obj)
    if panel is None or user is None or not user.is_authenticated:
        return False
    from wiec.panels.selectors import active_seat_of

    return active_seat_of(user, panel) is not None


@rules.predicate
def is_drawn_person(user: Any, obj: Any) -> bool:
    """The panelist record is the user's own seat."""
    if obj is None or user is None or not user.is_authenticated:
        return False
    return bool(getattr(obj, "user_id", None) == user.pk)


@rules.predicate
def recruits_by_letter(user: Any, obj: Any) -> bool:
    """The panel's applications need an invitation code, which stands in for an account."""
    panel = panel_of(obj)
    return bool(panel is not None and panel.uses_invitations)


@rules.predicate
def is_drawn(user: Any, obj: Any) -> bool:
    """The panel's lottery has been drawn (there are seats to claim)."""
    panel = panel_of(obj)
    if panel is None or panel.pk is None:
        return False
    from wiec.panels.models import Lottery, LotteryStatus

    return Lottery.objects.filter(panel=panel, status=LotteryStatus.DONE).exists()
