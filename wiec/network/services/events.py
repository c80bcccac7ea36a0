"""The network's events: the editors create, change and cancel them; anyone with an
account registers, up to each event's capacity."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wiec.core.access import ensure
from wiec.core.services import record_event
from wiec.network.models import Event, EventRegistration

#: What an editor sets on an event (the form's fields, the service's keys).
EVENT_FIELDS = (
    "title",
    "kind",
    "description",
    "place",
    "city",
    "starts_at",
    "ends_at",
    "capacity",
    "is_published",
)


def _check_dates(data: dict[str, Any]) -> None:
    starts, ends = data.get("starts_at"), data.get("ends_at")
    if starts and ends and ends <= starts:
        raise ValidationError(
            {"ends_at": _("The event must end after it starts.")}, code="dates_order"
        )


def create_event(*, actor: Any, data: dict[str, Any]) -> Event:
    """A new event of the network, open for registration once public."""
    ensure(actor, "network.manage_events")
    _check_dates(data)
    if data["starts_at"] <= timezone.now():
        raise ValidationError({"starts_at": _("Choose a start in the future.")}, code="in_the_past")
    with transaction.atomic():
        event = Event.objects.create(**{name: data[name] for name in EVENT_FIELDS if name in data})
        record_event(actor=actor, action="network.create_event", target=event)
    return event


def change_event(*, actor: Any, event: Event, data: dict[str, Any]) -> Event:
    """Change an event; never below the places already taken, never once cancelled."""
    ensure(actor, "network.manage_events", event)
    _check_dates(data)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.cancelled:
            raise ValidationError(_("A cancelled event cannot be changed."), code="cancelled")
        taken = locked.registrations.count()
        if data.get("capacity", locked.capacity) < taken:
            raise ValidationError(
                {
                    "capacity": _(
                        "%(taken)s people are already registered; "
                        "the event needs at least as many places."
                    )
                    % {"taken": taken}
                },
                code="below_registrations",
            )
        changed = [name for name in EVENT_FIELDS if name in data]
        for name in changed:
            setattr(locked, name, data[name])
        locked.save(update_fields=changed)
        record_event(
            actor=actor, action="network.change_event", target=locked, data={"fields": changed}
        )
    return locked


def cancel_event(*, actor: Any, event: Event, reason: str) -> Event:
    """Cancel an event and e-mail the reason to everyone registered, each in their own
    language (a message about what they signed up for, so sent whatever their
    notification settings say)."""
    ensure(actor, "network.manage_events", event)
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Give the reason; it goes to everyone registered.")}, code="no_reason"
        )
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.cancelled:
            raise ValidationError(_("This event is already cancelled."), code="cancelled")
        locked.cancelled_at = timezone.now()
        locked.cancel_reason = reason[:2000]
        locked.save(update_fields=["cancelled_at", "cancel_reason"])
        recipients = [
            r.user
            for r in locked.registrations.select_related("user")
            if r.user.is_active and r.user.email
        ]
        record_event(
            actor=actor,
            action="network.cancel_event",
            target=locked,
            data={"registered": len(recipients)},
        )
        messages = [_cancellation_email(locked, user) for user in recipients]
        transaction.on_commit(lambda: [m.send(fail_silently=True) for m in messages])
    return locked


def _cancellation_email(event: Event, user: Any) -> EmailMessage:
    with translation.override(getattr(user, "language", None) or "pl"):
        subject = _("Cancelled: %(title)s") % {"title": event.title}
        body = _(
            'The event "%(title)s" planned for %(when)s is cancelled.\n\n'
            "The organisers' reason:\n%(reason)s\n\n"
            "Your registration is void; there is nothing you need to do."
        ) % {
            "title": event.title,
            "when": date_format(timezone.localtime(event.starts_at), "j E Y, H:i"),
            "reason": event.cancel_reason,
        }
    return EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email]
    )


def register_for_event(*, actor: Any, event: Event) -> EventRegistration:
    ensure(actor, "network.register_for_event", event)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.cancelled:
            raise ValidationError(_("This event is cancelled."), code="cancelled")
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
