"""The citizens' resolution initiative (obywatelska inicjatywa uchwałodawcza),
art. 41a ustawy z 8 marca 1990 r. o samorządzie gminnym.

The city's :class:`ResolutionRules` (its own resolution: the threshold, whether online
support counts as a signature, the promotion rules) and each committee's
:class:`ResolutionInitiative`, whose signatures are a shared
:class:`wiec.commons.models.SupportCollection`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def statutory_threshold(population: int | None) -> int:
    """Art. 41a ust. 3 u.s.g.: at least 100 residents in a gmina of up to 5,000, 200 up
    to 20,000, 300 above (an unknown population is read as the largest)."""
    if population is not None and population <= 5_000:
        return 100
    if population is not None and population <= 20_000:
        return 200
    return 300


class ResolutionRules(models.Model):
    """What the city's own resolution on the initiative says (art. 41a ust. 5 u.s.g.)."""

    city = models.OneToOneField("places.City", on_delete=models.CASCADE, related_name="+")
    threshold = models.PositiveIntegerField(_("signatures needed"))
    online_counts = models.BooleanField(
        _("online support counts as a signature"),
        default=False,
        help_text=_("Only where the city's resolution accepts signatures given online."),
    )
    promotion_rules = models.TextField(
        _("rules of promotion"),
        help_text=_("How committees may promote their draft, as the city's resolution says."),
    )
    list_rules = models.TextField(
        _("form of the signature lists"),
        help_text=_("What each list must hold, as the city's resolution says."),
        blank=True,
    )
    resolution_title = models.CharField(_("the city's resolution"), max_length=300)

    class Meta:
        verbose_name = _("rules of the resolution initiative")
        verbose_name_plural = _("rules of the resolution initiative")

    def __str__(self) -> str:
        return self.resolution_title

    def clean(self) -> None:
        minimum = statutory_threshold(self.city.population)
        if self.threshold is not None and self.threshold < minimum:
            raise ValidationError(
                {
                    "threshold": ValidationError(
                        _(
                            "The threshold cannot be lower than the statute's: %(minimum)s "
                            "signatures in a gmina of %(population)s residents "
                            "(art. 41a ust. 3 u.s.g.)."
                        ),
                        code="below_statute",
                        params={
                            "minimum": minimum,
                            "population": self.city.population or "–",
                        },
                    )
                }
            )


class Stage(models.TextChoices):
    COLLECTING = "collecting", _("collecting signatures")
    SUBMITTED = "submitted", _("submitted to the council")
    ADOPTED = "adopted", _("adopted")
    AMENDED = "amended", _("adopted with amendments")
    REJECTED = "rejected", pgettext_lazy("resolution", "rejected")


OUTCOMES = (Stage.ADOPTED, Stage.AMENDED, Stage.REJECTED)


class ResolutionInitiative(models.Model):
    """A committee's draft resolution, its signatures and the council's outcome."""

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    collection = models.OneToOneField(
        "commons.SupportCollection", on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("title of the draft resolution"), max_length=300)
    draft = models.TextField(_("draft resolution"))
    justification = models.TextField(_("justification (uzasadnienie)"))
    committee = models.CharField(_("name of the committee"), max_length=300)
    members = models.TextField(_("members of the committee"), help_text=_("One per line."))
    representatives = models.TextField(
        _("representatives"), help_text=_("Who speaks for the committee; one per line.")
    )
    stage = models.CharField(
        _("stage"), max_length=12, choices=Stage.choices, default=Stage.COLLECTING
    )
    submitted_at = models.DateTimeField(
        pgettext_lazy("resolution", "submitted"), null=True, blank=True
    )
    session_due = models.DateField(_("the council must take it up by"), null=True, blank=True)
    outcome_session = models.CharField(
        pgettext_lazy("council", "session"), max_length=200, blank=True
    )
    outcome_vote = models.CharField(pgettext_lazy("council", "vote"), max_length=200, blank=True)
    outcome_on = models.DateField(_("decided on"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("resolution initiative")
        verbose_name_plural = _("resolution initiatives")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["city", "stage"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage="collecting") | Q(session_due__isnull=False),
                name="initiatives_resolution_submitted_has_due_date",
            ),
            models.CheckConstraint(
                condition=~Q(stage__in=["adopted", "amended", "rejected"]) | ~Q(outcome_session=""),
                name="initiatives_resolution_outcome_has_session",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:resolution", args=[self.pk])

    def days_left(self) -> int | None:
        if self.session_due is None or self.stage != Stage.SUBMITTED:
            return None
        return (self.session_due - timezone.localdate()).days
