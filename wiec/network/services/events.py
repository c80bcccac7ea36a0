"""Registration for the network's events, up to each event's capacity."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wiec.core.access import ensure
from wiec.core.services import record_event
from wiec.network.models import Event, EventRegistration


def register_for_event(*, actor: Any, event: Event) -> EventRegistration:
    ensure(actor, "network.register_for_event", event)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.starts_at <= timezone.now():
            raise ValidationError(_("This event has already begun."), code="started")
        existing = EventRegistration.objects.filter(event=locked, user=actor).first()
        if existing is not None:
            return existing
        if locked.registrations.count() >= locked.capacity:
            raise ValidationError(_("There are no places left."), code="full")
        registration = EventRegistration.objects.create(event=locked, user=actor)
        record_event(actor=actor, action="network.register_for_event", target=locked)
    return registration


def cancel_registration(*, actor: Any, event: Event) -> bool:
    """Give one's place back; returns whether there was one."""
    ensure(actor, "network.register_for_event", event)
    with transaction.atomic():
        deleted, _rows = EventRegistration.objects.filter(event=event, user=actor).delete()
        if deleted:
            record_event(actor=actor, action="network.cancel_registration", target=event)
    return bool(deleted)
