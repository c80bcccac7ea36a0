"""The regional network above the municipalities: its roles, the index of every
member municipality's processes (the Map of Participation), good practices, members,
events, advice requests, the newsletter, the self-assessment and the ranking.

The network is one per installation and sits above the municipalities: rows about a
municipality (a process, a practice, an advice request, a self-assessment, a ranking
row) carry its ``city`` and every index on them begins with it; rows of the network
itself (events, newsletter issues, subscribers, the questionnaire) belong to no one
municipality.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wiec.core.fields import UploadField


def _in_language(obj: models.Model, name: str) -> str:
    """The field ``name_<lang>`` in the reader's language, Polish when it is empty."""
    lang = (translation.get_language() or "pl")[:2]
    return getattr(obj, f"{name}_{lang}", "") or getattr(obj, f"{name}_pl")


class NetworkRoleKind(models.TextChoices):
    EDITOR = "editor", _("network editor")
    ADMINISTRATOR = "administrator", _("network administrator")


class NetworkRole(models.Model):
    """A person's role in the network, apart from any municipality's roles."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=NetworkRoleKind.choices)
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("network role")
        verbose_name_plural = _("network roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="network_role_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class ProcessStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ONGOING = "ongoing", _("under way")
    FINISHED = "finished", _("finished")


class ProcessEntryQuerySet(models.QuerySet):
    def of_city(self, city: object) -> ProcessEntryQuerySet:
        return self.filter(city=city)


class ProcessEntry(models.Model):
    """One process of one member municipality, copied from its tool for the map.

    A denormalised index, rewritten per municipality and tool from the registry
    (``wiec.network.index``), so the Map of Participation never reads the tools' own
    tables while a visitor waits.
    """

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    tool = models.CharField(_("tool"), max_length=40)
    key = models.CharField(max_length=120)
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(max_length=500)
    status = models.CharField(_("status"), max_length=10, choices=ProcessStatus.choices)
    status_label = models.JSONField(default=dict)
    topic = models.CharField(_("topic"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    indexed_at = models.DateTimeField(default=timezone.now)

    objects = ProcessEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("process on the map")
        verbose_name_plural = _("processes on the map")
        ordering = ["-year", "title"]
        constraints = [
            models.UniqueConstraint(fields=["city", "tool", "key"], name="network_process_key"),
        ]
        indexes = [
            models.Index(fields=["city", "-year", "title"], name="network_proc_city_year"),
            models.Index(fields=["tool", "-year", "title"], name="network_proc_tool_year"),
            models.Index(fields=["status", "-year", "title"], name="network_proc_status_year"),
            models.Index(fields=["-year", "title"], name="network_proc_year_title"),
            models.Index(fields=["topic", "-year"], name="network_proc_topic_year"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def status_text(self) -> str:
        lang = (translation.get_language() or "pl")[:2]
        return self.status_label.get(lang) or self.status_label.get("pl") or self.status


class MemberKind(models.TextChoices):
    OFFICIAL = "official", _("local official")
    NGO = "ngo", _("non-governmental organisation")
    LEADER = "leader", _("community leader")


class Member(models.Model):
    """A person or an organisation in the network; shown in the directory only with
    their consent, which they may withdraw at any time (RODO art. 7 ust. 3)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="network_member",
        null=True,
        blank=True,
    )
    city = models.ForeignKey(
        "places.City",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name or organisation"), max_length=200)
    kind = models.CharField(_("type"), max_length=10, choices=MemberKind.choices)
    organisation = models.CharField(_("organisation or office"), max_length=200, blank=True)
    description = models.TextField(_("what you do in participation"), blank=True, max_length=2000)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    listed_since = models.DateTimeField(_("shown in the directory since"), null=True, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        ordering = ["name"]
        indexes = [models.Index(fields=["city", "name"], name="network_member_city")]

    def __str__(self) -> str:
        return self.name

    @property
    def listed(self) -> bool:
        return self.listed_since is not None


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("practice", "draft")
    SUBMITTED = "submitted", pgettext_lazy("practice", "awaiting review")
    RETURNED = "returned", pgettext_lazy("practice", "returned for changes")
    PUBLISHED = "published", pgettext_lazy("practice", "published")


class PracticeQuerySet(models.QuerySet):
    def published(self) -> PracticeQuerySet:
        return self.filter(status=PracticeStatus.PUBLISHED)


class Practice(models.Model):
    """A good practice: a process a member ran, told so that others can repeat it."""

    city = models.ForeignKey(
        "places.City", on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("the problem"), max_length=5000)
    method = models.TextField(_("the method"), max_length=5000)
    participants = models.TextField(_("who took part"), max_length=3000)
    outcome = models.TextField(_("the outcome"), max_length=5000)
    lessons = models.TextField(_("what we would do differently"), max_length=5000)
    contact = models.CharField(_("contact"), max_length=300)
    document = UploadField(_("document"), upload_to="network/practices/", blank=True)
    process = models.ForeignKey(
        ProcessEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
        verbose_name=_("process on the platform"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT
    )
    review_comment = models.TextField(_("editor's comment"), blank=True, max_length=3000)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-published_at", "-created_at"]
        indexes = [models.Index(fields=["city", "status"], name="network_practice_city")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=PracticeStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="network_practice_published_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status=PracticeStatus.RETURNED) | ~Q(review_comment=""),
                name="network_practice_returned_commented",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:practice", args=[self.pk])


class EventKind(models.TextChoices):
    MEETING = "meeting", _("network meeting")
    FORUM = "forum", _("forum")
    LAB = "lab", _("technology lab of participation")


class Event(models.Model):
    """A meeting of the network, with registration up to its capacity."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=EventKind.choices)
    description = models.TextField(_("description"), max_length=5000)
    place = models.CharField(_("place"), max_length=300)
    city = models.ForeignKey(
        "places.City",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("host municipality"),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(_("places"))
    is_published = models.BooleanField(pgettext_lazy("event", "public"), default=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("network event")
        verbose_name_plural = _("network events")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="network_event_dates_order"
            ),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="network_event_capacity"),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True) | ~Q(cancel_reason=""),
                name="network_event_cancel_reasoned",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:event", args=[self.pk])

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None


class EventRegistration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="network_event_one_seat"),
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.user_id}"


class AdviceStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("advice request", "awaiting the foundation")
    ANSWERED = "answered", pgettext_lazy("advice request", "answered")
    CLOSED = "closed", pgettext_lazy("advice request", "closed")


class AdviceStage(models.TextChoices):
    PLANNING = "planning", _("planning a process")
    RUNNING = "running", _("running a process")
    EVALUATING = "evaluating", _("evaluating a process")
    OTHER = "other", _("something else")


#: Working days the foundation gives itself to answer an advice request.
ADVICE_DAYS = 14


class AdviceRequest(models.Model):
    """A member municipality asks the network's foundation for advice."""

    city = models.ForeignKey(
        "places.City", on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=200)
    stage = models.CharField(_("stage"), max_length=12, choices=AdviceStage.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=AdviceStatus.choices, default=AdviceStatus.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(_("answer due"))

    class Meta:
        verbose_name = _("advice request")
        verbose_name_plural = _("advice requests")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["city", "-created_at"], name="network_advice_city")]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("network:advice", args=[self.pk])

    def days_left(self, today: datetime.date | None = None) -> int:
        return (self.due_on - (today or timezone.localdate())).days


class AdviceMessage(models.Model):
    request = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_foundation = models.BooleanField(default=False)
    text = models.TextField(_("message"), max_length=10000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("advice message")
        verbose_name_plural = _("advice messages")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class NewsItem(models.Model):
    """A short piece of the network's news, for the newsletter and the archive."""

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("network news")
        verbose_name_plural = _("network news")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class Subscriber(models.Model):
    """An e-mail address on the newsletter's list: counted only once confirmed (double
    opt-in), removed by one click from any issue."""

    email = models.EmailField(_("e-mail"), unique=True)
    language = models.CharField(max_length=8, default="pl")
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        indexes = [
            models.Index(
                fields=["id"],
                condition=Q(confirmed_at__isnull=False, unsubscribed_at__isnull=True),
                name="network_subscriber_active",
            )
        ]

    def __str__(self) -> str:
        # Masked: the audit log names the row by this, and needs no address.
        local, _at, domain = self.email.partition("@")
        return f"{local[:1]}***@{domain}"

    @property
    def active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class IssueStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("newsletter", "draft")
    SENDING = "sending", pgettext_lazy("newsletter", "being sent")
    SENT = "sent", pgettext_lazy("newsletter", "sent")


class NewsletterIssue(models.Model):
    """One issue of the newsletter, composed from news, practices and events."""

    number = models.PositiveIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), max_length=5000, blank=True)
    news = models.ManyToManyField(NewsItem, blank=True, verbose_name=_("news"))
    practices = models.ManyToManyField(Practice, blank=True, verbose_name=_("good practices"))
    events = models.ManyToManyField(Event, blank=True, verbose_name=_("events"))
    status = models.CharField(max_length=10, choices=IssueStatus.choices, default=IssueStatus.DRAFT)
    recipients_total = models.PositiveIntegerField(default=0)
    recipients_done = models.PositiveIntegerField(default=0)
    last_subscriber_id = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipients_done__lte=F("recipients_total")),
                name="network_issue_progress",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("network:issue", args=[self.number])

    @property
    def percent(self) -> int:
        if not self.recipients_total:
            return 100 if self.status == IssueStatus.SENT else 0
        return round(100 * self.recipients_done / self.recipients_total)


class Area(models.Model):
    """An area of the self-assessment questionnaire; the questions are data."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name_pl = models.CharField(_("name (Polish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("self-assessment area")
        verbose_name_plural = _("self-assessment areas")
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _in_language(self, "name")


class ThemeQuerySet(models.QuerySet):
    def current(self) -> ThemeQuerySet:
        """The themes the questionnaire asks now (not replaced by a newer wording)."""
        return self.filter(retired_at__isnull=True)


class Theme(models.Model):
    """A theme of an area: one question, its maturity levels and a recommendation for
    a municipality that answers low.

    Versioned: once any municipality has answered a theme, its wording and its levels
    are frozen, and an editor's change makes a new version with the same ``number``
    and retires this one (``retired_at``). An answer points at the version that was
    asked, so a past self-assessment keeps the question and the level descriptions its
    team read; the questionnaire asks only the current versions, and year-on-year
    comparisons and the regional median match themes by ``number``. A theme nobody
    answered yet is simply changed in place (see ``services.questionnaire``).
    """

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="themes")
    number = models.PositiveSmallIntegerField(_("number"))
    name_pl = models.CharField(_("name (Polish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    question_pl = models.TextField(_("question (Polish)"))
    question_en = models.TextField(_("question (English)"), blank=True)
    recommendation_pl = models.TextField(_("recommendation (Polish)"))
    recommendation_en = models.TextField(_("recommendation (English)"), blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)
    replaces = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ThemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("self-assessment theme")
        verbose_name_plural = _("self-assessment themes")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"],
                condition=Q(retired_at__isnull=True),
                name="network_theme_number_current",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _in_language(self, "name")

    @property
    def question(self) -> str:
        return _in_language(self, "question")

    @property
    def recommendation(self) -> str:
        return _in_language(self, "recommendation")


class Level(models.Model):
    """One maturity level of a theme (1 the lowest)."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="levels")
    value = models.PositiveSmallIntegerField(_("level"))
    description_pl = models.TextField(_("description (Polish)"))
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        verbose_name = _("maturity level")
        verbose_name_plural = _("maturity levels")
        ordering = ["theme", "value"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "value"], name="network_level_unique"),
            models.CheckConstraint(
                condition=Q(value__gte=1, value__lte=5), name="network_level_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.theme.number}.{self.value}"

    @property
    def description(self) -> str:
        return _in_language(self, "description")


#: An answer at or below this level gets the theme's recommendation.
LOW_LEVEL = 2


class SelfAssessment(models.Model):
    """A municipality's yearly self-assessment, answered by its team."""

    city = models.ForeignKey(
        "places.City", on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    team = models.CharField(_("who answered"), max_length=300)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["city", "year"], name="network_assessment_yearly"),
        ]

    def __str__(self) -> str:
        return f"{self.city} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("network:assessment", args=[self.city.slug, self.year])


class AssessmentAnswer(models.Model):
    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="answers")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"))

    class Meta:
        verbose_name = _("self-assessment answer")
        verbose_name_plural = _("self-assessment answers")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "theme"], name="network_answer_unique"),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="network_answer_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment}: {self.theme.number}={self.level}"


class Ranking(models.Model):
    """One year's ranking "najbardziej partycypacyjna gmina"; frozen when published."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    jury_weight = models.PositiveSmallIntegerField(
        _("weight of the jury's score (%)"),
        default=0,
        help_text=_("0 when the edition has no jury; the indicators weigh the rest."),
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("ranking")
        verbose_name_plural = _("rankings")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=Q(jury_weight__lte=100), name="network_jury_weight"),
        ]

    def __str__(self) -> str:
        return str(self.year)


class JuryScore(models.Model):
    ranking = models.ForeignKey(Ranking, on_delete=models.CASCADE, related_name="jury_scores")
    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(_("jury's score (0-100)"))

    class Meta:
        verbose_name = _("jury's score")
        verbose_name_plural = _("jury's scores")
        constraints = [
            models.UniqueConstraint(fields=["ranking", "city"], name="network_jury_once"),
            models.CheckConstraint(condition=Q(score__lte=100), name="network_jury_range"),
        ]

    def __str__(self) -> str:
        return f"{self.city}: {self.score}"


class RankingRow(models.Model):
    """A frozen value of one indicator for one municipality in a published ranking."""

    ranking = models.ForeignKey(Ranking, on_delete=models.CASCADE, related_name="rows")
    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    indicator = models.CharField(max_length=40)
    value = models.FloatField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = _("ranking value")
        verbose_name_plural = _("ranking values")
        constraints = [
            models.UniqueConstraint(
                fields=["ranking", "city", "indicator"], name="network_ranking_row_once"
            ),
        ]
        indexes = [models.Index(fields=["city", "ranking"], name="network_rankrow_city")]

    def __str__(self) -> str:
        return f"{self.ranking} {self.city} {self.indicator}"
