"""Remarks: residents' on the document and the map, the office's register and answers."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.consultations.models import (
    OFFICE_CHANNELS,
    Consultation,
    MapCategory,
    Paragraph,
    Remark,
    RemarkChannel,
    Response,
)
from wiec.consultations.services.common import (
    SCAN_TYPES,
    check_point,
    check_upload,
    clean_text,
    require_taking_part,
)
from wiec.core.access import ensure
from wiec.core.services import record_event


@transaction.atomic
def comment_on_paragraph(*, actor: Any, paragraph: Paragraph, text: str) -> Remark:
    consultation = paragraph.consultation
    require_taking_part(actor, consultation)
    remark = Remark.objects.create(
        consultation=consultation,
        channel=RemarkChannel.DOCUMENT,
        author=actor,
        paragraph=paragraph,
        text=clean_text(text),
    )
    record_event(
        actor=actor,
        action="consultations.paragraph_commented",
        target=remark,
        data={"paragraph": paragraph.position},
    )
    return remark


@transaction.atomic
def comment_on_map(
    *,
    actor: Any,
    consultation: Consultation,
    latitude: float,
    longitude: float,
    text: str,
    category: MapCategory | None = None,
    area: list[tuple[float, float]] | None = None,
) -> Remark:
    """A remark about a place: a point, and optionally an area drawn around it."""
    require_taking_part(actor, consultation)
    if not consultation.map_enabled:
        raise ValidationError(_("This consultation has no map."), code="no_map")
    text = clean_text(text)
    for lat, lon in [(latitude, longitude), *(area or [])]:
        check_point(consultation.city, lat, lon)
    if category is not None and category.consultation_id != consultation.pk:
        raise ValidationError(_("Choose one of the categories given."), code="category")
    remark = Remark.objects.create(
        consultation=consultation,
        channel=RemarkChannel.MAP,
        author=actor,
        latitude=latitude,
        longitude=longitude,
        area=[list(p) for p in area or []],
        category=category,
        text=text,
    )
    record_event(actor=actor, action="consultations.map_commented", target=remark)
    return remark


@transaction.atomic
def enter_remark(
    *,
    actor: Any,
    consultation: Consultation,
    channel: str,
    author_name: str,
    text: str,
    received_on: datetime.date,
    paragraph: Paragraph | None = None,
    attachment: UploadedFile | None = None,
) -> Remark:
    """An official enters a remark received on paper, by e-mail or at a meeting."""
    ensure(actor, "consultations.manage_consultation", consultation)
    if channel not in OFFICE_CHANNELS:
        raise ValidationError(_("Choose how the remark was received."), code="channel")
    check_upload(attachment, SCAN_TYPES)
    if received_on > consultation.ends_on or received_on < consultation.starts_on:
        raise ValidationError(
            _("The remark was received outside the consultation's dates."), code="late"
        )
    remark = Remark(
        consultation=consultation,
        channel=channel,
        author_name=author_name.strip(),
        text=clean_text(text),
        received_on=received_on,
        paragraph=paragraph if paragraph and paragraph.consultation_id == consultation.pk else None,
        entered_by=actor,
    )
    if attachment is not None:
        remark.attachment = attachment
    remark.save()
    record_event(
        actor=actor,
        action="consultations.remark_entered",
        target=remark,
        data={"channel": channel},
    )
    return remark


@transaction.atomic
def answer_remark(*, actor: Any, remark: Remark, response: str, justification: str) -> Remark:
    """Record the office's response to a remark: accepted, partly accepted or rejected."""
    ensure(actor, "consultations.manage_consultation", remark.consultation)
    if hasattr(remark.consultation, "report"):
        raise ValidationError(
            _("The report is published; responses can no longer change."), code="published"
        )
    if response not in Response.values:
        raise ValidationError(_("Choose the response."), code="response")
    justification = (justification or "").strip()
    if not justification:
        raise ValidationError(_("Give the justification of the response."), code="justification")
    remark.response = response
    remark.justification = justification
    remark.responded_at = timezone.now()
    remark.responded_by = actor
    remark.save(update_fields=["response", "justification", "responded_at", "responded_by"])
    record_event(
        actor=actor,
        action="consultations.remark_answered",
        target=remark,
        data={"response": response},
    )
    return remark


@transaction.atomic
def hide_remark(*, actor: Any, remark: Remark, reason: str) -> Remark:
    """A moderator hides a remark that breaks the rules (it leaves the report)."""
    ensure(actor, "consultations.moderate_remark", remark)
    if not (reason or "").strip():
        raise ValidationError(_("Give the reason."), code="reason")
    remark.hidden = True
    remark.hidden_reason = reason.strip()
    remark.save(update_fields=["hidden", "hidden_reason"])
    record_event(
        actor=actor,
        action="consultations.remark_hidden",
        target=remark,
        data={"reason": remark.hidden_reason},
    )
    return remark
