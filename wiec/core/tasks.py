"""Background work of the platform: e-mail goes out through django-tasks."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from wiec.core.models import Notification


@task()
def send_notification_email(notification_id: int) -> None:
    """Send one notification by e-mail, once (a retried task does not send twice)."""
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None or notification.emailed_at is not None:
        return
    recipient = notification.recipient
    with translation.override(recipient.language or "pl"):
        footer = _("You receive this because of your notification settings on %(site)s.") % {
            "site": settings.WIEC_SITE_NAME
        }
        body = notification.body
        if notification.url:
            body = f"{body}\n\n{settings.WIEC_SITE_URL.rstrip('/')}{notification.url}"
        send_mail(
            subject=notification.subject,
            message=f"{body}\n\n--\n{footer}",
            from_email=None,
            recipient_list=[recipient.email],
        )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
