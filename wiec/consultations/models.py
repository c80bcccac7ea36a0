"""Public consultations (konsultacje społeczne): the register, requests, the ways to
take part, remarks with the office's responses, the report and its evaluation.

Legal frame: art. 5a u.s.g. (ustawa o samorządzie gminnym) lets a municipality
consult its residents; the city's resolution on the rules and procedure of
consultations (uchwała w sprawie zasad i trybu przeprowadzania konsultacji) sets
the details, for example Warsaw's thresholds for residents' requests.
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wiec.consultations.phases import ConsultationPhase, phase_on
from wiec.core.fields import UploadField

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024


class ConsultationSettings(models.Model):
    """The city's rules for residents' requests (from its consultation resolution)."""

    city = models.OneToOneField(
        "places.City", on_delete=models.CASCADE, related_name="consultation_settings"
    )
    city_wide_threshold = models.PositiveIntegerField(
        _("supporters needed for a city-wide request"), default=1000
    )
    district_threshold = models.PositiveIntegerField(
        _("supporters needed for a district request"), default=200
    )
    answer_days = models.PositiveSmallIntegerField(
        _("days the office has to answer a request"), default=30
    )

    class Meta:
        verbose_name = _("consultation settings")
        verbose_name_plural = _("consultation settings")

    def __str__(self) -> str:
        return str(self.city)


class Topic(models.Model):
    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(pgettext_lazy("part of an address", "slug"))

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["city", "slug"], name="consultation_topic_unique")
        ]

    def __str__(self) -> str:
        return self.name


class AnnualPlan(models.Model):
    """The roczny plan konsultacji: which consultations the city means to hold in a year."""

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    introduction = models.TextField(_("introduction"), blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)

    class Meta:
        verbose_name = _("annual consultation plan")
        verbose_name_plural = _("annual consultation plans")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["city", "year"], name="consultation_plan_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}"

    def get_absolute_url(self) -> str:
        return reverse("consultations:plan", kwargs={"year": self.year})


class ConsultationQuerySet(models.QuerySet):
    def planned(self, today: datetime.date | None = None) -> ConsultationQuerySet:
        return self.filter(starts_on__gt=today or timezone.localdate())

    def ongoing(self, today: datetime.date | None = None) -> ConsultationQuerySet:
        today = today or timezone.localdate()
        return self.filter(starts_on__lte=today, ends_on__gte=today)

    def finished(self, today: datetime.date | None = None) -> ConsultationQuerySet:
        return self.filter(ends_on__lt=today or timezone.localdate())

    def in_phase(self, phase: str, today: datetime.date | None = None) -> ConsultationQuerySet:
        return {
            ConsultationPhase.PLANNED: self.planned,
            ConsultationPhase.ONGOING: self.ongoing,
            ConsultationPhase.FINISHED: self.finished,
        }[ConsultationPhase(phase)](today)


class Consultation(models.Model):
    """One consultation: what is consulted, why, with whom, when and how."""

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80)
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("topic")
    )
    district = models.ForeignKey(
        "places.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("area", "district"),
        help_text=_("Leave empty for a city-wide consultation."),
    )
    summary = models.TextField(
        _("plain-language summary"), help_text=_("Shown first, in a few plain sentences.")
    )
    subject = models.TextField(pgettext_lazy("what is consulted", "subject"))
    goal = models.TextField(_("goal"))
    target_groups = models.CharField(_("target groups"), max_length=300)
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        help_text=_("For example: art. 5a u.s.g. and the city's resolution on consultations."),
    )
    responsible_unit = models.CharField(_("responsible unit"), max_length=200)
    coordinator_name = models.CharField(_("coordinator"), max_length=150)
    coordinator_email = models.EmailField(_("coordinator's e-mail"), blank=True)
    can_influence = models.TextField(_("what residents can still influence"))
    already_decided = models.TextField(_("what is already decided"), blank=True)
    starts_on = models.DateField(pgettext_lazy("consultation dates", "starts on"))
    ends_on = models.DateField(pgettext_lazy("consultation dates", "ends on"))
    requires_verified_residency = models.BooleanField(
        _("only verified residents may take part"), default=False
    )
    document_title = models.CharField(_("document title"), max_length=200, blank=True)
    map_enabled = models.BooleanField(_("comments on a map"), default=False)
    plan = models.ForeignKey(
        AnnualPlan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("annual plan"),
    )
    request = models.ForeignKey(
        "ConsultationRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("residents' request"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.UniqueConstraint(fields=["city", "slug"], name="consultation_unique_slug"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="consultation_dates_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:detail", kwargs={"slug": self.slug})

    @property
    def scope_district_id(self) -> int | None:
        return self.district_id

    def phase(self, today: datetime.date | None = None) -> ConsultationPhase:
        return phase_on(self.starts_on, self.ends_on, today or timezone.localdate())

    @property
    def is_ongoing(self) -> bool:
        return self.phase() == ConsultationPhase.ONGOING

    @property
    def is_finished(self) -> bool:
        return self.phase() == ConsultationPhase.FINISHED


class Paragraph(models.Model):
    """One paragraph of the consulted document, the unit residents comment on."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="paragraphs"
    )
    position = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "position"], name="consultation_paragraph_unique"
            )
        ]

    def __str__(self) -> str:
        return f"§ {self.position}"

    @property
    def heading(self) -> str:
        """The Markdown headings that open this row (the chapter it begins), if any."""
        return split_heading(self.text)[0]

    @property
    def body(self) -> str:
        """The text residents comment on; empty when the row is only a heading."""
        return split_heading(self.text)[1]

    @property
    def is_heading(self) -> bool:
        """Only a heading: stored so by documents set before headings were folded."""
        return not self.body


_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(\s|$)")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")


def split_heading(text: str) -> tuple[str, str]:
    """Split Markdown text into its leading headings and the rest.

    ATX headings (``## Rozdział 1``) and setext headings (a line underlined with
    ``===`` or ``---``) count; blank lines between them are skipped.
    """
    lines = (text or "").replace("\r\n", "\n").split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip() or _ATX_HEADING.match(line):
            index += 1
        elif index + 1 < len(lines) and _SETEXT_UNDERLINE.match(lines[index + 1]):
            index += 2
        else:
            break
    return "\n".join(lines[:index]).strip(), "\n".join(lines[index:]).strip()


class MapCategory(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="map_categories"
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("map category")
        verbose_name_plural = _("map categories")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RemarkChannel(models.TextChoices):
    DOCUMENT = "document", _("comment on the document")
    MAP = "map", _("comment on the map")
    PAPER = "paper", _("on paper")
    EMAIL = "email", _("by e-mail")
    MEETING = "meeting", _("at a meeting")


OFFICE_CHANNELS = (RemarkChannel.PAPER, RemarkChannel.EMAIL, RemarkChannel.MEETING)


class Response(models.TextChoices):
    ACCEPTED = "accepted", _("accepted")
    PARTLY = "partly", _("partly accepted")
    REJECTED = "rejected", pgettext_lazy("response to a remark", "rejected")


class RemarkQuerySet(models.QuerySet):
    def visible(self) -> RemarkQuerySet:
        return self.filter(hidden=False)

    def unanswered(self) -> RemarkQuerySet:
        return self.filter(response="")


def attachment_path(instance: Remark, filename: str) -> str:
    return f"consultations/{instance.consultation_id}/remarks/{filename}"


class Remark(models.Model):
    """A remark (uwaga), whatever the channel, with the office's response to it."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="remarks")
    channel = models.CharField(
        pgettext_lazy("remark", "channel"), max_length=10, choices=RemarkChannel.choices
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    author_name = models.CharField(_("author"), max_length=150, blank=True)
    text = models.TextField(_("remark"))
    paragraph = models.ForeignKey(
        Paragraph, on_delete=models.PROTECT, null=True, blank=True, related_name="remarks"
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    area = models.JSONField(_("area"), default=list, blank=True)
    category = models.ForeignKey(
        MapCategory, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("category")
    )
    attachment = UploadField(_("scan"), upload_to=attachment_path, blank=True)
    received_on = models.DateField(pgettext_lazy("remark", "received on"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(pgettext_lazy("remark", "submitted"), default=timezone.now)
    response = models.CharField(_("response"), max_length=10, choices=Response.choices, blank=True)
    justification = models.TextField(_("justification"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    hidden_reason = models.CharField(_("reason"), max_length=300, blank=True)

    objects = RemarkQuerySet.as_manager()

    class Meta:
        verbose_name = _("remark")
        verbose_name_plural = _("remarks")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="remark_has_text"),
            models.CheckConstraint(
                condition=Q(response="") | ~Q(justification=""), name="remark_response_justified"
            ),
            models.CheckConstraint(
                condition=~Q(channel="document") | Q(paragraph__isnull=False),
                name="remark_document_has_paragraph",
            ),
            models.CheckConstraint(
                condition=~Q(channel="map") | Q(latitude__isnull=False, longitude__isnull=False),
                name="remark_map_has_point",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultation}: {self.text[:60]}"

    @property
    def scope_district_id(self) -> int | None:
        return self.consultation.district_id

    @property
    def author_label(self) -> str:
        if self.author_name:
            return self.author_name
        if self.author is not None:
            return self.author.display_name or str(_("resident"))
        return str(_("resident"))


class Survey(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    SCALE = "scale", _("scale")
    TEXT = "text", _("open text")
    RANKING = "ranking", _("ranking")


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    required = models.BooleanField(_("required"), default=True)
    scale_min = models.SmallIntegerField(_("lowest value"), default=1)
    scale_max = models.SmallIntegerField(_("highest value"), default=5)
    scale_min_label = models.CharField(_("meaning of the lowest value"), max_length=60, blank=True)
    scale_max_label = models.CharField(_("meaning of the highest value"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=models.F("scale_min")), name="question_scale_order"
            )
        ]

    def __str__(self) -> str:
        return self.text


class SurveyOption(models.Model):
    """An answer a survey question offers to choose (named ``Choice`` until
    consultations 0010; the table keeps that name)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(default=1)
    text = models.CharField(_("answer"), max_length=200)

    class Meta:
        db_table = "consultations_choice"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class SurveyResponse(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="survey_one_response_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    """One value of a response: a chosen option (with its rank), a number or a text."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(SurveyOption, on_delete=models.CASCADE, null=True, blank=True)
    number = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(choice__isnull=False) | Q(number__isnull=False) | ~Q(text=""),
                name="answer_has_value",
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.choice_id or self.number or self.text[:30]}"


class MeetingKind(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    ONLINE = "online", pgettext_lazy("meeting", "online")


class Meeting(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=MeetingKind.choices)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("link to the online meeting"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_times_order"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def scope_district_id(self) -> int | None:
        return self.consultation.district_id


def material_path(instance: MeetingMaterial, filename: str) -> str:
    return f"consultations/meetings/{instance.meeting_id}/{filename}"


class MeetingMaterial(models.Model):
    """A document for a meeting (an agenda, slides, a plan), attached by the office."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    file = UploadField(_("file"), upload_to=material_path)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("meeting material")
        verbose_name_plural = _("meeting materials")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].upper() if "." in self.file.name else ""


class Registration(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="meeting_register_once")
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.user_id}"


class ConsultationReport(models.Model):
    """The raport z konsultacji; its content is assembled from the data when shown."""

    consultation = models.OneToOneField(
        Consultation, on_delete=models.CASCADE, related_name="report"
    )
    conclusions = models.TextField(_("conclusions of the office"))
    published_at = models.DateTimeField(pgettext_lazy("report", "published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("consultation report")
        verbose_name_plural = _("consultation reports")

    def __str__(self) -> str:
        return str(self.consultation)


class Evaluation(models.Model):
    """A participant's evaluation of a finished consultation (1 = not at all, 5 = fully)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="evaluations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    information_clear = models.PositiveSmallIntegerField(_("the information was clear"))
    felt_heard = models.PositiveSmallIntegerField(_("I felt heard"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consultation", "user"], name="evaluation_once"),
            models.CheckConstraint(
                condition=Q(information_clear__gte=1, information_clear__lte=5)
                & Q(felt_heard__gte=1, felt_heard__lte=5),
                name="evaluation_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultation}: {self.information_clear}/{self.felt_heard}"


class EvaluationInvitation(models.Model):
    """A participant was invited to evaluate a consultation; the row makes it once."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="evaluation_invitations"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "user"], name="evaluation_invitation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultation}: {self.user_id}"


class RequestStatus(models.TextChoices):
    COLLECTING = "collecting", _("collecting support")
    SUBMITTED = "submitted", _("with the office")
    ACCEPTED = "accepted", _("accepted: a consultation will be held")
    REJECTED = "rejected", pgettext_lazy("status of a request", "rejected")


class ConsultationRequest(models.Model):
    """A residents' request for a consultation (wniosek o konsultacje)."""

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey(
        "places.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("area", "district"),
        help_text=_("Leave empty for a city-wide request."),
    )
    title = models.CharField(_("what should be consulted"), max_length=200)
    justification = models.TextField(_("justification"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    threshold = models.PositiveIntegerField(_("supporters needed"))
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.COLLECTING
    )
    created_at = models.DateTimeField(_("filed"), default=timezone.now)
    submitted_at = models.DateTimeField(_("sent to the office"), null=True, blank=True)
    answer_due_on = models.DateField(_("answer due by"), null=True, blank=True)
    answer = models.TextField(_("the office's answer"), blank=True)
    answered_at = models.DateTimeField(pgettext_lazy("request", "answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: The request's support (``wiec.commons``): one online signature per person.
    collection = models.OneToOneField(
        "commons.SupportCollection",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("request for a consultation")
        verbose_name_plural = _("requests for a consultation")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["collecting", "submitted"]) | ~Q(answer=""),
                name="consultation_request_answered_has_answer",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:request_detail", kwargs={"pk": self.pk})

    @property
    def scope_district_id(self) -> int | None:
        return self.district_id

    def days_left(self, today: datetime.date | None = None) -> int | None:
        """Days until the answer is due (negative when overdue)."""
        if self.answer_due_on is None:
            return None
        return (self.answer_due_on - (today or timezone.localdate())).days

    def days_overdue(self) -> int:
        return max(0, -(self.days_left() or 0))
