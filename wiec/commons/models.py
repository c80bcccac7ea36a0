"""Support and signatures, and valued contributions: one model each for every tool.

A tool that collects support (a citizens' resolution initiative, later consultation
requests and budget support lists) owns a :class:`SupportCollection` and adds
:class:`Signature` rows to it through :mod:`wiec.commons.services`; a tool whose
projects are co-financed by residents (the local initiative, later co-created budget
projects) owns a :class:`ContributionLedger` of :class:`Contribution` items.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SupportCollection(models.Model):
    """One collection of support or signatures for one thing (a draft, a request).

    ``online_counts`` says whether the city's resolution accepts support given online
    as a signature; where it does not, online support is shown as support only.
    """

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("what is supported"), max_length=300)
    threshold = models.PositiveIntegerField(_("signatures needed"))
    online_counts = models.BooleanField(
        _("online support counts as a signature"),
        default=False,
        help_text=_("Only where the city's resolution accepts signatures given online."),
    )
    #: The valid signatures and support of every channel, kept by
    #: :mod:`wiec.commons.signatures` in the transaction that changes a signature
    #: (:func:`~wiec.commons.signatures.recount` recomputes it from the rows), so a
    #: list ordered by support reads a column instead of counting every row.
    valid_count = models.PositiveIntegerField(_("valid signatures"), default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("collection of signatures")
        verbose_name_plural = _("collections of signatures")
        indexes = [models.Index(fields=["city"])]

    def __str__(self) -> str:
        return self.title


class SignatureChannel(models.TextChoices):
    ONLINE = "online", _("online")
    PAPER = "paper", _("on a paper list")


class SignatureStatus(models.TextChoices):
    PENDING = "pending", _("to be checked")
    VALID = "valid", _("valid")
    INVALID = "invalid", _("invalid")


class Signature(models.Model):
    """One person's signature or support, counted once per person (``identity_key``).

    The key follows the city's one identity rule (:func:`wiec.commons.services.signer_key`),
    online and on paper alike, so a person who signs on paper and online counts once.
    An invalid signature always carries the office's reason.
    """

    collection = models.ForeignKey(
        SupportCollection, on_delete=models.CASCADE, related_name="signatures"
    )
    channel = models.CharField(_("how"), max_length=10, choices=SignatureChannel.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    identity_key = models.CharField(max_length=64)
    full_name = models.CharField(_("full name"), max_length=150)
    address = models.CharField(_("address"), max_length=300)
    sheet = models.PositiveIntegerField(_("sheet"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SignatureStatus.choices, default=SignatureStatus.PENDING
    )
    invalid_reason = models.CharField(_("why invalid"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    created_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["sheet", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "identity_key"], name="commons_signature_once_per_person"
            ),
            models.CheckConstraint(
                condition=~Q(status="invalid") | ~Q(invalid_reason=""),
                name="commons_signature_invalid_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(channel="paper") | Q(sheet__isnull=False),
                name="commons_signature_paper_has_sheet",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class ContributionLedger(models.Model):
    """The valued contributions of one project, both sides; ``work_rate_grosze`` is the
    value of one hour of social work the city set when the ledger was opened."""

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    work_rate_grosze = models.PositiveIntegerField(_("value of one hour of social work"))

    class Meta:
        verbose_name = _("contributions")
        verbose_name_plural = _("contributions")

    def __str__(self) -> str:
        return f"#{self.pk}"


class Party(models.TextChoices):
    RESIDENTS = "residents", _("residents")
    CITY = "city", _("the city")


class ContributionKind(models.TextChoices):
    WORK = "work", _("social work")
    MONEY = "money", _("money")
    GOODS = "goods", _("goods (materials)")
    SERVICES = "services", _("services")


class Contribution(models.Model):
    """One valued item: social work (hours × the ledger's rate), money, goods or services.

    The value of social work is never typed: the database holds it to hours × rate.
    """

    ledger = models.ForeignKey(ContributionLedger, on_delete=models.CASCADE, related_name="items")
    party = models.CharField(_("who gives it"), max_length=10, choices=Party.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=ContributionKind.choices)
    description = models.CharField(_("item"), max_length=300)
    hours = models.PositiveIntegerField(_("hours"), null=True, blank=True)
    rate_grosze = models.PositiveIntegerField(_("rate per hour"), null=True, blank=True)
    value_grosze = models.PositiveBigIntegerField(_("value"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["party", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="work")
                | Q(hours__isnull=False, rate_grosze__isnull=False)
                & Q(value_grosze=F("hours") * F("rate_grosze")),
                name="commons_contribution_work_is_hours_times_rate",
            ),
            models.CheckConstraint(
                condition=~Q(party="city") | Q(kind="money"),
                name="commons_contribution_city_gives_money",
            ),
            models.CheckConstraint(
                condition=Q(value_grosze__gt=0), name="commons_contribution_has_value"
            ),
        ]

    def __str__(self) -> str:
        return self.description
