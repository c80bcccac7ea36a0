"""What panels keep about a person: their applications (RODO art. 15, 17, 20)."""

from __future__ import annotations

from typing import Any

from wiec.panels.models import Respondent


def export(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "panel": r.panel.topic,
            "full_name": r.full_name,
            "email": r.email,
            "phone": r.phone,
            "answers": r.answers,
            "consent_at": r.consent_at.isoformat(),
            "drawn": getattr(r, "panelist", None) is not None,
        }
        for r in Respondent.objects.filter(user=user).select_related("panel")
    ]


def erase(user: Any) -> None:
    """Remove contact data; the anonymous answers stay, as the published lottery uses them."""
    Respondent.objects.filter(user=user).update(full_name="—", email="", phone="", user=None)
