"""Every change in the participatory budget: one transaction, one audit event each.

The legal frame is art. 5a u.s.g.: the city's resolution sets the formal
requirements of a proposal, the support it needs (art. 5a ust. 7 pkt 1), the rules
of its verification (pkt 2) and of appeals against not admitting it to the vote
(pkt 3), and the voting rules (pkt 4).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from wiec.accounts.models import User
from wiec.accounts.selectors import identity_key_of
from wiec.accounts.verification import check_email_verified
from wiec.budgets.holidays import add_working_days
from wiec.budgets.models import (
    MAX_POINTS,
    AbuseReport,
    Appeal,
    AppealStatus,
    BallotChoice,
    Category,
    CoauthorInvitation,
    Comment,
    CostItem,
    Edition,
    EditionPhase,
    FileKind,
    Follow,
    InvitationStatus,
    Outcome,
    Pool,
    PoolKind,
    Proposal,
    ProposalFile,
    Status,
    StatusChange,
    SupportList,
    VerificationSheet,
    normalise_email,
)
from wiec.budgets.money import format_pln
from wiec.budgets.phases import PhaseType
from wiec.budgets.selectors import counted_only, support_count
from wiec.budgets.validators import validate_document, validate_image
from wiec.commons import signatures
from wiec.commons.models import SignatureChannel, SignatureStatus
from wiec.core.access import ensure
from wiec.core.services import notify, record_event
from wiec.core.uploads import display_name, shrink_image

STATUS_MESSAGES = {
    Status.SUBMITTED: _("The proposal has been submitted."),
    Status.IN_VERIFICATION: _("The proposal passed the formal check; the merit check follows."),
    Status.POSITIVE: _("The proposal was verified positively."),
    Status.CHANGES_PROPOSED: _(
        "The proposal can go to the vote with changes; the author accepts or rejects them."
    ),
    Status.NEGATIVE: _("The proposal was verified negatively. The author may appeal."),
    Status.APPEALED: _("The author has appealed against the negative outcome."),
    Status.APPEAL_UPHELD: _("The appeal has been upheld."),
    Status.APPEAL_REJECTED: _("The appeal has been rejected."),
    Status.READY: _("The proposal is ready for the vote."),
}


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "j E Y")


def _set_status(proposal: Proposal, new: str, *, actor: Any, note: str = "") -> None:
    """Move a proposal to a new status: history, audit, and a word to everyone concerned."""
    old = proposal.status
    proposal.status = new
    proposal.save(update_fields=["status"])
    StatusChange.objects.create(
        proposal=proposal, old_status=old, new_status=new, note=note, actor=actor
    )
    record_event(
        actor=actor,
        action="budgets.status_changed",
        target=proposal,
        data={"from": old, "to": new},
    )
    people = set(proposal.people_ids())
    followers = set(proposal.follows.values_list("user_id", flat=True))
    message = STATUS_MESSAGES.get(new, "")
    url = proposal.get_absolute_url()
    for user in User.objects.filter(pk__in=people | followers).exclude(
        pk=getattr(actor, "pk", None)
    ):
        notify(
            recipient=user,
            kind="status" if user.pk in people else "followed",
            subject=_("Proposal “%(title)s”: %(status)s")
            % {"title": proposal.title, "status": Status(new).label},
            body=message,
            url=url,
        )


# Configuration -------------------------------------------------------------------


def check_pool(pool: Pool) -> None:
    """The pool's own rules, and the statutory cap on support signatures."""
    pool.full_clean(exclude=["edition"])
    errors: dict[str, list] = {}
    if pool.kind == PoolKind.DISTRICT and pool.district_id is None:
        errors.setdefault("district", []).append(
            ValidationError(_("Choose the district of a district pool."), code="district_needed")
        )
    if pool.kind != PoolKind.DISTRICT and pool.district_id is not None:
        errors.setdefault("district", []).append(
            ValidationError(_("Only a district pool has a district."), code="no_district")
        )
    if pool.amount is not None and pool.amount <= 0:
        errors.setdefault("amount", []).append(
            ValidationError(_("The amount must be more than zero."), code="amount")
        )
    if pool.support_required and pool.edition.support_signatures:
        cap = pool.support_cap
        if pool.support_required > cap:
            errors.setdefault("support_required", []).append(
                ValidationError(
                    _(
                        "The law allows at most %(cap)s signatures here: 0.1%% of "
                        "%(population)s residents, rounded down."
                    ),
                    code="support_over_cap",
                    params={"cap": cap, "population": pool.population or 0},
                )
            )
    if pool.min_choices and pool.max_choices and pool.min_choices > pool.max_choices:
        errors.setdefault("min_choices", []).append(
            ValidationError(
                _("At least %(min)s projects cannot be more than at most %(max)s."),
                code="min_over_max",
                params={"min": pool.min_choices, "max": pool.max_choices},
            )
        )
    if pool.ballot_type == "choose_one" and pool.min_choices and pool.min_choices > 1:
        errors.setdefault("min_choices", []).append(
            ValidationError(
                _("A choose-one ballot marks exactly one project."), code="min_choose_one"
            )
        )
    if pool.ballot_type == "ordinal" and pool.points:
        try:
            points = pool.points_list()
        except ValueError:
            points = None
        if points is None or not all(1 <= p <= MAX_POINTS for p in points):
            errors.setdefault("points", []).append(
                ValidationError(
                    _("Write the points as numbers from 1 to %(max)s, e.g. 3,2,1."),
                    code="points",
                    params={"max": MAX_POINTS},
                )
            )
    if pool.pk and pool.ballot_type == "cumulative" and pool.points_budget:
        most = _most_points_cast(pool)
        if most > pool.points_budget:
            errors.setdefault("points_budget", []).append(
                ValidationError(
                    _(
                        "A ballot already gives %(most)s points in this pool; "
                        "the budget cannot be less."
                    ),
                    code="points_below_cast",
                    params={"most": most},
                )
            )
    if errors:
        raise ValidationError(errors)


def _most_points_cast(pool: Pool) -> int:
    """The most points one ballot already gives in the pool (the database refuses a
    budget below it too: the trigger of migration 0006)."""
    sums = BallotChoice.objects.filter(pool=pool).values("ballot").annotate(points=Sum("points"))
    return sums.aggregate(most=Max("points"))["most"] or 0


@transaction.atomic
def save_pool(*, actor: Any, pool: Pool) -> Pool:
    ensure(actor, "budgets.configure_edition")
    check_pool(pool)
    pool.save()
    record_event(
        actor=actor, action="budgets.pool_saved", target=pool, data={"amount": pool.amount}
    )
    return pool


def _category_name(city: Any, name: str, *, exclude: int | None = None) -> str:
    """``name`` with its spaces tidied, once no category the municipality offers (its
    own or a shared one, other than ``exclude``) has it already, whatever the case."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Write the category's name.")}, code="required")
    if len(name) > 100:
        raise ValidationError(
            {"name": _("A category's name has at most 100 characters.")}, code="max_length"
        )
    offered = Category.objects.for_city(city).filter(name__iexact=name).exclude(pk=exclude)
    if offered.exists():
        raise ValidationError(
            {"name": _("This municipality already offers this category.")}, code="taken"
        )
    return name


def _own_category(actor: Any, category: Category) -> Category:
    """The category, locked, once ``actor`` may change it: a municipality's own only
    (the shared ones are the installation's, kept in the admin)."""
    ensure(actor, "budgets.configure_edition", category)
    category = Category.objects.select_for_update().get(pk=category.pk)
    if category.city_id is None:
        raise ValidationError(
            _(
                "A category shared by all municipalities is kept by the installation's "
                "administrators; it cannot be changed here."
            ),
            code="shared",
        )
    return category


@transaction.atomic
def add_category(*, actor: Any, city: Any, name: str) -> Category:
    """A municipality's own proposal category, offered only in it (the shared ones,
    with no municipality, are the installation's and kept in the admin)."""
    ensure(actor, "budgets.configure_edition", Category(city=city))
    category = Category.objects.create(city=city, name=_category_name(city, name))
    record_event(actor=actor, action="budgets.category_added", target=category, data={})
    return category


@transaction.atomic
def rename_category(*, actor: Any, category: Category, name: str) -> Category:
    """A new name for a municipality's own category; the proposals using it keep it."""
    category = _own_category(actor, category)
    before = category.name
    category.name = _category_name(category.city, name, exclude=category.pk)
    if category.name != before:
        category.save(update_fields=["name"])
        record_event(
            actor=actor,
            action="budgets.category_renamed",
            target=category,
            data={"from": before, "to": category.name},
        )
    return category


@transaction.atomic
def remove_category(*, actor: Any, category: Category) -> None:
    """Remove a municipality's own category that no proposal uses (one in use is kept:
    the proposals would lose it, so it can only be renamed)."""
    category = _own_category(actor, category)
    used = Proposal.objects.filter(category=category).count()
    if used:
        raise ValidationError(
            ngettext_lazy(
                "%(count)d proposal uses this category, so it cannot be removed; "
                "rename it instead.",
                "%(count)d proposals use this category, so it cannot be removed; "
                "rename it instead.",
                "count",
            ),
            code="in_use",
            params={"count": used},
        )
    record_event(
        actor=actor,
        action="budgets.category_removed",
        target=category,
        data={"name": category.name},
    )
    category.delete()


@transaction.atomic
def save_edition(
    *, actor: Any, edition: Edition, phases: dict[str, tuple[datetime.date, datetime.date]]
) -> Edition:
    """Save an edition and its phase dates (a phase left out is removed)."""
    ensure(actor, "budgets.configure_edition")
    edition.full_clean(exclude=["city"])
    same_address = Edition.objects.filter(city_id=edition.city_id, slug=edition.slug)
    if same_address.exclude(pk=edition.pk).exists():
        raise ValidationError(
            {
                "slug": ValidationError(
                    _("This municipality already has an edition at this address."),
                    code="slug_taken",
                )
            }
        )
    for phase_type, (starts_on, ends_on) in phases.items():
        if ends_on < starts_on:
            raise ValidationError(
                _("The phase “%(phase)s” ends before it starts."),
                code="phase_dates",
                params={"phase": PhaseType(phase_type).label},
            )
    edition.save()
    edition.phases.exclude(type__in=list(phases)).delete()
    for phase_type, (starts_on, ends_on) in phases.items():
        EditionPhase.objects.update_or_create(
            edition=edition,
            type=phase_type,
            defaults={"starts_on": starts_on, "ends_on": ends_on},
        )
    for pool in edition.pools.all():
        check_pool(pool)
    record_event(actor=actor, action="budgets.edition_saved", target=edition)
    return edition


# Proposals -------------------------------------------------------------------------


@dataclass
class ProposalData:
    """What an author fills in; the form builds it, the service checks and stores it."""

    pool: Pool
    title: str
    description: str
    cost_items: list[tuple[str, int]]
    category: Any = None
    beneficiaries: str = ""
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    coauthors: list[str] = field(default_factory=list)  # e-mail addresses to invite
    images: list[Any] = field(default_factory=list)
    attachments: list[Any] = field(default_factory=list)


def check_submission_open(edition: Edition, today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    phase = edition.phase(PhaseType.SUBMISSION)
    if phase is None or today < phase.starts_on:
        raise ValidationError(
            _("Submission of proposals has not started yet."), code="submission_not_open"
        )
    if today > phase.ends_on:
        raise ValidationError(
            _("The deadline for submitting proposals (%(date)s) has passed."),
            code="deadline_passed",
            params={"date": _date(phase.ends_on)},
        )


MAX_COAUTHORS = 10
EMAIL_MAX_LENGTH = CoauthorInvitation._meta.get_field("email").max_length


def coauthor_emails(addresses: list[str]) -> tuple[list[str], list[ValidationError]]:
    """The distinct, normalised addresses given, and an error for each one that is not one."""
    emails: list[str] = []
    errors: list[ValidationError] = []
    for address in addresses:
        email = normalise_email(address)
        if not email:
            continue
        try:
            if len(email) > EMAIL_MAX_LENGTH:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            errors.append(
                ValidationError(
                    _("This is not a valid e-mail address: %(email)s."),
                    code="coauthor_email",
                    params={"email": address.strip()[:100]},
                )
            )
            continue
        if email not in emails:
            emails.append(email)
    if len(emails) > MAX_COAUTHORS:
        errors.append(
            ValidationError(
                ngettext_lazy(
                    "You can invite at most %(limit)d co-author.",
                    "You can invite at most %(limit)d co-authors.",
                    "limit",
                ),
                code="too_many_coauthors",
                params={"limit": MAX_COAUTHORS},
            )
        )
    return emails, errors


def check_proposal_data(edition: Edition, data: ProposalData) -> None:
    errors: dict[str, list] = {}
    _emails, email_errors = coauthor_emails(data.coauthors)
    if email_errors:
        errors["coauthors"] = email_errors
    if data.pool.edition_id != edition.pk:
        errors.setdefault("pool", []).append(
            ValidationError(_("Choose a pool of this edition."), code="pool")
        )
    if not data.cost_items:
        errors.setdefault("cost_items", []).append(
            ValidationError(_("Give at least one item of the cost estimate."), code="no_cost")
        )
    for description, amount in data.cost_items:
        if amount is None or amount <= 0:
            errors.setdefault("cost_items", []).append(
                ValidationError(
                    _("Each item of the cost estimate must cost more than zero: %(item)s."),
                    code="cost_not_positive",
                    params={"item": description or "—"},
                )
            )
    total = sum(amount for _d, amount in data.cost_items if amount and amount > 0)
    pool = data.pool
    if total and pool.max_project_cost and total > pool.max_project_cost:
        errors.setdefault("cost_items", []).append(
            ValidationError(
                _(
                    "The cost, %(cost)s, is above the limit of the pool %(pool)s for one "
                    "project: at most %(limit)s."
                ),
                code="cost_over_limit",
                params={
                    "cost": format_pln(total),
                    "pool": pool.name,
                    "limit": format_pln(pool.max_project_cost),
                },
            )
        )
    if total and pool.min_project_cost and total < pool.min_project_cost:
        errors.setdefault("cost_items", []).append(
            ValidationError(
                _(
                    "The cost, %(cost)s, is below the minimum of the pool %(pool)s for one "
                    "project: at least %(limit)s."
                ),
                code="cost_under_minimum",
                params={
                    "cost": format_pln(total),
                    "pool": pool.name,
                    "limit": format_pln(pool.min_project_cost),
                },
            )
        )
    if total and total > pool.amount:
        errors.setdefault("cost_items", []).append(
            ValidationError(_("The cost is above the whole pool."), code="cost_over_pool")
        )
    if (data.latitude is None) != (data.longitude is None):
        errors.setdefault("latitude", []).append(
            ValidationError(_("Give both latitude and longitude."), code="point_half")
        )
    elif data.latitude is not None and not edition.city.contains_point(
        data.latitude, data.longitude
    ):
        errors.setdefault("latitude", []).append(
            ValidationError(_("This point lies outside the city."), code="point_outside")
        )
    for upload in data.images:
        try:
            validate_image(upload)
        except ValidationError as error:
            errors.setdefault("images", []).extend(error.error_list)
    for upload in data.attachments:
        try:
            validate_document(upload)
        except ValidationError as error:
            errors.setdefault("attachments", []).extend(error.error_list)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_proposal(
    *, actor: Any, edition: Edition, data: ProposalData, proposal: Proposal | None = None
) -> Proposal:
    """Create a draft or change a proposal, until the submission deadline."""
    if proposal is None:
        ensure(actor, "budgets.submit_proposal", edition)
    else:
        ensure(actor, "budgets.change_proposal", proposal)
    check_submission_open(edition)
    check_proposal_data(edition, data)
    created = proposal is None
    if created:
        proposal = Proposal(edition=edition, author=actor)
    proposal.pool = data.pool
    proposal.title = data.title
    proposal.description = data.description
    proposal.category = data.category
    proposal.beneficiaries = data.beneficiaries
    proposal.address = data.address
    proposal.latitude = data.latitude
    proposal.longitude = data.longitude
    proposal.cost = sum(amount for _d, amount in data.cost_items)
    proposal.save()
    proposal.cost_items.all().delete()
    CostItem.objects.bulk_create(
        CostItem(proposal=proposal, description=d, amount=a) for d, a in data.cost_items
    )
    _invite_coauthors(proposal, data.coauthors, actor=actor)
    for kind, uploads in ((FileKind.IMAGE, data.images), (FileKind.ATTACHMENT, data.attachments)):
        for upload in uploads:
            stored = shrink_image(upload) if kind == FileKind.IMAGE else upload
            record = ProposalFile(proposal=proposal, kind=kind, name=display_name(upload.name))
            # Saving strips a photo's metadata, so the size is the stored file's.
            record.file.save(stored.name or "upload", stored, save=False)
            record.size = record.file.size
            record.save()
    if created:
        StatusChange.objects.create(proposal=proposal, new_status=Status.DRAFT, actor=actor)
    record_event(
        actor=actor,
        action="budgets.proposal_created" if created else "budgets.proposal_changed",
        target=proposal,
        data={"cost": proposal.cost},
    )
    return proposal


def _invite_coauthors(proposal: Proposal, addresses: list[str], *, actor: Any) -> None:
    """Invite the new addresses and withdraw the ones the author took off the list.

    Nobody becomes a co-author here: an invitation changes nothing for the person
    until they accept it (``accept_coauthorship``).  Whether an address has an
    account is looked up only when the invitation is delivered, after the author's
    answer, so the author's form says the same for every address.  A declined
    invitation stays declined: listing the address again sends nothing.
    """
    wanted, _errors = coauthor_emails(addresses)
    wanted = [e for e in wanted if e != normalise_email(proposal.author.email or "")]
    # Two saves of one proposal at once must not both invite the same address.
    Proposal.objects.select_for_update().filter(pk=proposal.pk).values_list("pk").get()
    invitations = {i.email: i for i in proposal.coauthor_invitations.all()}
    for email, invitation in invitations.items():
        if email in wanted or invitation.status == InvitationStatus.DECLINED:
            continue
        if invitation.status == InvitationStatus.ACCEPTED and invitation.answered_by_id:
            proposal.coauthors.remove(invitation.answered_by_id)
        invitation.delete()
        record_event(
            actor=actor,
            action="budgets.coauthor_removed",
            target=proposal,
            data={"status": invitation.status},
        )
    for email in wanted:
        if email in invitations:
            continue
        invitation = CoauthorInvitation.objects.create(
            proposal=proposal, email=email, invited_by=actor
        )
        record_event(
            actor=actor,
            action="budgets.coauthor_invited",
            target=proposal,
            data={"invitation": invitation.pk},
        )
        from wiec.budgets.tasks import send_coauthor_invitation

        transaction.on_commit(partial(send_coauthor_invitation.enqueue, invitation.pk))


def _locked_invitation(invitation: CoauthorInvitation) -> CoauthorInvitation:
    return (
        CoauthorInvitation.objects.select_for_update()
        .select_related("proposal", "proposal__author")
        .get(pk=invitation.pk)
    )


@transaction.atomic
def accept_coauthorship(*, actor: Any, invitation: CoauthorInvitation) -> CoauthorInvitation:
    """The invited person agrees: from now on they are shown and act as a co-author."""
    invitation = _locked_invitation(invitation)
    ensure(actor, "budgets.answer_coauthor_invitation", invitation)
    proposal = invitation.proposal
    invitation.status = InvitationStatus.ACCEPTED
    invitation.answered_by = actor
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_by", "answered_at"])
    if actor.pk != proposal.author_id:
        proposal.coauthors.add(actor)
    record_event(
        actor=actor,
        action="budgets.coauthorship_accepted",
        target=proposal,
        data={"invitation": invitation.pk},
    )
    notify(
        recipient=proposal.author,
        kind="status",
        subject=_("A co-author has joined “%(title)s”") % {"title": proposal.title},
        body=_("%(name)s accepted your invitation and is now a co-author of the proposal.")
        % {"name": str(actor)},
        url=proposal.get_absolute_url(),
    )
    return invitation


@transaction.atomic
def decline_coauthorship(*, actor: Any, invitation: CoauthorInvitation) -> CoauthorInvitation:
    """The invited person says no; the invitation is never sent to them again."""
    invitation = _locked_invitation(invitation)
    ensure(actor, "budgets.answer_coauthor_invitation", invitation)
    invitation.status = InvitationStatus.DECLINED
    invitation.answered_by = actor
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_by", "answered_at"])
    record_event(
        actor=actor,
        action="budgets.coauthorship_declined",
        target=invitation.proposal,
        data={"invitation": invitation.pk},
    )
    return invitation


@transaction.atomic
def submit_proposal(*, actor: Any, proposal: Proposal) -> Proposal:
    ensure(actor, "budgets.change_proposal", proposal)
    check_submission_open(proposal.edition)
    if proposal.status != Status.DRAFT:
        raise ValidationError(_("This proposal has already been submitted."), code="submitted")
    if proposal.cost <= 0:
        raise ValidationError(_("Give the cost estimate first."), code="no_cost")
    proposal.submitted_at = timezone.now()
    proposal.save(update_fields=["submitted_at"])
    _set_status(proposal, Status.SUBMITTED, actor=actor)
    return proposal


@transaction.atomic
def endorse_proposal(*, actor: Any, proposal: Proposal) -> Any:
    """Sign support online, once per person (the database refuses a second signature)."""
    ensure(actor, "budgets.endorse_proposal", proposal)
    check_email_verified(actor)
    if not proposal.edition.support_signatures:
        raise ValidationError(_("This edition collects no support signatures."), code="no_support")
    check_submission_open(proposal.edition)
    proposal = _support_collection(proposal)
    key = identity_key_of(actor, proposal.edition.city_id)
    twice = ValidationError(_("You have already supported this proposal."), code="already_endorsed")
    if signatures.signed_by(proposal.collection, user=actor, identity_key=key) is not None:
        raise twice
    try:
        signature = signatures.record_online(
            collection=proposal.collection, user=actor, identity_key=key
        )
    except ValidationError as error:
        raise twice from error
    refresh_support(proposal)
    record_event(actor=actor, action="budgets.proposal_endorsed", target=proposal)
    return signature


def _support_collection(proposal: Proposal) -> Proposal:
    """The proposal, locked, with its collection of support signatures (``wiec.commons``)
    opened on the first signature."""
    proposal = Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    if proposal.collection_id is None:
        proposal.collection = signatures.open_collection(
            city=proposal.edition.city,
            title=proposal.title,
            threshold=proposal.pool.support_required if proposal.pool else 0,
        )
        proposal.save(update_fields=["collection"])
    return proposal


def refresh_support(proposal: Proposal) -> int:
    """Store the proposal's support (``Proposal.supports``) in the transaction that
    changed it, so the list ordered by support reads an index."""
    proposal.supports = support_count(proposal)
    Proposal.objects.filter(pk=proposal.pk).update(supports=proposal.supports)
    return proposal.supports


@transaction.atomic
def upload_support_list(
    *, actor: Any, proposal: Proposal, scan: Any, declared_signatures: int
) -> SupportList:
    """The author uploads a scan of a paper support list; an official counts it."""
    ensure(actor, "budgets.upload_support_list", proposal)
    check_submission_open(proposal.edition)
    validate_document(scan)
    if declared_signatures < 1:
        raise ValidationError(_("Give the number of signatures on the list."), code="count")
    support_list = SupportList.objects.create(
        proposal=proposal, scan=scan, declared_signatures=declared_signatures
    )
    record_event(
        actor=actor,
        action="budgets.support_list_uploaded",
        target=proposal,
        data={"signatures": declared_signatures},
    )
    return support_list


@transaction.atomic
def enter_list_signature(
    *,
    actor: Any,
    support_list: SupportList,
    full_name: str,
    street_address: str,
    town: str,
    valid: bool,
    reason: str = "",
    pesel: str = "",
) -> Any:
    """The office copies one person from a scanned paper list and checks them at once:
    a signature of the proposal's collection (``wiec.commons``) on the list's sheet,
    under the city's one identity rule (a PESEL, where the policy asks for one, is kept
    only as its keyed hash), valid or invalid with the reason.  The list's accepted
    count then follows its valid signatures, and so does the proposal's support."""
    proposal = support_list.proposal
    ensure(actor, "budgets.verify_proposal", proposal)
    if proposal.status not in (Status.SUBMITTED, Status.IN_VERIFICATION):
        raise ValidationError(
            _("Signatures are entered while the proposal is being verified."), code="closed"
        )
    if not valid and not (reason or "").strip():
        raise ValidationError(
            {"reason": _("Say why the signature is invalid.")}, code="reason_required"
        )
    proposal = _support_collection(proposal)
    signature = signatures.enter_paper(
        actor=actor,
        collection=proposal.collection,
        full_name=full_name,
        street_address=street_address,
        town=town,
        sheet=support_list.pk,
        pesel=pesel,
    )
    signatures.check(actor=actor, signature=signature, valid=valid, reason=reason)
    support_list.accepted_signatures = proposal.collection.signatures.filter(
        channel=SignatureChannel.PAPER, sheet=support_list.pk, status=SignatureStatus.VALID
    ).count()
    support_list.save(update_fields=["accepted_signatures"])
    refresh_support(proposal)
    record_event(
        actor=actor,
        action="budgets.support_list_signature_entered",
        target=proposal,
        data={"list": support_list.pk, "valid": valid, "reason": (reason or "").strip()},
    )
    return signature


# Verification ----------------------------------------------------------------------


def _sheet(proposal: Proposal) -> VerificationSheet:
    sheet, _created = VerificationSheet.objects.select_for_update().get_or_create(proposal=proposal)
    return sheet


def _justification_required(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(
            {
                "justification": ValidationError(
                    _("A negative outcome needs a justification."), code="justification_required"
                )
            }
        )
    return text


@transaction.atomic
def record_formal_review(
    *,
    actor: Any,
    proposal: Proposal,
    passed: bool,
    notes: str = "",
    accepted_signatures: dict[int, int] | None = None,
) -> VerificationSheet:
    """The formal check (ocena formalna); a failed one is a negative outcome."""
    ensure(actor, "budgets.verify_proposal", proposal)
    if proposal.status != Status.SUBMITTED:
        raise ValidationError(_("The formal check has already been made."), code="formal_done")
    if not passed:
        notes = _justification_required(notes)
    for support_list in counted_only(proposal):
        if accepted_signatures and support_list.pk in accepted_signatures:
            support_list.accepted_signatures = accepted_signatures[support_list.pk]
            support_list.save(update_fields=["accepted_signatures"])
    refresh_support(proposal)
    sheet = _sheet(proposal)
    sheet.formal_passed = passed
    sheet.formal_notes = notes.strip()
    sheet.formal_by = actor
    sheet.formal_at = timezone.now()
    fields = ["formal_passed", "formal_notes", "formal_by", "formal_at"]
    if not passed:
        sheet.outcome = Outcome.NEGATIVE
        sheet.justification = notes
        sheet.negative_on = timezone.localdate()
        fields += ["outcome", "justification", "negative_on"]
    sheet.save(update_fields=fields)
    record_event(
        actor=actor, action="budgets.formal_review", target=proposal, data={"passed": passed}
    )
    _set_status(proposal, Status.IN_VERIFICATION if passed else Status.NEGATIVE, actor=actor)
    return sheet


@transaction.atomic
def record_merit_review(
    *,
    actor: Any,
    proposal: Proposal,
    outcome: str,
    justification: str,
    unit: str = "",
    changes: str = "",
    adjusted_cost: int | None = None,
) -> VerificationSheet:
    """The merit check (ocena merytoryczna) by the responsible unit."""
    ensure(actor, "budgets.verify_proposal", proposal)
    if proposal.status != Status.IN_VERIFICATION:
        raise ValidationError(_("Make the formal check first."), code="formal_first")
    if outcome == Outcome.NEGATIVE:
        justification = _justification_required(justification)
    if outcome == Outcome.CHANGES:
        if not (changes or "").strip() and adjusted_cost is None:
            raise ValidationError(
                {
                    "changes": ValidationError(
                        _("Describe the changes or give the adjusted cost."),
                        code="changes_required",
                    )
                }
            )
        if adjusted_cost is not None and adjusted_cost <= 0:
            raise ValidationError(
                {
                    "adjusted_cost": ValidationError(
                        _("The adjusted cost must be more than zero."), code="cost_not_positive"
                    )
                }
            )
    sheet = _sheet(proposal)
    sheet.outcome = outcome
    sheet.justification = (justification or "").strip()
    sheet.unit = unit.strip()
    sheet.changes = (changes or "").strip() if outcome == Outcome.CHANGES else ""
    sheet.adjusted_cost = adjusted_cost if outcome == Outcome.CHANGES else None
    sheet.merit_by = actor
    sheet.merit_at = timezone.now()
    sheet.negative_on = timezone.localdate() if outcome == Outcome.NEGATIVE else None
    sheet.save()
    record_event(
        actor=actor, action="budgets.merit_review", target=proposal, data={"outcome": outcome}
    )
    new = {
        Outcome.POSITIVE: Status.POSITIVE,
        Outcome.NEGATIVE: Status.NEGATIVE,
        Outcome.CHANGES: Status.CHANGES_PROPOSED,
    }[outcome]
    _set_status(proposal, new, actor=actor, note=sheet.justification)
    return sheet


@transaction.atomic
def respond_to_changes(*, actor: Any, proposal: Proposal, accept: bool) -> Proposal:
    """The author accepts the proposed changes (positive) or rejects them (negative)."""
    ensure(actor, "budgets.respond_to_changes", proposal)
    sheet = _sheet(proposal)
    sheet.author_accepted_changes = accept
    fields = ["author_accepted_changes"]
    if accept:
        if sheet.adjusted_cost:
            proposal.cost = sheet.adjusted_cost
            proposal.save(update_fields=["cost"])
        new = Status.POSITIVE
    else:
        sheet.outcome = Outcome.NEGATIVE
        sheet.justification = "\n\n".join(
            filter(
                None,
                [
                    str(_("The author did not accept the changes needed to carry it out.")),
                    sheet.justification,
                    sheet.changes,
                ],
            )
        )
        sheet.negative_on = timezone.localdate()
        fields += ["outcome", "justification", "negative_on"]
        new = Status.NEGATIVE
    sheet.save(update_fields=fields)
    record_event(
        actor=actor, action="budgets.changes_answered", target=proposal, data={"accept": accept}
    )
    _set_status(proposal, new, actor=actor)
    return proposal


# Appeals ---------------------------------------------------------------------------


def appeal_deadline(proposal: Proposal) -> datetime.date | None:
    """The last day to appeal: the edition's number of working days after the outcome."""
    sheet = VerificationSheet.objects.filter(proposal=proposal).first()
    if sheet is None or sheet.negative_on is None:
        return None
    return add_working_days(
        sheet.negative_on, proposal.edition.appeal_days, proposal.edition.city.days_off()
    )


@transaction.atomic
def file_appeal(*, actor: Any, proposal: Proposal, reasons: str) -> Appeal:
    """The author appeals against a negative outcome (art. 5a ust. 7 pkt 3 u.s.g.).

    Within ``Edition.appeal_days`` working days of the outcome (Polish public holidays
    excluded, see ``holidays``), answering the reasons given in the verification sheet.
    """
    ensure(actor, "budgets.file_appeal", proposal)
    deadline = appeal_deadline(proposal)
    if deadline is not None and timezone.localdate() > deadline:
        raise ValidationError(
            _("The deadline for an appeal (%(date)s) has passed."),
            code="deadline_passed",
            params={"date": _date(deadline)},
        )
    reasons = (reasons or "").strip()
    if not reasons:
        raise ValidationError(
            {
                "reasons": ValidationError(
                    _("Answer the reasons for the negative outcome."), code="reasons"
                )
            }
        )
    appeal = Appeal.objects.create(
        proposal=proposal,
        author=actor,
        reasons=reasons,
        deadline=deadline or timezone.localdate(),
    )
    record_event(actor=actor, action="budgets.appeal_filed", target=appeal)
    _set_status(proposal, Status.APPEALED, actor=actor)
    return appeal


@transaction.atomic
def decide_appeal(*, actor: Any, appeal: Appeal, upheld: bool, justification: str) -> Appeal:
    """The appeals body upholds or rejects an appeal, always with a justification."""
    ensure(actor, "budgets.decide_appeal", appeal)
    justification = (justification or "").strip()
    if not justification:
        raise ValidationError(
            {
                "justification": ValidationError(
                    _("The decision needs a justification."), code="justification_required"
                )
            }
        )
    appeal.status = AppealStatus.UPHELD if upheld else AppealStatus.REJECTED
    appeal.decision = justification
    appeal.decided_by = actor
    appeal.decided_at = timezone.now()
    appeal.save(update_fields=["status", "decision", "decided_by", "decided_at"])
    record_event(
        actor=actor, action="budgets.appeal_decided", target=appeal, data={"upheld": upheld}
    )
    _set_status(
        appeal.proposal,
        Status.APPEAL_UPHELD if upheld else Status.APPEAL_REJECTED,
        actor=actor,
        note=justification,
    )
    return appeal


@transaction.atomic
def qualify_for_vote(*, actor: Any, edition: Edition) -> int:
    """Put every positively verified proposal (or one whose appeal was upheld) on the ballot."""
    ensure(actor, "budgets.qualify_proposals", edition)
    proposals = list(
        Proposal.objects.select_for_update()
        .filter(edition=edition, status__in=[Status.POSITIVE, Status.APPEAL_UPHELD])
        .order_by("pk")
    )
    for proposal in proposals:
        _set_status(proposal, Status.READY, actor=actor)
    record_event(
        actor=actor,
        action="budgets.qualified_for_vote",
        target=edition,
        data={"count": len(proposals)},
    )
    return len(proposals)


# Comments and followers ------------------------------------------------------------


@transaction.atomic
def add_comment(*, actor: Any, proposal: Proposal, text: str) -> Comment:
    ensure(actor, "budgets.comment_proposal", proposal)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": ValidationError(_("Write your comment."), code="empty")})
    comment = Comment.objects.create(proposal=proposal, author=actor, text=text)
    record_event(actor=actor, action="budgets.comment_added", target=proposal)
    return comment


@transaction.atomic
def report_comment(*, actor: Any, comment: Comment, reason: str) -> AbuseReport:
    ensure(actor, "budgets.report_comment", comment)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": ValidationError(_("Say what is wrong with it."), code="empty")}
        )
    report, _created = AbuseReport.objects.get_or_create(
        comment=comment, reporter=actor, defaults={"reason": reason}
    )
    record_event(actor=actor, action="budgets.comment_reported", target=comment.proposal)
    return report


@transaction.atomic
def hide_comment(*, actor: Any, comment: Comment, reason: str) -> Comment:
    ensure(actor, "budgets.moderate_comment", comment)
    comment.hidden = True
    comment.hidden_reason = (reason or "").strip()
    comment.save(update_fields=["hidden", "hidden_reason"])
    record_event(
        actor=actor,
        action="budgets.comment_hidden",
        target=comment.proposal,
        data={"id": comment.pk},
    )
    return comment


@transaction.atomic
def set_following(*, actor: Any, proposal: Proposal, follow: bool) -> bool:
    ensure(actor, "budgets.follow_proposal", proposal)
    if follow:
        Follow.objects.get_or_create(proposal=proposal, user=actor)
    else:
        Follow.objects.filter(proposal=proposal, user=actor).delete()
    record_event(actor=actor, action="budgets.following", target=proposal, data={"follow": follow})
    return follow
