"""The incubator: a group saves a draft application and asks for help; a coordinator or
an ambassador comments on it and meets the group; the draft's history keeps every
version and every piece of advice; the group files the draft when it is ready.

The incubator is not in the statute; it is how a city helps residents to meet art. 19c
ustawy o działalności pożytku publicznego i o wolontariacie (a complete application
with the residents' own contribution).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.commons import contributions
from wiec.commons.models import ContributionLedger
from wiec.core.access import ensure
from wiec.core.services import notify, record_event
from wiec.initiatives.models import (
    Advice,
    AdviceKind,
    Application,
    ApplicationStatus,
    Contact,
    DraftVersion,
    InitiativePool,
)
from wiec.initiatives.services.local import Draft, check_draft

#: The city's promise: a draft that asked for help gets advice within this many days.
ADVICE_DAYS = 14

DRAFT_FIELDS = (
    "group",
    "title",
    "area",
    "description",
    "place",
    "justification",
    "schedule",
    "total_grosze",
    "latitude",
    "longitude",
)


def _not_draft() -> ValidationError:
    return ValidationError(
        _("This application has been filed already; it is no longer a draft."), code="not_draft"
    )


def snapshot(application: Application) -> dict[str, Any]:
    fields = {name: getattr(application, name) for name in DRAFT_FIELDS}
    lines = [
        {
            "party": row.party,
            "kind": row.kind,
            "description": row.description,
            "hours": row.hours,
            "value_grosze": row.value_grosze,
        }
        for row in application.ledger.items.order_by("position")
    ]
    return {"fields": fields, "lines": lines}


@transaction.atomic
def save_draft(
    *,
    actor: Any,
    pool: InitiativePool,
    draft: Draft,
    items: Sequence[contributions.Item],
    application: Application | None = None,
) -> Application:
    """Save the group's draft, new or changed, as the next version in its history.

    A draft need not add up yet; each contribution line must still be complete (work
    with hours, money with an amount), so the advisers read real figures.
    """
    if application is None:
        ensure(
            actor,
            "initiatives.apply",
            refusal=_("Only verified residents may apply for a local initiative."),
        )
        ledger = ContributionLedger.objects.create(
            city=pool.city, work_rate_grosze=pool.work_rate_grosze
        )
        application = Application(
            city=pool.city,
            pool=pool,
            ledger=ledger,
            applicant=actor,
            status=ApplicationStatus.DRAFT,
        )
    else:
        ensure(actor, "initiatives.edit_draft", application)
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status != ApplicationStatus.DRAFT:
            raise _not_draft()
    if draft.area not in pool.areas:
        raise ValidationError(
            {"area": _("The council's resolution does not allow this area.")}, code="area"
        )
    for name, value in draft.__dict__.items():
        setattr(application, name, value)
    application.full_clean(exclude=["ledger", "applicant", "pool", "city"])
    application.save()
    contributions.replace(application.ledger, items)
    number = (
        application.draft_versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    DraftVersion.objects.create(
        application=application, number=number, content=snapshot(application), author=actor
    )
    record_event(
        actor=actor,
        action="initiatives.draft_saved",
        target=application,
        data={"version": number},
    )
    return application


@transaction.atomic
def ask_for_help(*, actor: Any, application: Application) -> Application:
    """The group asks the coordinators and ambassadors to look at its draft; the office
    inbox holds it until someone advises."""
    ensure(actor, "initiatives.edit_draft", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.DRAFT:
        raise _not_draft()
    application.help_requested_at = timezone.now()
    application.save(update_fields=["help_requested_at"])
    record_event(actor=actor, action="initiatives.help_requested", target=application)
    advisers = Contact.objects.filter(city_id=application.city_id, user__isnull=False)
    for contact in advisers.select_related("user"):
        notify(
            recipient=contact.user,
            kind="initiative_advice",
            subject=_("A group asks for help with its draft local initiative"),
            body=_("%(group)s: %(title)s")
            % {"group": application.group, "title": application.title},
            url=reverse("initiatives:draft", args=[application.pk]),
            city=application.city,
        )
    return application


def _adviser_name(actor: Any, application: Application) -> str:
    contact = Contact.objects.filter(city_id=application.city_id, user=actor).first()
    if contact is not None:
        return f"{contact.name} ({contact.get_role_display()})"
    return getattr(actor, "display_name", "") or str(actor)


@transaction.atomic
def give_advice(
    *,
    actor: Any,
    application: Application,
    kind: str,
    text: str,
    met_on: datetime.date | None = None,
    meeting_place: str = "",
) -> Advice:
    """A coordinator's or an ambassador's comment on the draft, or the record of a
    meeting with the group (its date, place and what was agreed); the group is told."""
    ensure(actor, "initiatives.advise", application)
    if application.status != ApplicationStatus.DRAFT:
        raise _not_draft()
    text, meeting_place = (text or "").strip(), (meeting_place or "").strip()
    if kind not in AdviceKind.values:
        raise ValidationError({"kind": _("Choose a comment or a meeting.")}, code="kind")
    if not text:
        raise ValidationError({"text": _("Write the advice.")}, code="text_required")
    if kind == AdviceKind.MEETING:
        errors = {}
        if met_on is None:
            errors["met_on"] = _("Give the date of the meeting.")
        elif met_on > timezone.localdate():
            errors["met_on"] = _("Record a meeting once it has taken place.")
        if not meeting_place:
            errors["meeting_place"] = _("Give the place of the meeting.")
        if errors:
            raise ValidationError(errors, code="meeting_incomplete")
    else:
        met_on, meeting_place = None, ""
    version = application.draft_versions.order_by("-number").first()
    advice = Advice.objects.create(
        application=application,
        kind=kind,
        text=text,
        met_on=met_on,
        meeting_place=meeting_place[:200],
        on_version=version.number if version else None,
        author=actor,
        author_name=_adviser_name(actor, application)[:150],
    )
    record_event(
        actor=actor,
        action="initiatives.advice_given",
        target=application,
        data={"kind": kind},
    )
    if application.applicant is not None:
        notify(
            recipient=application.applicant,
            kind="initiative_advice",
            subject=_("Advice on your draft local initiative"),
            body=_("%(adviser)s: %(text)s") % {"adviser": advice.author_name, "text": text},
            url=application.get_absolute_url(),
            city=application.city,
        )
    return advice


@transaction.atomic
def file_draft(*, actor: Any, application: Application) -> Application:
    """File the draft as the application; the same checks as a form filed at once."""
    ensure(actor, "initiatives.edit_draft", application)
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("pool", "ledger")
        .get(pk=application.pk)
    )
    if application.status != ApplicationStatus.DRAFT:
        raise _not_draft()
    items = [
        contributions.Item(
            party=row.party,
            kind=row.kind,
            description=row.description,
            hours=row.hours,
            value_grosze=row.value_grosze,
        )
        for row in application.ledger.items.order_by("position")
    ]
    draft = Draft(**{name: getattr(application, name) for name in DRAFT_FIELDS})
    check_draft(application.pool, draft, items)
    application.status = ApplicationStatus.SUBMITTED
    application.created_at = timezone.now()
    application.save(update_fields=["status", "created_at"])
    record_event(actor=actor, action="initiatives.application_submitted", target=application)
    return application


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a draft's history: a saved version or a piece of advice."""

    when: datetime.datetime
    version: DraftVersion | None = None
    advice: Advice | None = None


def history(application: Application) -> list[HistoryEntry]:
    """Every version and every piece of advice, oldest first."""
    entries = [HistoryEntry(v.created_at, version=v) for v in application.draft_versions.all()]
    entries += [HistoryEntry(a.created_at, advice=a) for a in application.advice.all()]
    return sorted(entries, key=lambda e: (e.when, 0 if e.version else 1))


def waiting_for_advice(city: Any):
    """Drafts of the city whose group asked for help and got none since."""
    from django.db.models import Exists, OuterRef

    later = Advice.objects.filter(
        application=OuterRef("pk"), created_at__gte=OuterRef("help_requested_at")
    )
    return Application.objects.filter(
        city=city, status=ApplicationStatus.DRAFT, help_requested_at__isnull=False
    ).filter(~Exists(later))
