"""Every change to a commitment: made here, in one transaction, by an actor, audited."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.commitments.models import (
    Acceptance,
    Assessment,
    Commitment,
    CommitmentFollow,
    CommitmentSource,
    CommitmentStatus,
    CommitmentUpdate,
    MonitoringQuestion,
    Oversight,
    Verdict,
)
from wiec.core.access import ensure
from wiec.core.services import notify, record_event

NOTIFICATION_KIND = "commitments"


def answer_days() -> int:
    """Days the owner has to answer a monitoring panel's question (a setting, default 14)."""
    return int(getattr(settings, "WIEC_COMMITMENT_ANSWER_DAYS", 14))


def answer_due() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=answer_days())


@transaction.atomic
def create_commitment(
    *,
    actor: Any,
    city: Any,
    title: str,
    tool: str = CommitmentSource.OTHER,
    source: Any = None,
    description: str = "",
    process_title: str = "",
    source_url: str = "",
    owner_unit: str = "",
    planned_on: datetime.date | None = None,
    year: int | None = None,
    district: Any = None,
    money_planned: int | None = None,
) -> Commitment:
    """A commitment a tool without a signal of its own makes (a strategy's task, a local
    initiative's agreement) or the office records by hand."""
    if actor is not None:
        ensure(actor, "commitments.manage_commitment", None)
    if not (title or "").strip():
        raise ValidationError({"title": _("Say what the city promised.")}, code="title")
    if tool not in CommitmentSource.values:
        raise ValidationError({"tool": _("Choose where the promise comes from.")}, code="tool")
    if money_planned is not None and money_planned < 0:
        raise ValidationError({"money_planned": _("The amount cannot be negative.")}, code="money")
    commitment = Commitment(
        city=city,
        tool=tool,
        title=title.strip()[:300],
        description=description,
        process_title=process_title,
        source_url=source_url,
        owner_unit=owner_unit.strip(),
        planned_on=planned_on,
        year=year or timezone.localdate().year,
        district=district,
        money_planned=money_planned,
        acceptance=Acceptance.FULL,
    )
    if source is not None:
        commitment.source = source
    commitment.save()
    record_event(actor=actor, action="commitments.created", target=commitment, data={"tool": tool})
    return commitment


@transaction.atomic
def plan_commitment(
    *,
    actor: Any,
    commitment: Commitment,
    owner_unit: str,
    planned_on: datetime.date | None,
    money_planned: int | None,
    acceptance: str,
) -> Commitment:
    """The owner unit, the planned date, the money and how fully it was accepted."""
    ensure(actor, "commitments.manage_commitment", commitment)
    if money_planned is not None and money_planned < 0:
        raise ValidationError({"money_planned": _("The amount cannot be negative.")}, code="money")
    if acceptance not in Acceptance.values:
        raise ValidationError({"acceptance": _("Choose how it was accepted.")}, code="acceptance")
    commitment.owner_unit = (owner_unit or "").strip()[:200]
    commitment.planned_on = planned_on
    commitment.money_planned = money_planned
    commitment.acceptance = acceptance
    commitment.updated_at = timezone.now()
    commitment.save(
        update_fields=["owner_unit", "planned_on", "money_planned", "acceptance", "updated_at"]
    )
    record_event(
        actor=actor,
        action="commitments.planned",
        target=commitment,
        data={"owner": commitment.owner_unit, "planned_on": str(planned_on or "")},
    )
    return commitment


@transaction.atomic
def add_update(
    *,
    actor: Any,
    commitment: Commitment,
    status: str,
    text: str,
    day: datetime.date | None = None,
    photo: Any = None,
    document: Any = None,
    link: str = "",
    money_spent: int | None = None,
) -> CommitmentUpdate:
    """A dated account of progress with its evidence; abandoning needs the reason as text.

    Everyone who took part in the source process, and every follower, is told.
    """
    ensure(actor, "commitments.manage_commitment", commitment)
    from wiec.budgets.validators import validate_document, validate_image

    errors: dict[str, Any] = {}
    if status not in CommitmentStatus.values:
        errors["status"] = ValidationError(_("Choose a status."), code="status")
    if not (text or "").strip():
        errors["text"] = ValidationError(
            _("Say what happened (for an abandoned commitment: why)."), code="text"
        )
    if money_spent is not None and money_spent < 0:
        errors["money_spent"] = ValidationError(_("The amount cannot be negative."), code="money")
    day = day or timezone.localdate()
    if day > timezone.localdate():
        errors["day"] = ValidationError(_("The date cannot be in the future."), code="future")
    for name, upload, check in (
        ("photo", photo, validate_image),
        ("document", document, validate_document),
    ):
        if upload is not None:
            try:
                check(upload)
            except ValidationError as error:
                errors[name] = error
    if errors:
        raise ValidationError(errors)
    update = CommitmentUpdate.objects.create(
        commitment=commitment,
        day=day,
        status=status,
        text=text.strip(),
        photo=photo or "",
        document=document or "",
        link=(link or "").strip(),
        money_spent=money_spent,
        author=actor,
    )
    commitment.status = status
    commitment.abandoned_reason = text.strip() if status == CommitmentStatus.ABANDONED else ""
    fields = ["status", "abandoned_reason", "updated_at"]
    if money_spent is not None:
        commitment.money_spent = money_spent
        fields.append("money_spent")
    commitment.updated_at = timezone.now()
    commitment.save(update_fields=fields)
    record_event(
        actor=actor, action="commitments.updated", target=commitment, data={"status": status}
    )
    transaction.on_commit(lambda: notify_update(update))
    return update


def notify_update(update: CommitmentUpdate) -> int:
    """Tell the source's participants and the followers; returns how many were told."""
    from wiec.accounts.models import User
    from wiec.commitments.sources import participants

    commitment = update.commitment
    told = 0
    recipients = User.objects.filter(pk__in=participants(commitment), is_active=True)
    for user in recipients.exclude(pk=update.author_id or 0):
        notify(
            recipient=user,
            kind=NOTIFICATION_KIND,
            subject=_lazy_format(_("News on what the city promised: %(title)s"), commitment.title),
            body=f"{update.get_status_display()}: {update.text[:500]}",
            url=update.get_absolute_url(),
        )
        told += 1
    return told


def _lazy_format(template: Any, title: str) -> str:
    return str(template) % {"title": title[:150]}


@transaction.atomic
def follow(*, actor: Any, commitment: Commitment, on: bool = True) -> bool:
    ensure(actor, "commitments.follow", commitment)
    if on:
        try:
            with transaction.atomic():
                CommitmentFollow.objects.create(commitment=commitment, user=actor)
        except IntegrityError:
            pass
    else:
        CommitmentFollow.objects.filter(commitment=commitment, user=actor).delete()
    return on


# The monitoring panel -----------------------------------------------------------------


@transaction.atomic
def oversee(*, actor: Any, panel: Any, commitments: list[Commitment]) -> int:
    """Give the panel the commitments to oversee (those of its own municipality only)."""
    ensure(actor, "commitments.assign_oversight", panel)
    added = 0
    for commitment in commitments:
        if commitment.city_id != panel.city_id:
            raise ValidationError(
                _("A panel oversees only its own municipality's commitments."), code="city"
            )
        _obj, created = Oversight.objects.get_or_create(panel=panel, commitment=commitment)
        added += created
    record_event(
        actor=actor,
        action="commitments.oversight_given",
        target=panel,
        data={"commitments": [c.pk for c in commitments]},
    )
    return added


def _panel_for(actor: Any, commitment: Commitment, panel: Any) -> Any:
    from wiec.commitments.selectors import monitoring_panels_of

    if panel is None:
        ids = monitoring_panels_of(actor, commitment)
        if not ids:
            raise ValidationError(_("Only a monitoring panel's members may do this."), code="panel")
        from wiec.panels.models import CitizensPanel

        return CitizensPanel.objects.get(pk=ids[0])
    return panel


@transaction.atomic
def ask_question(
    *, actor: Any, commitment: Commitment, text: str, panel: Any = None
) -> MonitoringQuestion:
    """A monitoring panelist asks the owner; the answer is due within the set days."""
    ensure(actor, "commitments.ask_question", commitment)
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the question.")}, code="text")
    panel = _panel_for(actor, commitment, panel)
    question = MonitoringQuestion.objects.create(
        commitment=commitment,
        panel=panel,
        text=text.strip(),
        asked_by=actor,
        due_on=answer_due(),
    )
    record_event(actor=actor, action="commitments.question_asked", target=commitment)
    return question


@transaction.atomic
def answer_question(*, actor: Any, question: MonitoringQuestion, answer: str) -> MonitoringQuestion:
    ensure(
        actor,
        "commitments.answer_question",
        question,
        refusal=_("This question is already answered, or it is not yours to answer."),
    )
    if not (answer or "").strip():
        raise ValidationError({"answer": _("Write the answer.")}, code="answer")
    question.answer = answer.strip()
    question.answered_at = timezone.now()
    question.answered_by = actor
    question.save(update_fields=["answer", "answered_at", "answered_by"])
    record_event(actor=actor, action="commitments.question_answered", target=question.commitment)
    if question.asked_by_id and question.asked_by.is_active:
        notify(
            recipient=question.asked_by,
            kind=NOTIFICATION_KIND,
            subject=_lazy_format(
                _("Your question was answered: %(title)s"), question.commitment.title
            ),
            body=question.answer[:500],
            url=question.commitment.get_absolute_url() + f"#question-{question.pk}",
        )
    return question


@transaction.atomic
def publish_assessment(
    *, actor: Any, commitment: Commitment, verdict: str, note: str, panel: Any = None
) -> Assessment:
    """The monitoring panel's own verdict, published beside the city's status."""
    ensure(actor, "commitments.assess", commitment)
    errors = {}
    if verdict not in Verdict.values:
        errors["verdict"] = ValidationError(_("Choose an assessment."), code="verdict")
    if not (note or "").strip():
        errors["note"] = ValidationError(_("Say why."), code="note")
    if errors:
        raise ValidationError(errors)
    panel = _panel_for(actor, commitment, panel)
    assessment = Assessment.objects.create(
        commitment=commitment, panel=panel, verdict=verdict, note=note.strip(), author=actor
    )
    record_event(
        actor=actor, action="commitments.assessed", target=commitment, data={"verdict": verdict}
    )
    return assessment
