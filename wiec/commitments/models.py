"""Commitments (zobowiązania): what the city promised as the outcome of a process with
residents, whoever the tool, and how carrying it out goes."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wiec.core.fields import UploadField


class CommitmentStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("commitment", "planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("commitment", "in progress")
    DONE = "done", pgettext_lazy("commitment", "done")
    ABANDONED = "abandoned", pgettext_lazy("commitment", "abandoned")


OPEN_STATUSES = (CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS)
LATE = "late"
LATE_LABEL = pgettext_lazy("commitment", "late")


class Acceptance(models.TextChoices):
    FULL = "full", _("accepted in full")
    PARTLY = "partly", _("accepted in part")


class CommitmentSource(models.TextChoices):
    """The tool whose outcome the commitment is (a key of the platform registry)."""

    BUDGETS = "budgets", _("Participatory budget")
    PANELS = "panels", _("Citizens' panel")
    CONSULTATIONS = "consultations", _("Consultation")
    INITIATIVES = "initiatives", _("Local initiative")
    STRATEGIES = "strategies", _("Strategy")
    OTHER = "other", _("Other")


class CommitmentQuerySet(models.QuerySet):
    def for_city(self, city) -> CommitmentQuerySet:
        return self.filter(city=city) if city is not None else self.none()

    def late(self, today: datetime.date | None = None) -> CommitmentQuerySet:
        today = today or timezone.localdate()
        return self.filter(status__in=OPEN_STATUSES, planned_on__lt=today)

    def not_late(self, today: datetime.date | None = None) -> CommitmentQuerySet:
        today = today or timezone.localdate()
        return self.exclude(status__in=OPEN_STATUSES, planned_on__lt=today)


class Commitment(models.Model):
    """One outcome the city committed to, linked to the record it came from."""

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    tool = models.CharField(_("tool"), max_length=20, choices=CommitmentSource.choices)
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    source_url = models.CharField(max_length=300, blank=True)
    process_title = models.CharField(_("process"), max_length=300, blank=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("what was promised"), blank=True)
    acceptance = models.CharField(
        _("how it was accepted"), max_length=10, choices=Acceptance.choices, blank=True
    )
    district = models.ForeignKey(
        "places.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    owner_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year the promise was made"))
    planned_on = models.DateField(_("planned completion"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.PLANNED,
    )
    abandoned_reason = models.TextField(_("why it was abandoned"), blank=True)
    money_planned = models.BigIntegerField(_("money planned (grosze)"), null=True, blank=True)
    money_spent = models.BigIntegerField(_("money spent (grosze)"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    goal = models.ForeignKey(
        "commitments.Goal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("strategic goal"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["planned_on", "pk"]
        indexes = [models.Index(fields=["city", "tool", "year"])]
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id"],
                condition=Q(source_id__isnull=False),
                name="commitments_one_per_source",
            ),
            models.CheckConstraint(
                condition=~Q(status="abandoned") | ~Q(abandoned_reason=""),
                name="commitments_abandoned_has_reason",
            ),
            models.CheckConstraint(
                condition=(Q(money_planned__isnull=True) | Q(money_planned__gte=0))
                & (Q(money_spent__isnull=True) | Q(money_spent__gte=0)),
                name="commitments_money_not_negative",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="commitments_has_title"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("commitments:detail", args=[self.pk])

    @property
    def scope_district_id(self) -> int | None:
        return self.district_id

    def is_late(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.status in OPEN_STATUSES and self.planned_on is not None and self.planned_on < today
        )

    @property
    def shown_status(self) -> str:
        """The status a reader sees: late is derived from the planned date."""
        return LATE if self.is_late() else self.status

    @property
    def shown_status_label(self) -> str:
        return str(LATE_LABEL) if self.is_late() else self.get_status_display()

    @property
    def days_late(self) -> int:
        if not self.is_late():
            return 0
        return (timezone.localdate() - self.planned_on).days


class CommitmentUpdate(models.Model):
    """A dated account of progress, with its evidence (a photo, a document, a link)."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="updates")
    day = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=12, choices=CommitmentStatus.choices)
    text = models.TextField(_("what happened"))
    photo = UploadField(_("photo"), upload_to="commitments/%Y/", blank=True)
    document = UploadField(_("document"), upload_to="commitments/%Y/", blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    money_spent = models.BigIntegerField(_("money spent so far (grosze)"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("commitment update")
        verbose_name_plural = _("commitment updates")
        ordering = ["-day", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="commitments_update_has_text"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id}: {self.day}"

    def get_absolute_url(self) -> str:
        return f"{self.commitment.get_absolute_url()}#update-{self.pk}"


class CommitmentFollow(models.Model):
    """A resident who wants to hear about a commitment's updates (named ``Follow`` until
    commitments 0006; the table keeps that name)."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "commitments_follow"
        constraints = [
            models.UniqueConstraint(fields=["commitment", "user"], name="commitments_follow_once")
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id}: {self.user_id}"


# A standing monitoring panel ------------------------------------------------------


class Oversight(models.Model):
    """A citizens' panel given the task of overseeing a commitment."""

    panel = models.ForeignKey(
        "panels.CitizensPanel", on_delete=models.CASCADE, related_name="+", verbose_name=_("panel")
    )
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="oversights")
    since = models.DateField(default=timezone.localdate)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["panel", "commitment"], name="commitments_oversee_once")
        ]

    def __str__(self) -> str:
        return f"{self.panel_id}: {self.commitment_id}"


class MonitoringQuestion(models.Model):
    """A monitoring panel's question to the unit that owns a commitment (named
    ``Question`` until commitments 0006; the table keeps that name)."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="questions")
    panel = models.ForeignKey("panels.CitizensPanel", on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("question"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(_("answer due"))
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "commitments_question"
        verbose_name = _("question to the office")
        verbose_name_plural = _("questions to the office")
        ordering = ["asked_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="commitments_question_has_text"),
            models.CheckConstraint(
                condition=Q(answer="") | Q(answered_at__isnull=False),
                name="commitments_answer_dated",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def scope_district_id(self) -> int | None:
        return self.commitment.district_id


class Verdict(models.TextChoices):
    ON_TRACK = "on_track", _("on track")
    LATE = "late", pgettext_lazy("assessment", "late")
    NOT_DONE = "not_done", _("not done")


class Assessment(models.Model):
    """The monitoring panel's periodic assessment, shown beside the city's own status."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="assessments")
    panel = models.ForeignKey("panels.CitizensPanel", on_delete=models.CASCADE, related_name="+")
    verdict = models.CharField(_("assessment"), max_length=10, choices=Verdict.choices)
    note = models.TextField(_("justification"))
    day = models.DateField(_("date"), default=timezone.localdate)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("panel's assessment")
        verbose_name_plural = _("panel's assessments")
        ordering = ["-day", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(note=""), name="commitments_assessment_has_note"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id}: {self.verdict}"


# Who takes part ---------------------------------------------------------------------


class Dimension(models.TextChoices):
    DISTRICT = "district", _("district")
    AGE = "age", _("age band")
    SEX = "sex", _("sex")


class PopulationFigure(models.Model):
    """How many residents a group has (the municipality's own figures, by an official).

    One row per year, dimension and group: a district's slug, an age band
    (``18-29``), or a sex (``F``, ``M``), as in the uploaded file.
    """

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    dimension = models.CharField(_("dimension"), max_length=10, choices=Dimension.choices)
    group = models.CharField(_("group"), max_length=80)
    count = models.PositiveIntegerField(_("residents"))

    class Meta:
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")
        ordering = ["year", "dimension", "group"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "year", "dimension", "group"], name="commitments_population_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.dimension} {self.group}: {self.count}"


# Evaluation after every process -------------------------------------------------------


class ProcessEvaluation(models.Model):
    """A participant's answers to the standard questionnaire after a process ends
    (1 = not at all, 5 = fully), with the tool's own extra questions in ``extra``.

    Consultations keep their own ``consultations.Evaluation`` (its two questions are the
    first two here); the results read both, so nothing is asked twice.
    """

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    tool = models.CharField(_("tool"), max_length=20, choices=CommitmentSource.choices)
    process_key = models.CharField(max_length=40)
    process_title = models.CharField(_("process"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    information_clear = models.PositiveSmallIntegerField(_("the information was clear"))
    felt_heard = models.PositiveSmallIntegerField(_("I felt heard"))
    know_outcome = models.PositiveSmallIntegerField(_("I know what happened with my opinion"))
    take_part_again = models.PositiveSmallIntegerField(_("I would take part again"))
    extra = models.JSONField(default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.UniqueConstraint(
                fields=["tool", "process_key", "user"], name="commitments_evaluate_once"
            ),
            models.CheckConstraint(
                condition=Q(information_clear__gte=1, information_clear__lte=5)
                & Q(felt_heard__gte=1, felt_heard__lte=5)
                & Q(know_outcome__gte=1, know_outcome__lte=5)
                & Q(take_part_again__gte=1, take_part_again__lte=5),
                name="commitments_evaluation_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tool}:{self.process_key}"


class ProcessEvaluationInvitation(models.Model):
    """A participant was invited to evaluate a process; the row makes it once (named
    ``EvaluationInvitation`` until commitments 0006; the table keeps that name)."""

    tool = models.CharField(max_length=20, choices=CommitmentSource.choices)
    process_key = models.CharField(max_length=40)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "commitments_evaluationinvitation"
        constraints = [
            models.UniqueConstraint(
                fields=["tool", "process_key", "user"], name="commitments_invite_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.tool}:{self.process_key}: {self.user_id}"


# Monitored strategies ------------------------------------------------------------------


class Strategy(models.Model):
    """A strategy or programme (climate plan, revitalisation) the city monitors with
    residents: goals, measures with indicators, and tasks that become commitments."""

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    starts_year = models.PositiveSmallIntegerField(_("from year"))
    ends_year = models.PositiveSmallIntegerField(_("to year"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["-starts_year", "title"]
        constraints = [
            models.UniqueConstraint(fields=["city", "slug"], name="commitments_strategy_slug"),
            models.CheckConstraint(
                condition=Q(ends_year__gte=models.F("starts_year")),
                name="commitments_strategy_years",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("commitments:strategy", args=[self.slug])


class Goal(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="goals")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("goal"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("strategic goal")
        verbose_name_plural = _("strategic goals")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="commitments_goal_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Measure(models.Model):
    """A measure of a goal with its indicator: baseline, target, and yearly values."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    target_year = models.PositiveSmallIntegerField(_("target year"))
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("strategy measure")
        verbose_name_plural = _("strategy measures")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_year__gt=models.F("baseline_year")),
                name="commitments_measure_years",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def target_on(self, year: int) -> float:
        """The straight path from the baseline to the target."""
        span = self.target_year - self.baseline_year
        done = min(max(year - self.baseline_year, 0), span)
        return float(self.baseline) + (float(self.target) - float(self.baseline)) * done / span


class IndicatorValue(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "year"], name="commitments_value_once")
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.year}: {self.value}"


class GoalComment(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="commitments_comment_has_text")
        ]

    def __str__(self) -> str:
        return self.text[:60]


class YearlyReport(models.Model):
    """The municipality's own words for a year's participation report (the rest of the
    report is assembled from the data when it is shown)."""

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    introduction = models.TextField(_("introduction"), blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("yearly participation report")
        verbose_name_plural = _("yearly participation reports")
        constraints = [
            models.UniqueConstraint(fields=["city", "year"], name="commitments_report_once")
        ]

    def __str__(self) -> str:
        return f"{self.city_id} {self.year}"
