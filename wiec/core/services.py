"""State changes of the platform itself: audit events and notifications.

Other apps call ``record_event`` from inside their own service transaction, so the
audit row is written (or rolled back) together with the change it records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import get_script_prefix
from django.utils import timezone, translation

from wiec.core.models import AuditEvent, EmailDelivery, Notification
from wiec.core.predicates import object_city_id


def _label(obj: Any) -> str:
    return str(obj)[:300] if obj is not None else ""


def save_unique(
    instance: models.Model,
    *,
    field: str,
    taken: Any,
    scope: models.QuerySet,
    update_fields: list[str] | None = None,
) -> None:
    """Save ``instance`` whose ``field`` must be unique within ``scope``; a value already
    taken is a ``ValidationError`` on that field, never an ``IntegrityError``.

    The look-up answers the usual case with a clear message; the savepoint catches the
    race of two saves at once, which the database's unique constraint decides.
    """
    value = getattr(instance, field)
    others = scope.filter(**{field: value})
    if instance.pk is not None:
        others = others.exclude(pk=instance.pk)
    if others.exists():
        raise ValidationError({field: ValidationError(taken, code="taken")})
    try:
        with transaction.atomic():
            instance.save(update_fields=update_fields)
    except IntegrityError:
        if not scope.filter(**{field: value}).exclude(pk=instance.pk).exists():
            raise
        raise ValidationError({field: ValidationError(taken, code="taken")}) from None


def record_event(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    city: Any = None,
) -> AuditEvent:
    """Append one privileged action to the audit log.

    A person, as actor or as target, is stored by reference only, never by name or
    e-mail: the log shows them from their account when it is read, and a deleted
    account as its pseudonym (``AuditEvent.who``, RODO art. 17). The event belongs
    to ``city`` when given (a role granted in a municipality), else to its object's.
    """
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    is_person = target is not None and target._meta.label == settings.AUTH_USER_MODEL
    return AuditEvent.objects.create(
        city_id=city.pk if city is not None else _city_of_event(target, is_person),
        actor=actor_obj,
        actor_label="" if actor_obj is not None else "system",
        action=action,
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label="" if is_person else _label(target),
        data=data or {},
    )


def _city_of_event(target: models.Model | None, is_person: bool) -> int | None:
    """The municipality an event belongs to: its object's, else the one the action was
    taken in (a person's account belongs to none, so theirs is the request's)."""
    from wiec.places.selectors import current_city

    found = None if target is None or is_person else object_city_id(target)
    if found is not None:
        return found
    city = current_city()
    return city.pk if city is not None else None


def forget_person_in_audit_log(
    *, actor: Any, person: Any, records: Mapping[str, Iterable[Any]] | None = None
) -> int:
    """Blank every audit label naming ``person``, whose account is deleted.

    ``records`` names the person's own records whose label is their name (target
    type to ids, e.g. their declarations of residence, already erased). The events
    stay; the log shows the person as a stable pseudonym from now on. Called inside
    the deletion's transaction; the count goes into that audit event.
    """
    blanked = AuditEvent.objects.forget_labels_of(person)
    for target_type, ids in (records or {}).items():
        blanked += AuditEvent.objects.forget_object_labels(person, target_type, ids)
    return blanked


def notify(
    *,
    recipient: Any,
    subject: Any,
    body: Any = "",
    url: str = "",
    kind: str = "general",
    city: Any = None,
) -> Notification:
    """Tell one user something, in their own language, in the app and maybe by e-mail.

    ``subject`` and ``body`` may be lazy translations; they are rendered in the
    recipient's language now, so the stored text reads the same later. A person who
    wants this ``kind`` by e-mail at once gets it now; one who wants summaries gets it
    in the next one (``manage.py send_digests``). The notification is about ``city``,
    by default the current municipality: its link and e-mail sender are that one's.
    """
    from wiec.places.selectors import current_city

    # The link is kept as a path within its municipality's site, without the path
    # form's ``/g/<slug>`` prefix: the site or the e-mail adds the right address.
    prefix = get_script_prefix()
    if url.startswith(prefix) and prefix != "/":
        url = "/" + url[len(prefix) :]
    with translation.override(getattr(recipient, "language", None) or "pl"):
        notification = Notification.objects.create(
            recipient=recipient,
            city=city or current_city(),
            kind=kind,
            subject=str(subject)[:200],
            body=str(body),
            url=url,
        )
    wants_now = getattr(recipient, "email_delivery", None) == EmailDelivery.IMMEDIATELY
    if wants_now and recipient.wants_email(kind) and recipient.email:
        from wiec.core.tasks import send_notification_email

        transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk))
    return notification


def mark_notifications_read(*, actor: Any, ids: list[int] | None = None) -> int:
    """Mark the actor's notifications read (all, or the given ones)."""
    queryset = Notification.objects.filter(recipient=actor).unread()
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    return queryset.update(read_at=timezone.now())
