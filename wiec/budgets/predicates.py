"""Predicates of the participatory budget (each returns a ``bool``)."""

from __future__ import annotations

from typing import Any

import rules

from wiec.budgets.models import (
    Appeal,
    AppealStatus,
    CoauthorInvitation,
    Edition,
    InvitationStatus,
    Proposal,
    Status,
    normalise_email,
)


def _proposal(obj: Any) -> Proposal | None:
    if isinstance(obj, Proposal):
        return obj
    proposal = getattr(obj, "proposal", None)
    return proposal if isinstance(proposal, Proposal) else None


@rules.predicate
def is_proposal_author(user: Any, obj: Any) -> bool:
    """The user wrote the proposal (as its author or a co-author)."""
    proposal = _proposal(obj)
    if proposal is None or user is None or not user.is_authenticated:
        return False
    return user.pk in proposal.people_ids()


@rules.predicate
def is_invitee(user: Any, obj: Any) -> bool:
    """The co-author invitation was sent to the user's own e-mail address."""
    if not isinstance(obj, CoauthorInvitation) or user is None or not user.is_authenticated:
        return False
    email = normalise_email(user.email or "")
    return bool(email) and obj.email == email


@rules.predicate
def is_pending_invitation(user: Any, obj: Any) -> bool:
    return isinstance(obj, CoauthorInvitation) and obj.status == InvitationStatus.PENDING


@rules.predicate
def is_public_proposal(user: Any, obj: Any) -> bool:
    proposal = _proposal(obj)
    return proposal is not None and proposal.status != Status.DRAFT


def status_in(*statuses: str) -> rules.Predicate:
    @rules.predicate(name="status_in_" + "_".join(statuses))
    def predicate(user: Any, obj: Any) -> bool:
        proposal = _proposal(obj)
        return proposal is not None and proposal.status in statuses

    return predicate


is_editable = status_in(Status.DRAFT, Status.SUBMITTED)
awaits_verification = status_in(Status.SUBMITTED, Status.IN_VERIFICATION)
awaits_author = status_in(Status.CHANGES_PROPOSED)
is_negative = status_in(Status.NEGATIVE)
is_collecting_support = status_in(Status.SUBMITTED)


@rules.predicate
def is_pending_appeal(user: Any, obj: Any) -> bool:
    return isinstance(obj, Appeal) and obj.status == AppealStatus.PENDING


@rules.predicate
def verified_it(user: Any, obj: Any) -> bool:
    """The user made the formal or merit check that the appeal is against."""
    proposal = _proposal(obj)
    if proposal is None or user is None or not user.is_authenticated:
        return False
    sheet = getattr(proposal, "verification_sheet", None)
    return sheet is not None and user.pk in {sheet.formal_by_id, sheet.merit_by_id}


def _eligible(attribute: str) -> rules.Predicate:
    @rules.predicate(name=f"may_{attribute}")
    def predicate(user: Any, obj: Any) -> bool:
        from wiec.budgets.selectors import eligibility_problem

        edition = obj if isinstance(obj, Edition) else getattr(obj, "edition", None)
        if edition is None:
            return False
        return eligibility_problem(user, edition, getattr(edition, attribute)) is None

    return predicate


may_submit = _eligible("who_may_submit")
may_support = _eligible("who_may_support")


may_vote = _eligible("who_may_vote")


def _edition_of(obj: Any) -> Edition | None:
    if isinstance(obj, Edition):
        return obj
    edition = getattr(obj, "edition", None)
    return edition if isinstance(edition, Edition) else None


@rules.predicate
def is_voting_open(user: Any, obj: Any) -> bool:
    from wiec.budgets.phases import PhaseType

    edition = _edition_of(obj)
    return edition is not None and edition.is_open(PhaseType.VOTING)


@rules.predicate
def results_published(user: Any, obj: Any) -> bool:
    edition = _edition_of(obj)
    return edition is not None and edition.counts.filter(published=True).exists()
