"""Advice requests: a municipality's team asks the foundation, the thread answers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wiec.budgets.holidays import add_working_days
from wiec.core.access import ensure
from wiec.core.services import notify, record_event
from wiec.network.models import ADVICE_DAYS, AdviceMessage, AdviceRequest, AdviceStatus


def _working_days_after(start, days: int):
    return add_working_days(start, days)


def ask_advice(*, actor: Any, city: Any, subject: str, stage: str, text: str) -> AdviceRequest:
    ensure(actor, "network.ask_advice", city)
    if not text.strip():
        raise ValidationError({"text": _("Describe what you need advice on.")}, code="empty")
    with transaction.atomic():
        request = AdviceRequest.objects.create(
            city=city,
            author=actor,
            subject=subject.strip()[:200],
            stage=stage,
            due_on=_working_days_after(timezone.localdate(), ADVICE_DAYS),
        )
        AdviceMessage.objects.create(request=request, author=actor, text=text.strip()[:10000])
        record_event(actor=actor, action="network.ask_advice", target=request)
    return request


def reply_advice(*, actor: Any, request: AdviceRequest, text: str) -> AdviceMessage:
    """Add to the thread: the foundation's answer, or the municipality's follow-up."""
    ensure(actor, "network.reply_advice", request)
    if not text.strip():
        raise ValidationError({"text": _("Write the message first.")}, code="empty")
    if request.status == AdviceStatus.CLOSED:
        raise ValidationError(_("This request is closed."), code="closed")
    from_foundation = actor.has_perm("network.answer_advice", request) and not actor.has_perm(
        "network.ask_advice", request.city
    )
    with transaction.atomic():
        message = AdviceMessage.objects.create(
            request=request,
            author=actor,
            text=text.strip()[:10000],
            from_foundation=from_foundation,
        )
        request.status = AdviceStatus.ANSWERED if from_foundation else AdviceStatus.OPEN
        request.save(update_fields=["status"])
        record_event(
            actor=actor,
            action="network.answer_advice" if from_foundation else "network.reply_advice",
            target=request,
        )
        if from_foundation and request.author is not None:
            notify(
                recipient=request.author,
                subject=_("The foundation answered: %(subject)s") % {"subject": request.subject},
                url=request.get_absolute_url(),
                kind="status",
            )
    return message


def close_advice(*, actor: Any, request: AdviceRequest) -> AdviceRequest:
    ensure(actor, "network.reply_advice", request)
    with transaction.atomic():
        request.status = AdviceStatus.CLOSED
        request.save(update_fields=["status"])
        record_event(actor=actor, action="network.close_advice", target=request)
    return request
