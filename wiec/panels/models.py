"""Citizens' panels (panel obywatelski): recruitment, the lottery, deliberation, follow-up.

Invariants that matter for fairness live in the database: an invitation code is used
once, a person votes once on each recommendation, a reserve position is unique, a
panel has one lottery and quota bounds are ordered.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wiec.panels.phases import PanelPhase


class Denominator(models.TextChoices):
    ALL_PANELISTS = "all", _("all panelists")
    VOTING = "voting", _("panelists who voted")


class CitizensPanelQuerySet(models.QuerySet):
    def public(self) -> CitizensPanelQuerySet:
        return self.filter(is_published=True)


class CitizensPanel(models.Model):
    """One panel: its topic, people, schedule and rules for the vote."""

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    slug = models.SlugField(_("address"), max_length=80)  # unique within the municipality
    topic = models.CharField(_("topic"), max_length=200)
    question = models.TextField(_("question for the panel"))
    description = models.TextField(_("description"), blank=True)
    organisers = models.TextField(_("organisers"), blank=True)
    experts = models.TextField(_("experts"), blank=True, help_text=_("One per line."))
    panel_size = models.PositiveIntegerField(_("number of panelists"), default=24)
    reserves_count = models.PositiveIntegerField(_("number of reserves"), default=4)
    uses_invitations = models.BooleanField(
        _("applications need an invitation code"),
        default=False,
        help_text=_("For panels that recruit by letters sent to randomly drawn households."),
    )
    recruitment_starts = models.DateField(_("recruitment starts"))
    recruitment_ends = models.DateField(_("recruitment ends"))
    deliberation_starts = models.DateField(_("deliberation starts"))
    recommendations_start = models.DateField(_("recommendations phase starts"))
    monitoring_starts = models.DateField(_("monitoring starts"))
    voting_opens_at = models.DateTimeField(_("voting opens"), null=True, blank=True)
    voting_closes_at = models.DateTimeField(_("voting closes"), null=True, blank=True)
    binding_threshold = models.PositiveSmallIntegerField(_("binding threshold (%)"), default=80)
    advisory_threshold = models.PositiveSmallIntegerField(_("advisory threshold (%)"), default=50)
    denominator = models.CharField(
        _("support counted against"),
        max_length=10,
        choices=Denominator.choices,
        default=Denominator.ALL_PANELISTS,
    )
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    is_published = models.BooleanField(_("public"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = CitizensPanelQuerySet.as_manager()

    class Meta:
        verbose_name = _("citizens' panel")
        verbose_name_plural = _("citizens' panels")
        ordering = ["-recruitment_starts"]
        constraints = [
            models.UniqueConstraint(fields=["city", "slug"], name="panels_panel_slug_per_city"),
            models.CheckConstraint(
                condition=models.Q(recruitment_ends__gte=models.F("recruitment_starts"))
                & models.Q(deliberation_starts__gt=models.F("recruitment_ends"))
                & models.Q(recommendations_start__gte=models.F("deliberation_starts"))
                & models.Q(monitoring_starts__gte=models.F("recommendations_start")),
                name="panels_panel_dates_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(advisory_threshold__lte=models.F("binding_threshold"))
                & models.Q(binding_threshold__lte=100),
                name="panels_panel_thresholds_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(voting_opens_at__isnull=True)
                | models.Q(voting_closes_at__isnull=True)
                | models.Q(voting_closes_at__gt=models.F("voting_opens_at")),
                name="panels_panel_voting_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("panels:detail", kwargs={"slug": self.slug})

    @property
    def scope_district_id(self) -> int | None:
        """A panel concerns the whole city (for ``is_official_in_scope``)."""
        return None

    def phase_on(self, day: datetime.date | None = None) -> PanelPhase:
        day = day or timezone.localdate()
        if day < self.recruitment_starts:
            return PanelPhase.ANNOUNCED
        if day <= self.recruitment_ends:
            return PanelPhase.RECRUITMENT
        if day < self.deliberation_starts:
            return PanelPhase.SELECTION
        if day < self.recommendations_start:
            return PanelPhase.DELIBERATION
        if day < self.monitoring_starts:
            return PanelPhase.RECOMMENDATIONS
        return PanelPhase.MONITORING

    @property
    def phase(self) -> PanelPhase:
        return self.phase_on()

    def voting_is_open(self, now: datetime.datetime | None = None) -> bool:
        if self.voting_opens_at is None or self.voting_closes_at is None:
            return False
        now = now or timezone.now()
        return self.voting_opens_at <= now < self.voting_closes_at

    def voting_has_closed(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.voting_closes_at is not None and now >= self.voting_closes_at

    def expert_list(self) -> list[str]:
        return [line.strip() for line in self.experts.splitlines() if line.strip()]


class FeatureKind(models.TextChoices):
    SEX = "sex", _("sex")
    AGE_GROUP = "age_group", _("age group")
    DISTRICT = "district", _("district")
    EDUCATION = "education", _("education")
    CUSTOM = "custom", _("custom question")


class Feature(models.Model):
    """A demographic question of one panel (kryterium), e.g. age group."""

    panel = models.ForeignKey(CitizensPanel, on_delete=models.CASCADE, related_name="features")
    key = models.SlugField(_("key"), max_length=40, help_text=_("Column name in CSV files."))
    label = models.CharField(_("question"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=FeatureKind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("demographic question")
        verbose_name_plural = _("demographic questions")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "key"], name="panels_feature_key_unique")
        ]

    def __str__(self) -> str:
        return self.label


class FeatureValue(models.Model):
    """One answer to a question, with its census share and quota (kwota)."""

    feature = models.ForeignKey(Feature, on_delete=models.CASCADE, related_name="values")
    key = models.SlugField(_("key"), max_length=40)
    label = models.CharField(_("answer"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    population_share = models.DecimalField(
        _("share in the population (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    quota_min = models.PositiveIntegerField(_("at least"), null=True, blank=True)
    quota_max = models.PositiveIntegerField(_("at most"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["feature", "key"], name="panels_value_key_unique"),
            models.CheckConstraint(
                condition=models.Q(quota_min__isnull=True, quota_max__isnull=True)
                | models.Q(
                    quota_min__isnull=False,
                    quota_max__isnull=False,
                    quota_min__lte=models.F("quota_max"),
                ),
                name="panels_value_quota_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.feature.label}: {self.label}"

    @property
    def has_quota(self) -> bool:
        return self.quota_min is not None and self.quota_max is not None


class InvitationCode(models.Model):
    """A code printed in one invitation letter; only its hash is kept, used once."""

    panel = models.ForeignKey(CitizensPanel, on_delete=models.CASCADE, related_name="invitations")
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation code")
        verbose_name_plural = _("invitation codes")

    def __str__(self) -> str:
        return self.code_hash[:12]


class Source(models.TextChoices):
    FORM = "form", _("application form")
    IMPORT = "import", pgettext_lazy("application", "imported from a file")


class Respondent(models.Model):
    """A person who volunteered (zgłoszenie do losowania), with their answers.

    ``answers`` maps a feature key to a value key; ``household_hash`` is a keyed hash
    of the household key (letter code or address): at most one person per household
    can sit on the panel.
    """

    panel = models.ForeignKey(CitizensPanel, on_delete=models.CASCADE, related_name="respondents")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="panel_applications",
    )
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    answers = models.JSONField(_("answers"), default=dict)
    household_hash = models.CharField(max_length=64, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.FORM)
    consent_at = models.DateTimeField(_("consent to processing given"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "user"],
                condition=models.Q(user__isnull=False),
                name="panels_respondent_one_application_per_user",
            )
        ]

    def __str__(self) -> str:
        return self.full_name


class LotteryStatus(models.TextChoices):
    ANNOUNCED = "announced", _("seed announced")
    RUNNING = "running", _("drawing")
    DONE = "done", _("drawn")
    FAILED = "failed", _("could not draw")
    CANCELLED = "cancelled", _("cancelled")


class Lottery(models.Model):
    """The public lottery of one panel: the announced seed, then the engine's record.

    The seed is stored with the time it was announced, before the draw; the draw is
    refused without it. After the draw the exact inputs (in the engine's CSV format,
    with anonymous ids = row numbers) and results are kept so anyone can re-run it.
    """

    panel = models.OneToOneField(CitizensPanel, on_delete=models.CASCADE, related_name="lottery")
    seed = models.CharField(_("seed"), max_length=100)
    seed_announced_at = models.DateTimeField(_("seed announced"))
    seed_announced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=LotteryStatus.choices, default=LotteryStatus.ANNOUNCED
    )
    progress = models.FloatField(default=0.0)
    progress_message = models.CharField(max_length=200, blank=True)
    # The engine's ProgressReport: a stage code (shown translated), the smallest
    # probability found or targeted so far, and how far the panels are from it.
    progress_stage = models.CharField(max_length=20, blank=True)
    progress_minimum = models.FloatField(null=True, blank=True)
    progress_gap = models.FloatField(null=True, blank=True)
    error = models.JSONField(default=dict, blank=True)
    algorithm = models.CharField(max_length=20, default="leximin")
    engine_version = models.CharField(max_length=200, blank=True)
    inputs_hash = models.CharField(max_length=64, blank=True)
    categories_csv = models.TextField(blank=True)
    respondents_csv = models.TextField(blank=True)
    household_column = models.CharField(max_length=20, blank=True)
    respondent_ids = models.JSONField(default=list, blank=True)
    probabilities = models.JSONField(default=list, blank=True)
    panel_rows = models.JSONField(default=list, blank=True)
    reserve_rows = models.JSONField(default=list, blank=True)
    record = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lottery")
        verbose_name_plural = _("lotteries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__gte=0) & models.Q(progress__lte=1),
                name="panels_lottery_progress_fraction",
            )
        ]

    def __str__(self) -> str:
        return f"{self.panel}: {self.seed}"

    @property
    def is_done(self) -> bool:
        return self.status == LotteryStatus.DONE

    @property
    def can_start(self) -> bool:
        """A draw can (re)start with the announced seed unless one runs or is done."""
        return self.status not in (LotteryStatus.RUNNING, LotteryStatus.DONE)

    @property
    def min_probability(self) -> float:
        return min(self.probabilities) if self.probabilities else 0.0


def anonymous_id(row: int) -> str:
    """The label of row ``row`` (0-based) of the published respondents.csv.

    Only the lottery record uses it; panelists have ids of their own that are not
    linked to rows (``adapters.seat_ids``).
    """
    return f"R{row:04d}"


class PanelistKind(models.TextChoices):
    MEMBER = "member", _("panelist")
    RESERVE = "reserve", _("reserve")


class PanelistStatus(models.TextChoices):
    WAITING = "waiting", _("waiting on the reserve list")
    INVITED = "invited", _("invited, not yet confirmed")
    CONFIRMED = "confirmed", pgettext_lazy("panelist", "confirmed")
    DECLINED = "declined", _("declined")
    DROPPED_OUT = "dropped_out", _("dropped out")


class Panelist(models.Model):
    """A person drawn onto the panel or the reserve list (in call-up order).

    A person drawn without an account (imported from a CSV, or who applied by letter)
    gets a one-time claim code by post; ``claim_code_hash`` keeps only its keyed hash,
    and ``claimed_at`` records when a resident entered it and linked the seat to
    their account.
    """

    panel = models.ForeignKey(CitizensPanel, on_delete=models.CASCADE, related_name="panelists")
    respondent = models.OneToOneField(Respondent, on_delete=models.CASCADE, related_name="panelist")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="panel_seats",
    )
    anonymous_id = models.CharField(_("anonymous id"), max_length=10)
    kind = models.CharField(max_length=10, choices=PanelistKind.choices)
    drawn_as = models.CharField(max_length=10, choices=PanelistKind.choices)
    reserve_position = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=PanelistStatus.choices)
    replaces = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaced_by"
    )
    status_changed_at = models.DateTimeField(default=timezone.now)
    claim_code_hash = models.CharField(max_length=64, blank=True)
    claim_code_issued_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("panelist")
        verbose_name_plural = _("panelists")
        ordering = ["kind", "reserve_position", "anonymous_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "reserve_position"], name="panels_reserve_position_unique"
            ),
            models.UniqueConstraint(
                fields=["panel", "anonymous_id"], name="panels_panelist_anonymous_id_unique"
            ),
            models.UniqueConstraint(
                fields=["claim_code_hash"],
                condition=~models.Q(claim_code_hash=""),
                name="panels_panelist_claim_code_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.anonymous_id} ({self.get_kind_display()})"

    @property
    def is_active_member(self) -> bool:
        return self.kind == PanelistKind.MEMBER and self.status in {
            PanelistStatus.INVITED,
            PanelistStatus.CONFIRMED,
        }


class Session(models.Model):
    """A meeting of the panel: learning, deliberation or voting."""

    panel = models.ForeignKey(CitizensPanel, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    link = models.URLField(_("online link"), blank=True)
    description = models.TextField(_("programme"), blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(place="") | ~models.Q(link=""),
                name="panels_session_has_place_or_link",
            )
        ]

    def __str__(self) -> str:
        return self.title


class MaterialKind(models.TextChoices):
    DOCUMENT = "document", _("document")
    PRESENTATION = "presentation", _("expert presentation")
    VIDEO = "video", _("video")


class Material(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=MaterialKind.choices)
    url = models.URLField(_("link"))
    author = models.CharField(_("author or expert"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    panelist = models.ForeignKey(Panelist, on_delete=models.CASCADE, related_name="attendance")

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "panelist"], name="panels_attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.session}: {self.panelist}"


class SupportLevel(models.TextChoices):
    BINDING = "binding", _("binding")
    ADVISORY = "advisory", _("advisory")
    REJECTED = "rejected", _("not adopted")


class RecommendationProgress(models.TextChoices):
    AWAITING = "awaiting", _("awaiting the city's response")
    PLANNED = "planned", pgettext_lazy("recommendation", "planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("implemented")
    NOT_IMPLEMENTED = "not_implemented", _("will not be implemented")


class Recommendation(models.Model):
    """A recommendation drafted by panelists, voted on, then followed up by the city."""

    panel = models.ForeignKey(
        CitizensPanel, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    drafted_by = models.ForeignKey(
        Panelist, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    votes_yes = models.PositiveIntegerField(null=True, blank=True)
    votes_counted = models.PositiveIntegerField(null=True, blank=True)
    support_denominator = models.PositiveIntegerField(null=True, blank=True)
    support_level = models.CharField(max_length=10, choices=SupportLevel.choices, blank=True)
    response = models.TextField(_("the city's response"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    implementation_status = models.CharField(
        _("implementation"),
        max_length=20,
        choices=RecommendationProgress.choices,
        default=RecommendationProgress.AWAITING,
    )

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "number"], name="panels_recommendation_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def support_percent(self) -> float | None:
        if self.votes_yes is None or not self.support_denominator:
            return None
        return 100.0 * self.votes_yes / self.support_denominator


class VoteChoice(models.TextChoices):
    YES = "yes", _("I support it")
    NO = "no", _("I do not support it")
    ABSTAIN = "abstain", _("I abstain")


class RecommendationVote(models.Model):
    """A panelist's vote on a recommendation (named ``Vote`` until panels 0007; the
    table keeps that name)."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="votes"
    )
    panelist = models.ForeignKey(Panelist, on_delete=models.CASCADE, related_name="votes")
    choice = models.CharField(_("your vote"), max_length=10, choices=VoteChoice.choices)
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "panels_vote"
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "panelist"], name="panels_vote_once")
        ]

    def __str__(self) -> str:
        return f"{self.recommendation}: {self.choice}"


class RecommendationUpdate(models.Model):
    """A dated note on how a recommendation is being carried out (named
    ``ImplementationUpdate`` until panels 0007; the table keeps that name)."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="updates"
    )
    date = models.DateField(_("date"))
    status = models.CharField(
        _("implementation"), max_length=20, choices=RecommendationProgress.choices
    )
    note = models.TextField(_("what happened"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        db_table = "panels_implementationupdate"
        verbose_name = _("implementation update")
        verbose_name_plural = _("implementation updates")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.date}: {self.get_status_display()}"


class PostKind(models.TextChoices):
    DISCUSSION = "discussion", _("discussion")
    QUESTION = "question", _("question to the experts")


class SpacePost(models.Model):
    """A post in the panel's online space between sessions (przestrzeń panelu).

    Seen only by the panel's seated panelists and its organisers: the discussion is
    the panelists' own, as a session's group work is. A question to the experts gets
    its answer on the same row, from the organisers, who pass it to the experts.
    """

    panel = models.ForeignKey(CitizensPanel, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=PostKind.choices)
    topic = models.CharField(_("topic"), max_length=120)
    text = models.TextField(_("text"), max_length=4000)
    answer = models.TextField(_("answer"), blank=True, max_length=4000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("post in the panel's space")
        verbose_name_plural = _("posts in the panel's space")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["panel", "kind", "created_at"])]

    def __str__(self) -> str:
        return f"{self.panel_id}: {self.topic}"
