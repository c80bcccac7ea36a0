"""The local initiative (inicjatywa lokalna), art. 19b–19h ustawy z 24 kwietnia 2003 r.
o działalności pożytku publicznego i o wolontariacie.

A year's :class:`Pool` set by the council's resolution; residents' :class:`Application`
with their own valued contribution (a :class:`wiec.commons.models.ContributionLedger`);
the committee's :class:`Score` per criterion; the :class:`AgreementVersion` history;
realisation :class:`Update` and volunteers' :class:`Timesheet` hours.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wiec.core.fields import UploadField


class InitiativeArea(models.TextChoices):
    """The areas art. 19b ust. 1 allows a local initiative in."""

    INFRASTRUCTURE = (
        "infrastructure",
        _("roads, sewers, water supply, buildings and small architecture owned by the gmina"),
    )
    CHARITY = "charity", _("charity")
    TRADITION = "tradition", _("national tradition and civic awareness")
    MINORITIES = "minorities", _("national and ethnic minorities and the regional language")
    CULTURE = "culture", _("culture, art and heritage")
    SPORT = "sport", _("sport, tourism and sightseeing")
    EDUCATION = "education", _("education and upbringing")
    NATURE = "nature", _("nature protection, including tree planting")
    ORDER = "order", _("public order and safety")
    REVITALISATION = "revitalisation", _("revitalisation")


class Criterion(models.TextChoices):
    """The council's criteria (art. 19d); the social-work contribution weighs most."""

    WORK = "work", _("residents' social work")
    OTHER = "other", _("residents' other contributions (money, goods, services)")
    USEFULNESS = "usefulness", _("usefulness to the local community")
    FEASIBILITY = "feasibility", _("feasibility and schedule")


MAX_POINTS = 10


class InitiativePool(models.Model):
    """One year's money for local initiatives, set by the council's resolution."""

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    resolution_title = models.CharField(
        _("council's resolution"),
        max_length=300,
        help_text=_("The resolution on the procedure and criteria (art. 19c ust. 1)."),
    )
    resolution_url = models.URLField(_("link to the resolution"), blank=True)
    amount_grosze = models.PositiveBigIntegerField(_("amount"))
    work_rate_grosze = models.PositiveIntegerField(
        _("value of one hour of social work"), help_text=_("Set by the city, in grosze.")
    )
    areas = models.JSONField(_("allowed areas"), default=list)
    weight_work = models.PositiveSmallIntegerField(_("weight: social work"), default=40)
    weight_other = models.PositiveSmallIntegerField(_("weight: other contributions"), default=20)
    weight_usefulness = models.PositiveSmallIntegerField(_("weight: usefulness"), default=25)
    weight_feasibility = models.PositiveSmallIntegerField(_("weight: feasibility"), default=15)

    class Meta:
        # Named ``Pool`` until initiatives 0005; triggers and raw SQL name the table.
        db_table = "initiatives_pool"
        verbose_name = _("local initiative pool")
        verbose_name_plural = _("local initiative pools")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["city", "year"], name="initiatives_pool_one_per_year"),
            # Art. 19d: the residents' social work weighs "przede wszystkim", above all.
            models.CheckConstraint(
                condition=Q(weight_work__gt=F("weight_other"))
                & Q(weight_work__gt=F("weight_usefulness"))
                & Q(weight_work__gt=F("weight_feasibility")),
                name="initiatives_pool_work_weighs_most",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}"

    def clean(self) -> None:
        """Art. 19d: the social-work contribution must weigh more than any other
        criterion, and the areas must be ones art. 19b ust. 1 allows."""
        others = (self.weight_other, self.weight_usefulness, self.weight_feasibility)
        if any(self.weight_work <= other for other in others):
            raise ValidationError(
                {
                    "weight_work": _(
                        "The residents' social work must weigh more than every other "
                        "criterion (art. 19d: “przede wszystkim”)."
                    )
                },
                code="work_must_weigh_most",
            )
        unknown = [a for a in self.areas or [] if a not in InitiativeArea.values]
        if unknown:
            raise ValidationError(
                {"areas": _("Areas the statute does not list: %(areas)s.")},
                code="unknown_area",
                params={"areas": ", ".join(map(str, unknown))},
            )

    def weights(self) -> dict[str, int]:
        return {
            Criterion.WORK: self.weight_work,
            Criterion.OTHER: self.weight_other,
            Criterion.USEFULNESS: self.weight_usefulness,
            Criterion.FEASIBILITY: self.weight_feasibility,
        }

    def area_labels(self) -> list[str]:
        labels = dict(InitiativeArea.choices)
        return [str(labels[a]) for a in self.areas if a in labels]


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft (incubator)")
    SUBMITTED = "submitted", _("in assessment")
    ACCEPTED = "accepted", pgettext_lazy("initiative", "accepted")
    CHANGES = "changes", _("accepted with changes")
    REJECTED = "rejected", pgettext_lazy("initiative", "rejected")
    REALISATION = "realisation", _("being carried out")
    REALISED = "realised", _("realised")


DECIDED = (ApplicationStatus.ACCEPTED, ApplicationStatus.CHANGES, ApplicationStatus.REJECTED)
ACCEPTED = (
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.CHANGES,
    ApplicationStatus.REALISATION,
    ApplicationStatus.REALISED,
)
PUBLIC = (
    *DECIDED,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.REALISATION,
    ApplicationStatus.REALISED,
)


class ApplicationQuerySet(models.QuerySet):
    def of_city(self, city) -> ApplicationQuerySet:
        return self.filter(city=city)

    def public(self) -> ApplicationQuerySet:
        return self.filter(status__in=PUBLIC)


class Application(models.Model):
    """A group of residents' application (wniosek) to carry out a local initiative."""

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    pool = models.ForeignKey(InitiativePool, on_delete=models.PROTECT, related_name="applications")
    ledger = models.OneToOneField(
        "commons.ContributionLedger", on_delete=models.PROTECT, related_name="+"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    group = models.CharField(
        _("the group or organisation"),
        max_length=300,
        help_text=_("The residents applying, or the NGO applying on their behalf."),
    )
    title = models.CharField(_("what"), max_length=200)
    area = models.CharField(_("area"), max_length=20, choices=InitiativeArea.choices)
    description = models.TextField(_("what will be done"))
    place = models.CharField(_("where"), max_length=300)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    justification = models.TextField(_("why"))
    schedule = models.TextField(_("schedule"))
    total_grosze = models.PositiveBigIntegerField(_("total cost"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    decision_reason = models.TextField(_("reasons of the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    report = models.TextField(_("final report"), blank=True)
    help_requested_at = models.DateTimeField(_("help asked for"), null=True, blank=True)
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    created_at = models.DateTimeField(_("filed"), default=timezone.now)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("local initiative")
        verbose_name_plural = _("local initiatives")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["city", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["rejected", "changes"]) | ~Q(decision_reason=""),
                name="initiatives_application_refusal_has_reasons",
            ),
            models.CheckConstraint(
                condition=~Q(status="realised") | ~Q(report=""),
                name="initiatives_application_realised_has_report",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:application", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC


class Score(models.Model):
    """One committee member's justified points for one criterion of one application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    criterion = models.CharField(_("criterion"), max_length=12, choices=Criterion.choices)
    points = models.PositiveSmallIntegerField(_("points"))
    justification = models.TextField(_("justification"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "assessor", "criterion"],
                name="initiatives_score_once_per_assessor",
            ),
            models.CheckConstraint(
                condition=Q(points__lte=MAX_POINTS), name="initiatives_score_at_most_max"
            ),
            models.CheckConstraint(
                condition=~Q(justification=""), name="initiatives_score_justified"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"


class AgreementVersion(models.Model):
    """One version of the agreement's clauses; the newest is the agreement, the rest
    its history (who changed what, when, why)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="agreement_versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    clauses = models.JSONField(_("clauses"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"], name="initiatives_agreement_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} v{self.number}"


class Update(models.Model):
    """A dated note on the realisation, with a photo."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="updates")
    day = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("what was done"))
    photo = UploadField(_("photo"), upload_to="initiatives/photos/", blank=True)
    photo_alt = models.CharField(_("what the photo shows"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("realisation update")
        verbose_name_plural = _("realisation updates")
        ordering = ["-day", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(photo="") | ~Q(photo_alt=""), name="initiatives_update_photo_has_alt"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day}"


class Timesheet(models.Model):
    """Hours of social work one volunteer actually did, signed off by the office."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="timesheets"
    )
    volunteer = models.CharField(_("volunteer"), max_length=150)
    day = models.DateField(_("date"))
    hours = models.PositiveSmallIntegerField(_("hours"))
    task = models.CharField(_("work done"), max_length=300)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(_("signed off"), null=True, blank=True)

    class Meta:
        verbose_name = _("timesheet entry")
        verbose_name_plural = _("timesheet")
        ordering = ["day", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=1) & Q(hours__lte=24), name="initiatives_timesheet_hours"
            )
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} {self.day}"


class ContactRole(models.TextChoices):
    COORDINATOR = "coordinator", _("local initiative coordinator")
    AMBASSADOR = "ambassador", _("ambassador")


class Contact(models.Model):
    """The city's coordinators and ambassadors of local initiatives, with contacts."""

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("role"), max_length=12, choices=ContactRole.choices)
    name = models.CharField(_("full name"), max_length=150)
    area = models.CharField(_("neighbourhood or topic"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
        help_text=_("Their account on the platform: with it they advise drafts in the incubator."),
    )

    class Meta:
        verbose_name = _("coordinator or ambassador")
        verbose_name_plural = _("coordinators and ambassadors")
        ordering = ["role", "name"]

    def __str__(self) -> str:
        return self.name


class DraftVersion(models.Model):
    """One saved version of a draft application in the incubator: what the form held
    (fields and contribution lines) when the group saved it."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="draft_versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    content = models.JSONField(_("content"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("draft version")
        verbose_name_plural = _("draft versions")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"], name="initiatives_draft_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} v{self.number}"


class AdviceKind(models.TextChoices):
    COMMENT = "comment", _("comment on the draft")
    MEETING = "meeting", _("meeting with the group")


class Advice(models.Model):
    """A coordinator's or an ambassador's advice on a draft: a comment, or a meeting
    with the group (when, where, what was agreed)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="advice")
    kind = models.CharField(_("kind"), max_length=10, choices=AdviceKind.choices)
    text = models.TextField(_("advice"))
    met_on = models.DateField(_("date of the meeting"), null=True, blank=True)
    meeting_place = models.CharField(_("place of the meeting"), max_length=200, blank=True)
    on_version = models.PositiveSmallIntegerField(_("about version"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(_("adviser"), max_length=150)
    created_at = models.DateTimeField(pgettext_lazy("advice", "given"), default=timezone.now)

    class Meta:
        verbose_name = _("advice")
        verbose_name_plural = _("advice")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="initiatives_advice_has_text"),
            models.CheckConstraint(
                condition=~Q(kind="meeting") | (Q(met_on__isnull=False) & ~Q(meeting_place="")),
                name="initiatives_advice_meeting_has_date_and_place",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_kind_display()}"
