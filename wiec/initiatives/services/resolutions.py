"""The citizens' resolution initiative: register, collect signatures, check, submit,
record the council's outcome (art. 41a u.s.g.)."""

from __future__ import annotations

import calendar
import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.commons import signatures
from wiec.commons.models import Signature, SupportCollection
from wiec.core.access import ensure
from wiec.core.services import notify, record_event
from wiec.initiatives.models import OUTCOMES, ResolutionInitiative, ResolutionRules, Stage
from wiec.places.models import City


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day if it has no such day."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def rules_of(city: City) -> ResolutionRules | None:
    return ResolutionRules.objects.filter(city=city).first()


@transaction.atomic
def set_rules(*, actor: Any, city: City, **fields: Any) -> ResolutionRules:
    """The city's rules; a threshold below the statute's is refused (art. 41a ust. 3)."""
    ensure(actor, "initiatives.manage")
    rules = rules_of(city) or ResolutionRules(city=city)
    for name, value in fields.items():
        setattr(rules, name, value)
    rules.full_clean(exclude=["city"])
    rules.save()
    record_event(actor=actor, action="initiatives.resolution_rules_set", target=rules)
    return rules


@transaction.atomic
def register(*, actor: Any, city: City, **fields: Any) -> ResolutionInitiative:
    """A committee registers its draft; signatures can be collected from now on."""
    ensure(
        actor,
        "initiatives.register_resolution",
        refusal=_("Only verified residents may register a committee."),
    )
    rules = rules_of(city)
    if rules is None:
        raise ValidationError(
            _("The city has not published the rules of the resolution initiative yet."),
            code="no_rules",
        )
    initiative = ResolutionInitiative(city=city, author=actor, **fields)
    initiative.full_clean(exclude=["city", "collection", "author"])
    initiative.collection = SupportCollection.objects.create(
        city=city,
        title=initiative.title[:300],
        threshold=rules.threshold,
        online_counts=rules.online_counts,
    )
    initiative.save()
    record_event(actor=actor, action="initiatives.resolution_registered", target=initiative)
    return initiative


def _collecting(initiative: ResolutionInitiative) -> None:
    if initiative.stage != Stage.COLLECTING:
        raise ValidationError(
            _("Signatures are no longer collected for this draft."), code="closed"
        )


@transaction.atomic
def support_online(*, actor: Any, initiative: ResolutionInitiative) -> Signature:
    ensure(
        actor,
        "initiatives.support_resolution",
        initiative,
        refusal=_("Log in as a verified resident of the gmina to give your support."),
    )
    _collecting(initiative)
    signature = signatures.sign_online(actor=actor, collection=initiative.collection)
    record_event(actor=actor, action="initiatives.resolution_supported", target=initiative)
    return signature


@transaction.atomic
def enter_paper_signature(
    *, actor: Any, initiative: ResolutionInitiative, **fields: Any
) -> Signature:
    """The committee copies one signature from a scanned paper list; a signer from
    outside the gmina's localities is refused at once with the reason."""
    ensure(actor, "initiatives.enter_signatures", initiative)
    _collecting(initiative)
    signature = signatures.enter_paper(actor=actor, collection=initiative.collection, **fields)
    record_event(
        actor=actor,
        action="initiatives.resolution_signature_entered",
        target=initiative,
        data={"sheet": signature.sheet},
    )
    return signature


@transaction.atomic
def check_signature(
    *, actor: Any, initiative: ResolutionInitiative, signature: Signature, valid: bool, reason: str
) -> Signature:
    """The office checks one signature, with the reason when invalid."""
    ensure(actor, "initiatives.check_signatures", initiative)
    if signature.collection_id != initiative.collection_id:
        raise ValidationError(_("This signature belongs to another draft."), code="other")
    signatures.check(actor=actor, signature=signature, valid=valid, reason=reason)
    record_event(
        actor=actor,
        action="initiatives.resolution_signature_checked",
        target=initiative,
        data={"signature": signature.pk, "valid": valid, "reason": reason},
    )
    return signature


@transaction.atomic
def submit(*, actor: Any, initiative: ResolutionInitiative) -> ResolutionInitiative:
    """Submit the draft once the valid signatures reach the threshold; the council must
    take it up at its next session, no later than three months on (art. 41a ust. 4)."""
    ensure(actor, "initiatives.enter_signatures", initiative)
    initiative = ResolutionInitiative.objects.select_for_update().get(pk=initiative.pk)
    _collecting(initiative)
    tally = signatures.tally(initiative.collection)
    if not tally.reached:
        raise ValidationError(
            _("%(missing)s valid signatures are still missing."),
            code="below_threshold",
            params={"missing": tally.missing},
        )
    now = timezone.now()
    initiative.stage = Stage.SUBMITTED
    initiative.submitted_at = now
    initiative.session_due = add_months(timezone.localdate(now), 3)
    initiative.save(update_fields=["stage", "submitted_at", "session_due"])
    record_event(
        actor=actor,
        action="initiatives.resolution_submitted",
        target=initiative,
        data={"signatures": tally.signatures, "due": initiative.session_due.isoformat()},
    )
    return initiative


@transaction.atomic
def record_outcome(
    *,
    actor: Any,
    initiative: ResolutionInitiative,
    outcome: str,
    session: str,
    vote: str,
    day: datetime.date,
) -> ResolutionInitiative:
    ensure(actor, "initiatives.record_outcome", initiative)
    if initiative.stage != Stage.SUBMITTED:
        raise ValidationError(_("The draft has not been submitted."), code="not_submitted")
    if outcome not in OUTCOMES:
        raise ValidationError(_("Choose the outcome."), code="outcome")
    if not session.strip():
        raise ValidationError({"session": _("Name the session.")}, code="session")
    initiative.stage = outcome
    initiative.outcome_session = session.strip()
    initiative.outcome_vote = vote.strip()
    initiative.outcome_on = day
    initiative.save(update_fields=["stage", "outcome_session", "outcome_vote", "outcome_on"])
    record_event(
        actor=actor,
        action="initiatives.resolution_outcome",
        target=initiative,
        data={"outcome": outcome},
    )
    if initiative.author is not None:
        notify(
            recipient=initiative.author,
            kind="status",
            subject=_("The council has decided on your draft resolution"),
            body=initiative.get_stage_display(),
            url=initiative.get_absolute_url(),
        )
    return initiative
