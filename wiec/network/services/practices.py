"""Good practices: a member writes one, submits it, a network editor publishes it or
returns it with a comment."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wiec.core.access import ensure
from wiec.core.services import notify, record_event
from wiec.network.models import Practice, PracticeStatus

FIELDS = (
    "city",
    "title",
    "problem",
    "method",
    "participants",
    "outcome",
    "lessons",
    "contact",
    "document",
    "process",
)


def _check_process(practice: Practice) -> None:
    if practice.process_id and practice.process.city_id != practice.city_id:
        raise ValidationError(
            {"process": _("Choose a process of the same municipality as the practice.")},
            code="other_municipality",
        )


def create_practice(*, actor: Any, data: dict[str, Any]) -> Practice:
    ensure(actor, "network.add_practice")
    practice = Practice(author=actor, **{k: data[k] for k in FIELDS if k in data})
    _check_process(practice)
    with transaction.atomic():
        practice.save()
        record_event(actor=actor, action="network.create_practice", target=practice)
    return practice


def change_practice(*, actor: Any, practice: Practice, data: dict[str, Any]) -> Practice:
    ensure(actor, "network.change_practice", practice)
    changed = [k for k in FIELDS if k in data]
    for name in changed:
        setattr(practice, name, data[name])
    _check_process(practice)
    with transaction.atomic():
        practice.save(update_fields=changed)
        record_event(actor=actor, action="network.change_practice", target=practice)
    return practice


def submit_practice(*, actor: Any, practice: Practice) -> Practice:
    """Send the practice to the network's editors for review."""
    ensure(actor, "network.submit_practice", practice)
    with transaction.atomic():
        practice.status = PracticeStatus.SUBMITTED
        practice.submitted_at = timezone.now()
        practice.save(update_fields=["status", "submitted_at"])
        record_event(actor=actor, action="network.submit_practice", target=practice)
    return practice


def publish_practice(*, actor: Any, practice: Practice) -> Practice:
    ensure(actor, "network.review_practice", practice)
    with transaction.atomic():
        practice.status = PracticeStatus.PUBLISHED
        practice.published_at = timezone.now()
        practice.review_comment = ""
        practice.save(update_fields=["status", "published_at", "review_comment"])
        record_event(actor=actor, action="network.publish_practice", target=practice)
        if practice.author is not None:
            notify(
                recipient=practice.author,
                subject=_("Your good practice is published: %(title)s") % {"title": practice},
                url=practice.get_absolute_url(),
                kind="status",
            )
    return practice


def return_practice(*, actor: Any, practice: Practice, comment: str) -> Practice:
    """Send the practice back to its author with what to change."""
    ensure(actor, "network.review_practice", practice)
    comment = comment.strip()
    if not comment:
        raise ValidationError(
            {"comment": _("Tell the author what to change.")}, code="comment_required"
        )
    with transaction.atomic():
        practice.status = PracticeStatus.RETURNED
        practice.review_comment = comment[:3000]
        practice.save(update_fields=["status", "review_comment"])
        record_event(actor=actor, action="network.return_practice", target=practice)
        if practice.author is not None:
            notify(
                recipient=practice.author,
                subject=_("Your good practice needs changes: %(title)s") % {"title": practice},
                body=practice.review_comment,
                url=practice.get_absolute_url(),
                kind="status",
            )
    return practice
