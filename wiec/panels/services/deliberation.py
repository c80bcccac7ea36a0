"""Deliberation: sessions, materials and attendance."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wiec.core.services import record_event
from wiec.panels.models import (
    Attendance,
    CitizensPanel,
    Material,
    Panelist,
    Session,
)


@transaction.atomic
def schedule_session(
    *,
    actor: Any,
    panel: CitizensPanel,
    title: str,
    starts_at: datetime.datetime,
    place: str = "",
    link: str = "",
    description: str = "",
) -> Session:
    session = Session(
        panel=panel,
        title=title,
        starts_at=starts_at,
        place=place,
        link=link,
        description=description,
    )
    if not place and not link:
        raise ValidationError(_("Give the place or the online link."), code="no_place")
    session.full_clean()
    session.save()
    record_event(actor=actor, action="panels.session_scheduled", target=session, data={})
    return session


@transaction.atomic
def add_material(
    *, actor: Any, session: Session, title: str, kind: str, url: str, author: str = ""
) -> Material:
    material = Material(session=session, title=title, kind=kind, url=url, author=author)
    material.full_clean()
    material.save()
    record_event(actor=actor, action="panels.material_added", target=session, data={"url": url})
    return material


@transaction.atomic
def record_attendance(*, actor: Any, session: Session, present: list[Panelist]) -> int:
    """Replace the session's attendance list with the panelists present."""
    if any(p.panel_id != session.panel_id for p in present):
        raise ValidationError(_("Only this panel's panelists can attend."), code="other_panel")
    Attendance.objects.filter(session=session).delete()
    Attendance.objects.bulk_create([Attendance(session=session, panelist=p) for p in present])
    record_event(
        actor=actor,
        action="panels.attendance_recorded",
        target=session,
        data={"present": sorted(p.anonymous_id for p in present)},
    )
    return len(present)
