"""Meetings: scheduling, materials and residents' registrations."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.consultations.models import Consultation, Meeting, MeetingMaterial, Registration
from wiec.consultations.services.common import MATERIAL_TYPES, check_upload
from wiec.core.access import ensure
from wiec.core.services import record_event


@transaction.atomic
def schedule_meeting(*, actor: Any, consultation: Consultation, **fields: Any) -> Meeting:
    meeting = Meeting(consultation=consultation, **fields)
    ensure(actor, "consultations.manage_consultation", consultation)
    meeting.full_clean(exclude=["consultation"])
    meeting.save()
    record_event(actor=actor, action="consultations.meeting_scheduled", target=meeting)
    return meeting


@transaction.atomic
def attach_meeting_material(
    *, actor: Any, meeting: Meeting, title: str, file: UploadedFile
) -> MeetingMaterial:
    """Attach a document to a meeting; a file too large or of another type is refused
    and nothing is saved."""
    ensure(actor, "consultations.manage_consultation", meeting.consultation)
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Give the material a title."), code="title")
    check_upload(file, MATERIAL_TYPES)
    material = MeetingMaterial.objects.create(
        meeting=meeting, title=title, file=file, size=file.size, uploaded_by=actor
    )
    record_event(
        actor=actor,
        action="consultations.meeting_material_attached",
        target=meeting,
        data={"material": material.pk, "title": title},
    )
    return material


@transaction.atomic
def register_for_meeting(*, actor: Any, meeting: Meeting) -> Registration:
    consultation = meeting.consultation
    if consultation.is_finished or meeting.starts_at <= timezone.now():
        raise ValidationError(_("Registration for this meeting is closed."), code="closed")
    if not actor.has_perm("consultations.take_part", consultation) and not (
        consultation.phase() == "planned"
        and actor.is_authenticated
        and not consultation.requires_verified_residency
    ):
        raise ValidationError(
            _("Only verified residents may take part in this consultation."), code="not_verified"
        )
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if Registration.objects.filter(meeting=meeting, user=actor).exists():
        raise ValidationError(_("You are already registered."), code="registered")
    if meeting.capacity is not None and meeting.registrations.count() >= meeting.capacity:
        raise ValidationError(_("There are no places left at this meeting."), code="full")
    registration = Registration.objects.create(meeting=meeting, user=actor)
    record_event(actor=actor, action="consultations.meeting_registered", target=meeting)
    return registration


@transaction.atomic
def cancel_registration(*, actor: Any, meeting: Meeting) -> None:
    deleted, _rows = Registration.objects.filter(meeting=meeting, user=actor).delete()
    if deleted:
        record_event(actor=actor, action="consultations.meeting_unregistered", target=meeting)
