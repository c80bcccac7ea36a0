"""The report on a consultation, and the participants' evaluation after it."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.consultations.models import (
    Consultation,
    ConsultationReport,
    Evaluation,
    EvaluationInvitation,
    Remark,
)
from wiec.consultations.selectors import commenter_ids, participant_ids
from wiec.consultations.services.common import lazy_format
from wiec.core.access import ensure
from wiec.core.services import notify, record_event


@transaction.atomic
def publish_report(
    *, actor: Any, consultation: Consultation, conclusions: str
) -> ConsultationReport:
    """Publish the report once every remark has a response, and tell every commenter."""
    ensure(
        actor,
        "consultations.publish_report",
        consultation,
        refusal=_("The report can be published after the consultation ends."),
    )
    if hasattr(consultation, "report"):
        raise ValidationError(_("The report is already published."), code="published")
    unanswered = Remark.objects.filter(consultation=consultation).visible().unanswered().count()
    if unanswered:
        raise ValidationError(
            _("Every remark needs a response first; %(count)s still have none."),
            code="unanswered",
            params={"count": unanswered},
        )
    if not (conclusions or "").strip():
        raise ValidationError(_("Write the office's conclusions."), code="conclusions")
    report = ConsultationReport.objects.create(
        consultation=consultation, conclusions=conclusions.strip(), published_by=actor
    )
    record_event(actor=actor, action="consultations.report_published", target=consultation)
    from wiec.accounts.models import User

    for user in User.objects.filter(pk__in=commenter_ids(consultation), is_active=True):
        notify(
            recipient=user,
            kind="status",
            subject=lazy_format(
                _("The consultation report is published: %(title)s"), title=consultation.title
            ),
            body=_(
                "The office has answered every remark, including yours. You can also tell "
                "us how the consultation went."
            ),
            url=consultation.get_absolute_url() + "raport/",
        )
    invite_to_evaluation(actor=actor, consultation=consultation)
    return report


EVALUATION_WINDOW_DAYS = 30
"""Consultations that ended longer ago than this are not swept for invitations."""


@transaction.atomic
def invite_to_evaluation(*, actor: Any, consultation: Consultation) -> int:
    """Invite every participant (commented, answered a survey, registered for a
    meeting) to evaluate the ended consultation, each person once; returns how many
    were invited now.  ``actor`` is ``None`` when the daily sweep sends them."""
    if actor is not None:
        ensure(actor, "consultations.manage_consultation", consultation)
    if not consultation.is_finished:
        return 0
    from wiec.accounts.models import User

    done = set(
        EvaluationInvitation.objects.filter(consultation=consultation).values_list(
            "user_id", flat=True
        )
    ) | set(
        Evaluation.objects.filter(consultation=consultation, user__isnull=False).values_list(
            "user_id", flat=True
        )
    )
    invited = 0
    for user in User.objects.filter(pk__in=participant_ids(consultation) - done, is_active=True):
        try:
            with transaction.atomic():
                EvaluationInvitation.objects.create(consultation=consultation, user=user)
        except IntegrityError:
            continue  # a concurrent sweep invited them first
        notify(
            recipient=user,
            kind="status",
            subject=lazy_format(
                _("How did the consultation go? %(title)s"), title=consultation.title
            ),
            body=_(
                "You took part in this consultation. Two short questions tell the city "
                "whether the information was clear and whether you felt heard."
            ),
            url=reverse("consultations:evaluate", kwargs={"slug": consultation.slug}),
            city=consultation.city,
        )
        invited += 1
    if invited:
        record_event(
            actor=actor,
            action="consultations.evaluation_invited",
            target=consultation,
            data={"invited": invited},
        )
    return invited


def invite_ended_consultations(today: datetime.date | None = None) -> int:
    """The daily sweep: invite the participants of consultations that have ended."""
    today = today or timezone.localdate()
    recent = Consultation.objects.finished(today).filter(
        ends_on__gte=today - datetime.timedelta(days=EVALUATION_WINDOW_DAYS)
    )
    return sum(invite_to_evaluation(actor=None, consultation=c) for c in recent)


@transaction.atomic
def submit_evaluation(
    *,
    actor: Any,
    consultation: Consultation,
    information_clear: int,
    felt_heard: int,
    comment: str = "",
) -> Evaluation:
    if not consultation.is_finished:
        raise ValidationError(
            _("The evaluation opens when the consultation ends."), code="not_finished"
        )
    if actor.pk not in participant_ids(consultation):
        raise ValidationError(
            _("Only people who took part can evaluate the consultation."), code="not_participant"
        )
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(
                consultation=consultation,
                user=actor,
                information_clear=information_clear,
                felt_heard=felt_heard,
                comment=(comment or "").strip(),
            )
    except IntegrityError as error:
        raise ValidationError(
            _("You have already evaluated this consultation."), code="already"
        ) from error
    record_event(actor=actor, action="consultations.evaluated", target=consultation)
    return evaluation
