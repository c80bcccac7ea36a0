"""Background work of the platform: e-mail goes out through django-tasks.

A notification goes out at once (:func:`send_notification_email`) or, for people who
chose a daily or weekly summary, in one e-mail with everything not yet sent
(:func:`send_digests_batch`, queued by ``manage.py send_digests``). Every e-mail
carries a signed one-click unsubscribe link in its footer and in the
``List-Unsubscribe`` headers (RFC 8058).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from wiec.core.models import EmailDelivery, Notification

logger = logging.getLogger(__name__)

PERIODS = {
    EmailDelivery.DAILY: datetime.timedelta(days=1),
    EmailDelivery.WEEKLY: datetime.timedelta(days=7),
}
# Notifications are looked for a little before the last summary, so one saved in a
# transaction still open while that summary was made is not missed; ``emailed_at``
# keeps those already sent out.
OVERLAP = datetime.timedelta(hours=1)


def _absolute(path: str) -> str:
    return f"{settings.WIEC_SITE_URL.rstrip('/')}{path}"


def _email(recipient: Any, *, subject: str, body: str, kind: str) -> EmailMessage:
    """An e-mail to ``recipient`` with the unsubscribe footer and headers; call it in
    the recipient's language."""
    unsubscribe = _absolute(recipient.unsubscribe_path(kind))
    footer = "\n".join(
        [
            _("You receive this because of your notification settings on %(site)s.")
            % {"site": settings.WIEC_SITE_NAME},
            _("To stop these e-mails, open: %(link)s") % {"link": unsubscribe},
        ]
    )
    return EmailMessage(
        subject=subject,
        body=f"{body}\n\n--\n{footer}",
        to=[recipient.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


@task()
def send_notification_email(notification_id: int) -> None:
    """Send one notification by e-mail, once (a retried task does not send twice)."""
    notification = (
        Notification.objects.select_related("recipient", "city").filter(pk=notification_id).first()
    )
    if notification is None or notification.emailed_at is not None:
        return
    recipient = notification.recipient
    with translation.override(recipient.language or "pl"):
        body = notification.body
        if notification.url:
            body = f"{body}\n\n{notification.absolute_url()}"
        message = _email(recipient, subject=notification.subject, body=body, kind=notification.kind)
        if notification.city is not None and notification.city.email_sender:
            message.from_email = notification.city.email_sender
        message.send()
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())


def start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def digest_due(delivery: str, last: datetime.datetime | None, now: datetime.datetime) -> bool:
    """Whether a person's summary is due: daily once per local day, weekly every 7 days."""
    if delivery not in PERIODS:
        return False
    if last is None:
        return True
    today = timezone.localdate(now)
    if delivery == EmailDelivery.DAILY:
        return timezone.localdate(last) < today
    return timezone.localdate(last) <= today - datetime.timedelta(days=7)


def due_for_digest(now: datetime.datetime) -> Any:
    """Ids of the people whose summary is due (the query form of :func:`digest_due`)."""
    from django.db.models import Q

    today = timezone.localdate(now)
    daily_before = start_of_day(today)
    weekly_before = start_of_day(today - datetime.timedelta(days=6))
    never = Q(last_digest_at__isnull=True)
    return (
        get_user_model()
        .objects.filter(
            Q(email_delivery=EmailDelivery.DAILY) & (never | Q(last_digest_at__lt=daily_before))
            | Q(email_delivery=EmailDelivery.WEEKLY) & (never | Q(last_digest_at__lt=weekly_before))
        )
        .filter(is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@task()
def send_digests_batch(user_ids: list[int]) -> None:
    """Send the summaries of one batch of people; one failure does not stop the rest."""
    for user_id in user_ids:
        try:
            send_digest(user_id)
        except Exception:
            logger.exception(
                "summary e-mail to user %s failed; it is tried again tomorrow", user_id
            )


def send_digest(user_id: int, *, now: datetime.datetime | None = None) -> int:
    """Send one person their summary if due; return how many notifications it listed.

    In one transaction, with the person's row locked: the e-mail goes out and the
    notifications it lists are marked e-mailed, so a second run (or a retried task)
    never sends them again; if sending fails, nothing is marked.
    """
    now = now or timezone.now()
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().filter(pk=user_id).first()
        if user is None or not digest_due(user.email_delivery, user.last_digest_at, now):
            return 0
        since = (user.last_digest_at or now - PERIODS[user.email_delivery]) - OVERLAP
        candidates = (
            Notification.objects.select_for_update(of=("self",))
            .filter(recipient=user, emailed_at__isnull=True, created_at__gt=since)
            .select_related("city")
            .unread()
            .order_by("created_at", "pk")
        )
        pending = [n for n in candidates if user.wants_email(n.kind)]
        if pending:
            with translation.override(user.language or "pl"):
                _digest(user, pending).send()
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
        user.last_digest_at = now
        user.save(update_fields=["last_digest_at"])
    return len(pending)


def _digest(user: Any, notifications: Sequence[Notification]) -> EmailMessage:
    count = len(notifications)
    params = {"count": count, "site": settings.WIEC_SITE_NAME}
    if user.email_delivery == EmailDelivery.WEEKLY:
        subject = ngettext(
            "Your weekly summary: %(count)d new notification on %(site)s",
            "Your weekly summary: %(count)d new notifications on %(site)s",
            count,
        )
    else:
        subject = ngettext(
            "Your daily summary: %(count)d new notification on %(site)s",
            "Your daily summary: %(count)d new notifications on %(site)s",
            count,
        )
    entries = []
    for notification in notifications:
        lines = [f"* {notification.subject}"]
        if notification.body:
            lines.extend(f"  {line}" if line else "" for line in notification.body.splitlines())
        if notification.url:
            lines.append(f"  {notification.absolute_url()}")
        entries.append("\n".join(lines))
    intro = _("What is new for you since your last summary:")
    body = "\n\n".join([intro, *entries])
    return _email(user, subject=subject % params, body=body, kind="all")
