"""Changes to the accessibility statement and requests."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.accessibility.models import AccessibilityRequest, AccessibilityRequestStatus
from wiec.core.services import record_event

MAX_EXTENSION = datetime.timedelta(days=61)


@transaction.atomic
def file_accessibility_request(*, actor: Any, city: Any, **fields: Any) -> AccessibilityRequest:
    request = AccessibilityRequest(city=city, **fields)
    request.full_clean(exclude=["deadline", "city"])
    request.save()
    return request


@transaction.atomic
def answer_accessibility_request(
    *,
    actor: Any,
    request: AccessibilityRequest,
    status: str,
    response: str,
    new_deadline: datetime.date | None = None,
) -> AccessibilityRequest:
    """Answer, refuse with an alternative, or extend the deadline (at most 2 months)."""
    if not response.strip():
        raise ValidationError(_("Write the response to the requester."), code="response_required")
    if status == AccessibilityRequestStatus.EXTENDED:
        if new_deadline is None:
            raise ValidationError(_("Give the new deadline."), code="deadline_required")
        limit = timezone.localtime(request.created_at).date() + MAX_EXTENSION
        if new_deadline > limit:
            raise ValidationError(
                _("The deadline may be extended to at most 2 months from the request."),
                code="deadline_too_late",
            )
        request.deadline = timezone.make_aware(
            datetime.datetime.combine(new_deadline, datetime.time(23, 59))
        )
    else:
        request.answered_at = timezone.now()
        request.answered_by = actor
    request.status = status
    request.response = response.strip()
    request.save(update_fields=["status", "response", "answered_at", "answered_by", "deadline"])
    record_event(
        actor=actor,
        action="accessibility.request_answered",
        target=request,
        data={"status": status},
    )
    return request
