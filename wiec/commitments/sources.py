"""Where commitments come from: each tool's outcome becomes a commitment when it happens.

The tools do not know this app (import-linter keeps them below it); this module listens
to their saves instead. A budget project selected for implementation, a panel
recommendation the city accepted, a remark accepted in a consultation report: each makes
one commitment (one per source record, a database constraint), and what the tool later
records about it (status, cost, a dated update) is carried over. Tools that come later
(local initiatives, strategies) call :func:`wiec.commitments.services.create_commitment`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wiec.commitments.models import (
    Acceptance,
    Commitment,
    CommitmentFollow,
    CommitmentSource,
    CommitmentStatus,
    CommitmentUpdate,
)

#: Who took part in the process a commitment came from, by tool: they hear of updates.
_participants: dict[str, Callable[[Commitment], set[int]]] = {}


def participants(commitment: Commitment) -> set[int]:
    """Accounts to tell about an update: the source's participants and the followers."""
    ids = set(
        CommitmentFollow.objects.filter(commitment=commitment).values_list("user_id", flat=True)
    )
    finder = _participants.get(commitment.tool)
    if finder is not None and commitment.source is not None:
        ids |= finder(commitment)
    return ids


def register_participants(tool: str, finder: Callable[[Commitment], set[int]]) -> None:
    _participants[tool] = finder


def default_planned_on(year: int) -> datetime.date:
    """A promise without a date is due by the end of the following year."""
    return datetime.date(year + 1, 12, 31)


def sync(
    source: Any, *, tool: str, city: Any, defaults: dict[str, Any], keep: set[str]
) -> Commitment:
    """The source's commitment, made if missing; fields in ``keep`` are set only when made
    (the office may change them later: owner, date, planned money)."""
    kind = ContentType.objects.get_for_model(source)
    commitment = Commitment.objects.filter(source_type=kind, source_id=source.pk).first()
    if commitment is None:
        commitment = Commitment.objects.create(
            source_type=kind, source_id=source.pk, tool=tool, city=city, **defaults
        )
        from wiec.core.services import record_event

        record_event(
            actor=None, action="commitments.created", target=commitment, data={"tool": tool}
        )
        return commitment
    changed = [
        name
        for name, value in defaults.items()
        if name not in keep and getattr(commitment, name) != value
    ]
    for name in changed:
        setattr(commitment, name, defaults[name])
    if changed:
        commitment.updated_at = timezone.now()
        commitment.save(update_fields=[*changed, "updated_at"])
    return commitment


def mirror_update(
    commitment: Commitment, *, day: datetime.date, text: str, photo: str = "", author: Any = None
) -> None:
    """Carry a tool's own dated update over, and tell the participants."""
    update = CommitmentUpdate.objects.create(
        commitment=commitment,
        day=day,
        status=commitment.status,
        text=text,
        photo=photo,
        author=author,
        money_spent=commitment.money_spent,
    )
    from wiec.commitments.services import notify_update

    notify_update(update)


def _existing(source: Any) -> Commitment | None:
    kind = ContentType.objects.get_for_model(source)
    return Commitment.objects.filter(source_type=kind, source_id=source.pk).first()


# Participatory budget ---------------------------------------------------------------

BUDGET_STATUS = {
    "planned": CommitmentStatus.PLANNED,
    "in_progress": CommitmentStatus.IN_PROGRESS,
    "done": CommitmentStatus.DONE,
    "abandoned": CommitmentStatus.ABANDONED,
}


def _budget_implementation(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    proposal = instance.proposal
    year = instance.selected_in or timezone.localdate().year
    status = BUDGET_STATUS.get(instance.status, CommitmentStatus.PLANNED)
    defaults = {
        "title": proposal.title[:300],
        "description": proposal.description,
        "process_title": proposal.edition.name,
        "source_url": reverse("budgets:implementation_detail", args=[instance.pk]),
        "district_id": proposal.pool.district_id,
        "year": year,
        "planned_on": default_planned_on(year),
        "status": status,
        "money_planned": proposal.cost,
        "money_spent": instance.actual_cost,
        "latitude": proposal.latitude,
        "longitude": proposal.longitude,
        "acceptance": Acceptance.FULL,
    }
    if status == CommitmentStatus.ABANDONED:
        defaults["abandoned_reason"] = _("The project will not be carried out; see its page.")
    sync(
        instance,
        tool=CommitmentSource.BUDGETS,
        city=proposal.edition.city,
        defaults=defaults,
        keep={"planned_on", "money_planned", "acceptance"},
    )


def _budget_update(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if kwargs.get("raw") or not created:
        return
    commitment = _existing(instance.implementation)
    if commitment is not None:
        transaction.on_commit(
            lambda: mirror_update(
                Commitment.objects.get(pk=commitment.pk),
                day=instance.day,
                text=instance.text,
                photo=instance.photo.name or "",
                author=instance.author,
            )
        )


def _budget_participants(commitment: Commitment) -> set[int]:
    from wiec.budgets.models import Follow as ProposalFollow

    proposal = commitment.source.proposal
    return proposal.people_ids() | set(
        ProposalFollow.objects.filter(proposal=proposal).values_list("user_id", flat=True)
    )


# Citizens' panels -------------------------------------------------------------------

PANEL_STATUS = {
    "planned": CommitmentStatus.PLANNED,
    "in_progress": CommitmentStatus.IN_PROGRESS,
    "done": CommitmentStatus.DONE,
}


def _recommendation(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if kwargs.get("raw") or not instance.response:
        return
    panel = instance.panel
    existing = _existing(instance)
    if instance.implementation_status == "not_implemented":
        if existing is not None and existing.status != CommitmentStatus.ABANDONED:
            existing.status = CommitmentStatus.ABANDONED
            existing.abandoned_reason = instance.response
            existing.updated_at = timezone.now()
            existing.save(update_fields=["status", "abandoned_reason", "updated_at"])
        return
    status = PANEL_STATUS.get(instance.implementation_status)
    if status is None:
        return
    year = timezone.localdate(instance.responded_at or timezone.now()).year
    sync(
        instance,
        tool=CommitmentSource.PANELS,
        city=panel.city,
        defaults={
            "title": instance.title[:300],
            "description": _("%(text)s\n\nThe city responded: %(response)s")
            % {"text": instance.text, "response": instance.response},
            "process_title": panel.topic,
            "source_url": reverse("panels:recommendation", args=[panel.slug, instance.pk]),
            "year": year,
            "planned_on": default_planned_on(year),
            "status": status,
            "acceptance": Acceptance.FULL,
            "abandoned_reason": "",
        },
        keep={"planned_on", "acceptance"},
    )


def _panel_update(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if kwargs.get("raw") or not created:
        return
    recommendation_id = instance.recommendation_id

    def carry() -> None:
        from wiec.panels.models import Recommendation

        commitment = _existing(Recommendation.objects.get(pk=recommendation_id))
        if commitment is not None:
            mirror_update(commitment, day=instance.date, text=instance.note, author=instance.author)

    transaction.on_commit(carry)


def _panel_participants(commitment: Commitment) -> set[int]:
    from wiec.panels.models import Panelist

    return set(
        Panelist.objects.filter(
            panel_id=commitment.source.panel_id, user__isnull=False
        ).values_list("user_id", flat=True)
    )


# Consultations ----------------------------------------------------------------------


def _report(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """A published report: every accepted remark is a change the city promised."""
    if kwargs.get("raw") or not created:
        return
    from wiec.consultations.models import Remark, Response

    consultation = instance.consultation
    year = timezone.localdate(instance.published_at).year
    accepted = Remark.objects.visible().filter(
        consultation=consultation, response__in=[Response.ACCEPTED, Response.PARTLY]
    )
    for remark in accepted:
        sync(
            remark,
            tool=CommitmentSource.CONSULTATIONS,
            city=consultation.city,
            defaults={
                "title": _first_line(remark.justification),
                "description": _("Remark: %(remark)s\n\nThe office answered: %(answer)s")
                % {"remark": remark.text, "answer": remark.justification},
                "process_title": consultation.title,
                "source_url": reverse("consultations:report", args=[consultation.slug]),
                "district_id": consultation.district_id,
                "year": year,
                "planned_on": default_planned_on(year),
                "acceptance": Acceptance.FULL
                if remark.response == Response.ACCEPTED
                else Acceptance.PARTLY,
                "latitude": remark.latitude,
                "longitude": remark.longitude,
            },
            keep={"planned_on"},
        )


def _first_line(text: str, limit: int = 200) -> str:
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else "—"
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _consultation_participants(commitment: Commitment) -> set[int]:
    remark = commitment.source
    return {remark.author_id} if remark.author_id else set()


def _bulk_outcomes(sender: Any, pks: list[int], **kwargs: Any) -> None:
    if sender._meta.label == "budgets.Implementation":
        for item in sender.objects.filter(pk__in=pks).select_related(
            "proposal__edition__city", "proposal__pool"
        ):
            _budget_implementation(sender, item, created=True)


def backfill(city: Any) -> int:
    """Make the commitments of outcomes recorded before this app listened (or in bulk,
    as a pabulib import does); returns how many commitments the city has."""
    from wiec.budgets.models import Implementation
    from wiec.consultations.models import ConsultationReport
    from wiec.panels.models import Recommendation

    implementations = Implementation.objects.filter(proposal__edition__city=city)
    for item in implementations.select_related("proposal__edition__city", "proposal__pool"):
        _budget_implementation(Implementation, item, created=False)
    recommendations = Recommendation.objects.filter(panel__city=city).exclude(response="")
    for rec in recommendations.select_related("panel__city"):
        _recommendation(Recommendation, rec, created=False)
    reports = ConsultationReport.objects.filter(consultation__city=city)
    for report in reports.select_related("consultation__city"):
        _report(ConsultationReport, report, created=True)
    return Commitment.objects.filter(city=city).count()


def connect() -> None:
    from wiec.core.participation import outcomes_recorded

    outcomes_recorded.connect(_bulk_outcomes, dispatch_uid="commitments-bulk")
    post_save.connect(
        _budget_implementation, sender="budgets.Implementation", dispatch_uid="commitments-bi"
    )
    post_save.connect(
        _budget_update, sender="budgets.ImplementationUpdate", dispatch_uid="commitments-bu"
    )
    post_save.connect(
        _recommendation, sender="panels.Recommendation", dispatch_uid="commitments-pr"
    )
    post_save.connect(
        _panel_update, sender="panels.RecommendationUpdate", dispatch_uid="commitments-pu"
    )
    post_save.connect(
        _report, sender="consultations.ConsultationReport", dispatch_uid="commitments-cr"
    )
    register_participants(CommitmentSource.BUDGETS, _budget_participants)
    register_participants(CommitmentSource.PANELS, _panel_participants)
    register_participants(CommitmentSource.CONSULTATIONS, _consultation_participants)
