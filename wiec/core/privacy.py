"""Personal data export and erasure across apps (RODO art. 15, 17 and 20).

Each app that keeps personal data registers an exporter (what it holds about a
user, as JSON-ready data) and an eraser (delete or anonymise it) in its
``AppConfig.ready``.  The account's "my data" page calls them all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Exporter = Callable[[Any], Any]
Eraser = Callable[[Any], None]

_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}


def register(section: str, *, exporter: Exporter, eraser: Eraser | None = None) -> None:
    _exporters[section] = exporter
    if eraser is not None:
        _erasers[section] = eraser


def export_personal_data(user: Any) -> dict[str, Any]:
    return {section: exporter(user) for section, exporter in sorted(_exporters.items())}


def erase_personal_data(user: Any) -> None:
    for _section, eraser in sorted(_erasers.items()):
        eraser(user)


def export_notifications(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "subject": n.subject,
            "body": n.body,
            "created_at": n.created_at.isoformat(),
            "read_at": n.read_at.isoformat() if n.read_at else None,
        }
        for n in user.notifications.all()
    ]


def erase_notifications(user: Any) -> None:
    user.notifications.all().delete()
