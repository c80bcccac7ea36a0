"""Background work of the network: the newsletter goes out in batches.

Each batch sends to the next :data:`BATCH_SIZE` confirmed subscribers (by id, after
the last one done), records the progress on the issue and queues the next batch, so
the progress bar moves and a stopped worker resumes where it was.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from wiec.network.models import IssueStatus, NewsletterIssue, Subscriber
from wiec.network.newsletter import issue_content, issue_email

logger = logging.getLogger(__name__)

BATCH_SIZE = 50


@task()
def send_issue_batch(issue_id: int, base_url: str) -> int:
    """Send one batch; returns how many were sent."""
    with transaction.atomic():
        issue = NewsletterIssue.objects.select_for_update().filter(pk=issue_id).first()
        if issue is None or issue.status != IssueStatus.SENDING:
            return 0
        batch = list(
            Subscriber.objects.filter(
                pk__gt=issue.last_subscriber_id,
                confirmed_at__isnull=False,
                unsubscribed_at__isnull=True,
            ).order_by("pk")[:BATCH_SIZE]
        )
        content = issue_content(issue)
        for subscriber in batch:
            try:
                issue_email(issue, subscriber, base_url=base_url, content=content).send()
            except Exception:  # one bad address does not stop the issue
                logger.exception("newsletter %s to subscriber %s failed", issue.pk, subscriber.pk)
        if batch:
            issue.last_subscriber_id = batch[-1].pk
        # Someone who subscribed while it was sending may push the count past the total.
        issue.recipients_done = min(issue.recipients_done + len(batch), issue.recipients_total)
        finished = len(batch) < BATCH_SIZE
        if finished:
            issue.status = IssueStatus.SENT
            issue.sent_at = timezone.now()
            issue.recipients_done = issue.recipients_total
        issue.save(update_fields=["last_subscriber_id", "recipients_done", "status", "sent_at"])
    if not finished:
        transaction.on_commit(lambda: send_issue_batch.enqueue(issue_id, base_url))
    return len(batch)
