"""Predicates about commitments (always ``bool``); combined in ``rules.py``."""

from __future__ import annotations

from typing import Any

import rules


def _commitment(obj: Any) -> Any:
    return getattr(obj, "commitment", obj)


@rules.predicate
def is_monitoring_panelist(user: Any, obj: Any) -> bool:
    """A seated member of a panel that oversees the commitment."""
    commitment = _commitment(obj)
    if commitment is None or user is None or not user.is_authenticated:
        return False
    from wiec.commitments.selectors import monitoring_panels_of

    return bool(monitoring_panels_of(user, commitment))


@rules.predicate
def is_unanswered(user: Any, obj: Any) -> bool:
    return obj is not None and not getattr(obj, "answer", "")
