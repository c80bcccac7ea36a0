"""The newsletter: subscription with double opt-in, one-click unsubscribe, composing an
issue and sending it in batches."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from wiec.core.access import ensure
from wiec.core.services import record_event
from wiec.network.models import IssueStatus, NewsletterIssue, Subscriber


def normalise_email(email: str) -> str:
    """One spelling per address: no surrounding spaces, the domain in lower case (the
    local part is case-sensitive by the RFC, but every real mailbox treats it as not)."""
    return email.strip().casefold()


def subscribe(*, actor: Any, email: str, language: str, base_url: str) -> Subscriber:
    """Put an address on the list, unconfirmed, and send it a confirmation link.

    An address already confirmed gets nothing (the page says the same either way, so it
    tells no one who is subscribed); one that left or never confirmed gets a new link.
    """
    email = normalise_email(email)
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": _("Enter an e-mail address, for example jan@example.org.")},
            code="invalid_email",
        ) from None
    from wiec.network.newsletter import confirmation_email

    with transaction.atomic():
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(
            email=email, defaults={"language": language[:8]}
        )
        if subscriber.active:
            return subscriber
        if not created:
            subscriber.language = language[:8]
            subscriber.unsubscribed_at = None
            subscriber.confirmed_at = None
            subscriber.save(update_fields=["language", "unsubscribed_at", "confirmed_at"])
        record_event(actor=actor, action="network.subscribe", target=subscriber)
        message = confirmation_email(subscriber, base_url=base_url)
        transaction.on_commit(message.send)
    return subscriber


def confirm_subscription(*, actor: Any, subscriber: Subscriber) -> Subscriber:
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.confirmed_at is None or subscriber.unsubscribed_at is not None:
            subscriber.confirmed_at = timezone.now()
            subscriber.unsubscribed_at = None
            subscriber.save(update_fields=["confirmed_at", "unsubscribed_at"])
            record_event(actor=actor, action="network.confirm_subscription", target=subscriber)
    return subscriber


def unsubscribe(*, actor: Any, subscriber: Subscriber) -> Subscriber:
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.unsubscribed_at is None:
            subscriber.unsubscribed_at = timezone.now()
            subscriber.save(update_fields=["unsubscribed_at"])
            record_event(actor=actor, action="network.unsubscribe", target=subscriber)
    return subscriber


def compose_issue(
    *,
    actor: Any,
    title: str,
    introduction: str,
    news: list[Any],
    practices: list[Any],
    events: list[Any],
    issue: NewsletterIssue | None = None,
) -> NewsletterIssue:
    """Create or change a draft issue from the network's news, practices and events."""
    ensure(actor, "network.compose_newsletter")
    if issue is not None and issue.status != IssueStatus.DRAFT:
        raise ValidationError(_("An issue already sent cannot be changed."), code="sent")
    if any(p.status != "published" for p in practices):
        raise ValidationError(
            {"practices": _("Only published practices can go into the newsletter.")},
            code="unpublished",
        )
    with transaction.atomic():
        if issue is None:
            number = (NewsletterIssue.objects.aggregate(n=Max("number"))["n"] or 0) + 1
            issue = NewsletterIssue(number=number)
        issue.title = title.strip()[:200]
        issue.introduction = introduction.strip()
        issue.save()
        issue.news.set(news)
        issue.practices.set(practices)
        issue.events.set(events)
        record_event(actor=actor, action="network.compose_issue", target=issue)
    return issue


def send_issue(*, actor: Any, issue: NewsletterIssue, base_url: str) -> NewsletterIssue:
    """Start sending a draft to every confirmed subscriber, in background batches."""
    ensure(actor, "network.send_newsletter")
    from wiec.network.tasks import send_issue_batch

    with transaction.atomic():
        issue = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
        if issue.status != IssueStatus.DRAFT:
            raise ValidationError(_("This issue is already being sent."), code="not_draft")
        issue.status = IssueStatus.SENDING
        issue.recipients_total = Subscriber.objects.filter(
            confirmed_at__isnull=False, unsubscribed_at__isnull=True
        ).count()
        issue.recipients_done = 0
        issue.last_subscriber_id = 0
        issue.save(
            update_fields=["status", "recipients_total", "recipients_done", "last_subscriber_id"]
        )
        record_event(
            actor=actor,
            action="network.send_issue",
            target=issue,
            data={"recipients": issue.recipients_total},
        )
        transaction.on_commit(lambda: send_issue_batch.enqueue(issue.pk, base_url))
    return issue
