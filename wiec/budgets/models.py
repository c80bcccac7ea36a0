"""Participatory budget (budżet obywatelski): editions, pools, proposals, verification.

Art. 5a ust. 3-7 u.s.g. (ustawa o samorządzie gminnym): the city's resolution sets the
formal requirements of proposals, the support they need (at most 0.1% of the area's
residents), the rules of verification and of appeals, and the voting rules.  Money is
always an integer number of grosze (PLN / 100).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wiec.budgets.phases import ORDER, PhaseType
from wiec.core import normalise
from wiec.core.collation import PolishSortKeyField
from wiec.core.fields import UploadField
from wiec.tally import RULES

SUPPORT_CAP_PER_MILLE = 1  # art. 5a ust. 7 pkt 1 u.s.g.: at most 0.1% of the residents
#: The most points a pool may give out on one ballot, and so the most one vote may carry
#: (cities share 3 to 100 points; the bound keeps one ballot from outweighing all others).
MAX_POINTS = 1000


class Eligibility(models.TextChoices):
    VERIFIED_RESIDENTS = "verified", _("verified residents of the city")
    ANYONE = "anyone", _("anyone with an account")


class Edition(models.Model):
    """One year's participatory budget of a city, set up by its resolution."""

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("address"))  # unique within the municipality
    description = models.TextField(_("description"), blank=True)
    resolution = models.CharField(
        _("resolution"),
        max_length=300,
        blank=True,
        help_text=_("The city council's resolution that sets the rules of this edition."),
    )
    who_may_submit = models.CharField(
        _("who may submit proposals"),
        max_length=10,
        choices=Eligibility.choices,
        default=Eligibility.VERIFIED_RESIDENTS,
    )
    who_may_support = models.CharField(
        _("who may sign support"),
        max_length=10,
        choices=Eligibility.choices,
        default=Eligibility.VERIFIED_RESIDENTS,
    )
    who_may_vote = models.CharField(
        _("who may vote"),
        max_length=10,
        choices=Eligibility.choices,
        default=Eligibility.VERIFIED_RESIDENTS,
    )
    accepted_policies = models.ManyToManyField(
        "accounts.IdentityPolicy",
        blank=True,
        related_name="+",
        verbose_name=_("accepted proofs of identity"),
        help_text=_("Leave empty to accept every proof the city offers."),
    )
    age_rule = models.BooleanField(
        _("minimum age named in the resolution"),
        default=False,
        help_text=_(
            "Courts have struck down age limits the resolution does not name; "
            "leave this off unless it does."
        ),
    )
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    support_signatures = models.BooleanField(_("proposals need support signatures"), default=False)
    appeal_days = models.PositiveSmallIntegerField(_("appeal deadline in working days"), default=5)
    created_at = models.DateTimeField(auto_now_add=True)
    #: Raised whenever the ballot changes (phases, pools, projects on it, voting rules,
    #: accepted proofs); the ballot page's per-process copy is checked against it.
    ballot_version = models.PositiveIntegerField(default=0, editable=False)
    #: False when ballots were imported one per pool from files that do not say which
    #: belong to the same person: the statistics then cannot count people.
    ballots_are_people = models.BooleanField(default=True, editable=False)

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["city", "slug"], name="budgets_edition_slug_per_city"),
            models.CheckConstraint(
                condition=Q(age_rule=False) | Q(minimum_age__isnull=False),
                name="budgets_edition_age_rule_has_age",
            ),
            models.CheckConstraint(condition=Q(appeal_days__gte=1), name="budgets_appeal_days"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("budgets:edition", args=[self.slug])

    def phase(self, phase_type: str) -> EditionPhase | None:
        for phase in self.phases.all():
            if phase.type == phase_type:
                return phase
        return None

    def is_open(self, phase_type: str, day: datetime.date | None = None) -> bool:
        phase = self.phase(phase_type)
        return phase is not None and phase.contains(day or timezone.localdate())

    def current_phase(self, day: datetime.date | None = None) -> EditionPhase | None:
        day = day or timezone.localdate()
        for phase in self.phases.all():
            if phase.contains(day):
                return phase
        return None

    @property
    def submission_deadline(self) -> datetime.date | None:
        phase = self.phase(PhaseType.SUBMISSION)
        return phase.ends_on if phase else None


class EditionPhase(models.Model):
    """The dates of one phase of an edition (both days included).

    Named ``Phase`` until budgets 0019; its table keeps that name, which triggers and
    raw SQL use."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="phases")
    type = models.CharField(_("phase"), max_length=20, choices=PhaseType.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        db_table = "budgets_phase"
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "type"], name="budgets_phase_once"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="budgets_phase_dates"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()}: {self.starts_on} – {self.ends_on}"

    def contains(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on

    @property
    def position(self) -> int:
        return ORDER.index(self.type)


class PoolKind(models.TextChoices):
    CITY = "city", _("city-wide")
    DISTRICT = "district", pgettext_lazy("pool kind", "district")
    THEMATIC = "thematic", _("thematic")


class BallotType(models.TextChoices):
    APPROVAL = "approval", _("approval: up to N projects")
    ORDINAL = "ordinal", _("ranking with points (e.g. 3-2-1)")
    CUMULATIVE = "cumulative", _("cumulative: a budget of points")
    CHOOSE_ONE = "choose_one", _("choose one project")


RULE_CHOICES = [(name, name) for name in RULES]


class Pool(models.Model):
    """A part of the edition's money (pula): city-wide, one district's, or thematic."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="pools")
    kind = models.CharField(_("kind"), max_length=10, choices=PoolKind.choices)
    name = models.CharField(_("name"), max_length=150)
    district = models.ForeignKey(
        "places.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    amount = models.BigIntegerField(_("amount (grosze)"))
    counting_rule = models.CharField(
        _("counting rule"), max_length=40, choices=RULE_CHOICES, default="greedy"
    )
    ballot_type = models.CharField(
        _("ballot type"), max_length=12, choices=BallotType.choices, default=BallotType.APPROVAL
    )
    max_choices = models.PositiveSmallIntegerField(
        _("at most this many projects"), null=True, blank=True
    )
    min_choices = models.PositiveSmallIntegerField(
        _("at least this many projects"), null=True, blank=True
    )
    points = models.CharField(
        _("points by rank"),
        max_length=60,
        blank=True,
        help_text=_("For ranking ballots, for example 3,2,1."),
    )
    points_budget = models.PositiveIntegerField(_("points to distribute"), null=True, blank=True)
    min_votes = models.PositiveIntegerField(_("minimum votes to win"), null=True, blank=True)
    min_project_cost = models.BigIntegerField(_("minimum project cost (grosze)"), default=0)
    max_project_cost = models.BigIntegerField(
        _("maximum project cost (grosze)"), null=True, blank=True
    )
    support_required = models.PositiveIntegerField(_("support signatures required"), default=0)

    class Meta:
        verbose_name = _("pool")
        verbose_name_plural = _("pools")
        ordering = ["edition", "kind", "district__number", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="budgets_pool_amount_positive"),
            models.CheckConstraint(
                condition=Q(kind="district", district__isnull=False)
                | (~Q(kind="district") & Q(district__isnull=True)),
                name="budgets_pool_district_iff_kind",
            ),
            models.UniqueConstraint(
                fields=["edition", "district"],
                condition=Q(district__isnull=False),
                name="budgets_pool_one_per_district",
            ),
            models.CheckConstraint(
                condition=Q(min_choices__isnull=True)
                | Q(max_choices__isnull=True)
                | Q(min_choices__lte=models.F("max_choices")),
                name="budgets_pool_min_within_max",
                violation_error_message=_(
                    "The least number of projects to choose cannot be more than the most."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(ballot_type="cumulative")
                | Q(
                    points_budget__isnull=False,
                    points_budget__gte=1,
                    points_budget__lte=MAX_POINTS,
                ),
                name="budgets_pool_cumulative_has_budget",
                violation_error_message=format_lazy(
                    _("A cumulative ballot needs the points to distribute, from 1 to {max}."),
                    max=MAX_POINTS,
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def scope_district_id(self) -> int | None:
        return self.district_id

    @property
    def population(self) -> int | None:
        if self.district_id is not None:
            return self.district.population
        return self.edition.city.population

    @property
    def support_cap(self) -> int:
        """Art. 5a ust. 7 pkt 1 u.s.g.: support may not exceed 0.1% of the area's residents."""
        return (self.population or 0) * SUPPORT_CAP_PER_MILLE // 1000

    def clean(self) -> None:
        """A cumulative ballot needs its budget of points (``budgets_pool_cumulative_has_budget``
        in the database); said here on the field, for the form and the service alike."""
        if self.ballot_type == BallotType.CUMULATIVE and not (
            self.points_budget and 1 <= self.points_budget <= MAX_POINTS
        ):
            raise ValidationError(
                {
                    "points_budget": ValidationError(
                        _(
                            "A cumulative ballot needs the points each voter distributes: "
                            "from 1 to %(max)s."
                        ),
                        code="points_budget",
                        params={"max": MAX_POINTS},
                    )
                }
            )

    def points_list(self) -> list[int]:
        return [int(p) for p in self.points.replace("-", ",").split(",") if p.strip()]


class CategoryQuerySet(models.QuerySet):
    def for_city(self, city: object) -> CategoryQuerySet:
        """What a municipality's forms offer: the shared vocabulary and its own words."""
        return self.filter(models.Q(city__isnull=True) | models.Q(city=city))


class Category(models.Model):
    """A proposal's category: the installation's shared vocabulary (``city`` empty),
    or one municipality's own word, offered only in it."""

    city = models.ForeignKey(
        "places.City",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
        help_text=_("Leave empty for a category every municipality offers."),
    )
    name = models.CharField(_("name"), max_length=100)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["city", "name"], name="budgets_category_name_per_city"),
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(city__isnull=True),
                name="budgets_category_shared_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    IN_VERIFICATION = "in_verification", _("in verification")
    POSITIVE = "positive", _("verified positively")
    CHANGES_PROPOSED = "changes_proposed", _("positive with changes, awaiting the author")
    NEGATIVE = "negative", _("verified negatively")
    APPEALED = "appealed", _("appealed")
    APPEAL_UPHELD = "appeal_upheld", _("appeal upheld")
    APPEAL_REJECTED = "appeal_rejected", _("appeal rejected")
    READY = "ready", _("ready for the vote")
    WITHDRAWN = "withdrawn", _("withdrawn")
    # Imported finished editions: the result their file gives.
    SELECTED = "selected", _("selected for funding")
    NOT_SELECTED = "not_selected", _("not selected")


#: Statuses of a proposal that was on the ballot, whatever its result.
ON_BALLOT = [Status.READY, Status.SELECTED, Status.NOT_SELECTED]


PUBLIC_STATUSES = [s for s in Status.values if s != Status.DRAFT]


class ProposalQuerySet(models.QuerySet):
    def public(self) -> ProposalQuerySet:
        return self.exclude(status=Status.DRAFT)

    def ready(self) -> ProposalQuerySet:
        return self.filter(status=Status.READY)


class Proposal(models.Model):
    """A project a resident proposes (projekt zgłoszony); the engine's ``Project``."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="proposals")
    pool = models.ForeignKey(
        Pool, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("pool")
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    coauthors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("co-authors")
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"))
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
    )
    beneficiaries = models.TextField(_("who will benefit"), blank=True)
    address = models.CharField(_("address or place"), max_length=300, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    cost = models.BigIntegerField(_("cost (grosze)"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    #: The proposal's support signatures, online and entered from paper lists
    #: (``wiec.commons``), opened on the first one.
    collection = models.OneToOneField(
        "commons.SupportCollection",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    #: Valid signatures plus those counted on paper lists without names
    #: (``selectors.support_count``), stored by the service that changes them in the
    #: same transaction, so the list "most supported first" reads an index.
    supports = models.PositiveIntegerField(_("support signatures"), default=0, editable=False)
    #: The title in Polish alphabetical order (``wiec.core.collation``), for the index
    #: of the list "alphabetical".
    title_key = PolishSortKeyField(max_length=450, source="title")

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            # The orders of a list (``selectors.filter_proposals``) within an edition, so
            # a deep page reads its rows in order instead of sorting the whole edition.
            models.Index(fields=["edition", "-created_at", "-id"], name="budgets_proposal_newest"),
            models.Index(fields=["edition", "cost", "-id"], name="budgets_proposal_by_cost"),
            models.Index(
                fields=["edition", "-supports", "-id"], name="budgets_proposal_by_support"
            ),
            models.Index(fields=["edition", "title_key", "id"], name="budgets_proposal_by_title"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(cost__gte=0), name="budgets_proposal_cost"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="budgets_proposal_point_whole",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("budgets:proposal", args=[self.pk])

    @property
    def scope_district_id(self) -> int | None:
        return self.pool.district_id

    @property
    def number(self) -> str:
        return f"BO-{self.pk}"

    def people_ids(self) -> set[int]:
        return {self.author_id, *(u.pk for u in self.coauthors.all())}


class CostItem(models.Model):
    """One line of a proposal's cost estimate."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="cost_items")
    description = models.CharField(_("item"), max_length=200)
    amount = models.BigIntegerField(_("amount (grosze)"))

    class Meta:
        verbose_name = _("cost item")
        verbose_name_plural = _("cost items")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="budgets_cost_item_positive")
        ]

    def __str__(self) -> str:
        return self.description


class FileKind(models.TextChoices):
    IMAGE = "image", _("image")
    ATTACHMENT = "attachment", _("attachment")


class ProposalFile(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("kind"), max_length=12, choices=FileKind.choices)
    file = UploadField(_("file"), upload_to="budgets/proposals/%Y/")
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class InvitationStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("invitation", "awaiting an answer")
    ACCEPTED = "accepted", pgettext_lazy("invitation", "accepted")
    DECLINED = "declined", pgettext_lazy("invitation", "declined")


class CoauthorInvitationQuerySet(models.QuerySet):
    def pending(self) -> CoauthorInvitationQuerySet:
        return self.filter(status=InvitationStatus.PENDING)

    def addressed_to(self, user) -> CoauthorInvitationQuerySet:
        email = normalise_email(getattr(user, "email", "") or "")
        return self.filter(email=email) if email else self.none()


def normalise_email(email: str) -> str:
    """The form an invitation stores and compares: the platform's one e-mail key."""
    return normalise.email(email)


class CoauthorInvitation(models.Model):
    """An author asks someone, by e-mail address, to co-author a proposal.

    Until the person accepts, nothing changes for them: they are not shown as an
    author, hold no author's rights, and may still verify the proposal or decide an
    appeal on it.  Accepting adds them to ``Proposal.coauthors``.  The author learns
    nothing about whether the address has an account.
    """

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="coauthor_invitations"
    )
    email = models.EmailField(_("e-mail address"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("invited on"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered on"), null=True, blank=True)

    objects = CoauthorInvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("co-author invitation")
        verbose_name_plural = _("co-author invitations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "email"], name="budgets_coauthor_invitation_once"
            ),
            models.CheckConstraint(
                condition=Q(email=Lower("email")) & ~Q(email=""),
                name="budgets_coauthor_invitation_email_normalised",
            ),
            models.CheckConstraint(
                condition=Q(status=InvitationStatus.PENDING, answered_at__isnull=True)
                | (~Q(status=InvitationStatus.PENDING) & Q(answered_at__isnull=False)),
                name="budgets_coauthor_invitation_answered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.email}"


class StatusChange(models.Model):
    """The public history of a proposal."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="history")
    old_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    new_status = models.CharField(max_length=20, choices=Status.choices)
    note = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.old_status} → {self.new_status}"


class SupportList(models.Model):
    """A scan of a paper support list (lista poparcia), signatures counted by an official."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="support_lists")
    scan = UploadField(_("scan"), upload_to="budgets/support/%Y/")
    declared_signatures = models.PositiveIntegerField(_("number of signatures"))
    accepted_signatures = models.PositiveIntegerField(
        _("signatures accepted"), null=True, blank=True
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support list")
        verbose_name_plural = _("support lists")

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.declared_signatures}"


class Outcome(models.TextChoices):
    POSITIVE = "positive", _("positive")
    NEGATIVE = "negative", _("negative")
    CHANGES = "changes", _("positive with changes")


class VerificationSheet(models.Model):
    """The public verification card (karta weryfikacji) of a proposal."""

    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="verification_sheet"
    )
    formal_passed = models.BooleanField(_("formal check passed"), null=True)
    formal_notes = models.TextField(_("formal check notes"), blank=True)
    formal_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    formal_at = models.DateTimeField(null=True, blank=True)
    unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    justification = models.TextField(_("justification"), blank=True)
    changes = models.TextField(_("changes"), blank=True)
    adjusted_cost = models.BigIntegerField(_("adjusted cost (grosze)"), null=True, blank=True)
    merit_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    merit_at = models.DateTimeField(null=True, blank=True)
    author_accepted_changes = models.BooleanField(null=True)
    negative_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("verification sheet")
        verbose_name_plural = _("verification sheets")
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="negative") | ~Q(justification=""),
                name="budgets_negative_justified",
            ),
            models.CheckConstraint(
                condition=Q(adjusted_cost__isnull=True) | Q(adjusted_cost__gt=0),
                name="budgets_adjusted_cost_positive",
            ),
        ]

    def __str__(self) -> str:
        return str(self.proposal)


class AppealStatus(models.TextChoices):
    PENDING = "pending", _("awaiting decision")
    UPHELD = "upheld", _("upheld")
    REJECTED = "rejected", _("rejected")


class Appeal(models.Model):
    """An author's appeal (odwołanie) against a negative verification.

    Art. 5a ust. 7 pkt 3 u.s.g.: the resolution must set the rules of appeal against a
    decision not to admit a proposal to the vote.
    """

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="appeal")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reasons = models.TextField(_("your answer to the reasons for the negative outcome"))
    filed_at = models.DateTimeField(_("filed"), auto_now_add=True)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=AppealStatus.choices, default=AppealStatus.PENDING
    )
    decision = models.TextField(_("justification of the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-filed_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="pending") | ~Q(decision=""),
                name="budgets_appeal_decision_justified",
            )
        ]

    def __str__(self) -> str:
        return str(self.proposal)

    @property
    def scope_district_id(self) -> int | None:
        return self.proposal.pool.district_id


class Comment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("comment"), max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True)
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:50]


class AbuseReport(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="budgets_report_once")
        ]

    def __str__(self) -> str:
        return self.reason


class Follow(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="budgets_follow_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.proposal_id}"


# Voting (part 2) --------------------------------------------------------------------


class DuplicateRule(models.TextChoices):
    VOID_ALL = "void_all", _("void every ballot of a person who voted twice")
    FIRST_COUNTS = "first_counts", _("the first ballot received counts")


class VotingSettings(models.Model):
    """How an edition votes: the resolution's voting rules (art. 5a ust. 7 pkt 4 u.s.g.)."""

    edition = models.OneToOneField(Edition, on_delete=models.CASCADE, related_name="voting")
    ballot_changeable = models.BooleanField(
        _("a ballot may be changed until the vote ends"), default=False
    )
    identity_required = models.BooleanField(
        _("only residents whose proof identifies them (PESEL or name, birth date, address)"),
        default=False,
        help_text=_("Otherwise a resident declared without such a proof votes once per account."),
    )
    one_district = models.BooleanField(_("a voter chooses one district pool"), default=True)
    duplicate_rule = models.CharField(
        _("a person who voted twice"),
        max_length=15,
        choices=DuplicateRule.choices,
        default=DuplicateRule.VOID_ALL,
    )

    class Meta:
        verbose_name = _("voting settings")
        verbose_name_plural = _("voting settings")

    def __str__(self) -> str:
        return str(self.edition)


class BallotChannel(models.TextChoices):
    ONLINE = "online", _("online")
    IN_PERSON = "in_person", _("paper, in person")
    POST = "post", _("paper, by post")
    HOME = "home", _("paper, collected at home")
    IMPORTED = "imported", _("imported from a file")


PAPER_CHANNELS = [BallotChannel.IN_PERSON, BallotChannel.POST, BallotChannel.HOME]


class BallotState(models.TextChoices):
    VALID = "valid", _("counted")
    VOID = "void", _("void: the person voted more than once")


class BallotQuerySet(models.QuerySet):
    def counted(self) -> BallotQuerySet:
        return self.filter(state=BallotState.VALID)


class Ballot(models.Model):
    """One voter's ballot (karta do głosowania), stored whole with its votes.

    ``voter_key`` is the ballot key (``voting.ballot_key``): an HMAC, with a key of its
    own that the database does not hold, of the edition and the voter's identity key.
    It cannot be joined to the person's residency record, nor to their ballot in another
    edition, yet it is the same for every ballot of one person in one edition.  The
    database allows one non-duplicate ballot per key and edition, so two sessions racing
    for the same person cannot both be stored.  A paper ballot of a
    person who already voted is stored with ``duplicate=True`` and both are resolved
    by the edition's ``duplicate_rule``.  Imported ballots are anonymous (no key).
    """

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="ballots")
    voter_key = models.CharField(max_length=80, null=True, blank=True)  # noqa: DJ001
    duplicate = models.BooleanField(default=False)
    state = models.CharField(max_length=6, choices=BallotState.choices, default=BallotState.VALID)
    channel = models.CharField(_("channel"), max_length=10, choices=BallotChannel.choices)
    received_on = models.DateField(_("received on"))
    receipt_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    district = models.ForeignKey(
        "places.District", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    age = models.PositiveSmallIntegerField(null=True, blank=True)
    sex = models.CharField(max_length=1, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    source_id = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = BallotQuerySet.as_manager()

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "voter_key"],
                condition=Q(voter_key__isnull=False, duplicate=False),
                name="budgets_one_ballot_per_person",
            ),
            models.CheckConstraint(
                condition=Q(channel="imported") | Q(voter_key__isnull=False),
                name="budgets_ballot_has_voter",
            ),
            models.CheckConstraint(
                condition=Q(duplicate=False) | Q(channel__in=["in_person", "post", "home"]),
                name="budgets_only_paper_duplicates",
            ),
        ]
        indexes = [models.Index(fields=["edition", "state"])]

    def __str__(self) -> str:
        return f"{self.edition_id}/{self.pk}"


class BallotChoice(models.Model):
    """One project marked on a ballot (a vote; named ``Vote`` until budgets 0019, and its
    table, ``budgets_vote``, keeps that name for the triggers and the raw SQL).

    ``position`` numbers the ballot's votes in one pool 1, 2, 3...; it is unique per
    ballot and pool and at most ``pool_limit`` (the pool's ``max_choices`` copied at
    voting), so the database itself refuses more projects than the pool allows.  For
    ranking ballots the position is the rank.

    A vote carries 1 to ``MAX_POINTS`` points (a CHECK, on every database), and on a
    cumulative ballot the votes of one ballot in one pool add up to at most the pool's
    ``points_budget``.  That sum spans rows and another table, which no CHECK can see, so
    a trigger holds it (migration 0006): on PostgreSQL a statement trigger after INSERT
    or UPDATE of votes, which sums the touched ballots' votes along the
    ``budgets_vote_position`` index and raises a check violation, so the one-statement
    ballot insert stays one statement and one round trip, and fails whole; on SQLite a
    row trigger does the same.  Copying the budget onto each vote under a composite
    foreign key, as ``pool_limit`` copies the limit, would bound one vote, not the
    ballot's sum, and would add a column to every vote.  A trigger on the pool refuses a
    budget lowered below a ballot already cast.
    """

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="votes")
    pool = models.ForeignKey(Pool, on_delete=models.PROTECT, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="votes")
    position = models.PositiveSmallIntegerField()
    pool_limit = models.PositiveSmallIntegerField()
    points = models.PositiveIntegerField(default=1)

    class Meta:
        db_table = "budgets_vote"
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "proposal"], name="budgets_vote_once"),
            # Pool first: counting reads a pool's votes in ballot order along this index.
            models.UniqueConstraint(
                fields=["pool", "ballot", "position"], name="budgets_vote_position"
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1) & Q(position__lte=models.F("pool_limit")),
                name="budgets_vote_within_limit",
            ),
            models.CheckConstraint(
                condition=Q(points__gte=1, points__lte=MAX_POINTS), name="budgets_vote_points"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ballot_id}: {self.proposal_id}"


# Results ----------------------------------------------------------------------------


class CountState(models.TextChoices):
    QUEUED = "queued", _("waiting")
    RUNNING = "running", _("counting")
    DONE = "done", _("counted")
    FAILED = "failed", _("failed")


class CountRun(models.Model):
    """One count of an edition's ballots through wiec.tally; officials publish one."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="counts")
    state = models.CharField(max_length=8, choices=CountState.choices, default=CountState.QUEUED)
    progress = models.FloatField(default=0)
    message = models.CharField(max_length=300, blank=True)
    #: ``{"code": ..., "params": ...}`` of the engine error that stopped a failed count.
    error = models.JSONField(default=dict, blank=True)
    rule = models.CharField(max_length=40, blank=True)  # blank: each pool's own rule
    published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition"], condition=Q(published=True), name="budgets_one_published"
            ),
            models.CheckConstraint(
                condition=Q(published=False) | Q(state="done"), name="budgets_publish_done"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.edition} #{self.pk}"

    @property
    def problem(self) -> str:
        """Why a failed count failed, in the reader's language."""
        from wiec.budgets.explanations import error_message

        if self.error.get("code"):
            return error_message(self.error["code"], self.error.get("params"))
        return self.message


class PoolResult(models.Model):
    run = models.ForeignKey(CountRun, on_delete=models.CASCADE, related_name="pools")
    pool = models.ForeignKey(Pool, on_delete=models.CASCADE, related_name="results")
    rule = models.CharField(max_length=40)
    budget = models.BigIntegerField()
    spent = models.BigIntegerField()
    voters = models.PositiveIntegerField()

    class Meta:
        ordering = ["pool__kind", "pool__district__number", "pool__name"]
        constraints = [
            models.UniqueConstraint(fields=["run", "pool"], name="budgets_pool_result_once")
        ]

    def __str__(self) -> str:
        return f"{self.run_id}: {self.pool}"


class ProjectResult(models.Model):
    """What happened to one proposal in a count, with the engine's reason.

    The reason is kept as the engine's code and parameters only; ``explain`` renders
    it through the catalogue in the reader's language (``budgets.explanations``).
    """

    pool_result = models.ForeignKey(PoolResult, on_delete=models.CASCADE, related_name="projects")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="results")
    position = models.PositiveIntegerField()
    votes = models.PositiveIntegerField()
    score = models.BigIntegerField()
    cost = models.BigIntegerField()
    selected = models.BooleanField()
    status = models.CharField(max_length=20)
    reason = models.CharField(max_length=40)
    reason_params = models.JSONField(default=dict)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.status}"

    def explain(self, titles: dict[str, str] | None = None) -> str:
        """Why it was selected or not, in the reader's language (``titles``: pk -> title)."""
        from wiec.budgets.explanations import explain

        return explain(
            self.reason,
            self.reason_params,
            votes=self.votes,
            score=self.score,
            cost=self.cost,
            titles=titles,
        )

    @property
    def explanation(self) -> str:
        return self.explain()


# Implementation ---------------------------------------------------------------------


class ProjectProgress(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    ABANDONED = "abandoned", _("not carried out")


class Implementation(models.Model):
    """How a selected project is carried out (realizacja projektu)."""

    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="implementation"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ProjectProgress.choices,
        default=ProjectProgress.PLANNED,
    )
    percent_done = models.PositiveSmallIntegerField(_("percent done"), default=0)
    actual_cost = models.BigIntegerField(_("actual cost (grosze)"), null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("implementation")
        verbose_name_plural = _("implementations")
        constraints = [
            models.CheckConstraint(condition=Q(percent_done__lte=100), name="budgets_percent_done"),
            models.CheckConstraint(
                condition=Q(actual_cost__isnull=True) | Q(actual_cost__gte=0),
                name="budgets_actual_cost",
            ),
        ]

    def __str__(self) -> str:
        return str(self.proposal)

    @property
    def scope_district_id(self) -> int | None:
        return self.proposal.pool.district_id

    @property
    def selected_in(self) -> int | None:
        """The year the project was selected: when its edition's voting ended."""
        voting = self.proposal.edition.phase(PhaseType.VOTING)
        return voting.ends_on.year if voting else None

    @property
    def not_started(self) -> bool:
        """Planned and nothing reported: say so, rather than "planned, 0%"."""
        return self.status == ProjectProgress.PLANNED and not self.percent_done

    @property
    def over_estimate(self) -> bool:
        return self.actual_cost is not None and self.actual_cost > self.proposal.cost


class ImplementationUpdate(models.Model):
    implementation = models.ForeignKey(
        Implementation, on_delete=models.CASCADE, related_name="updates"
    )
    day = models.DateField(_("date"))
    text = models.TextField(_("what happened"))
    photo = UploadField(_("photo"), upload_to="budgets/implementation/%Y/", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-day", "-pk"]

    def __str__(self) -> str:
        return f"{self.implementation_id}: {self.day}"
