"""The village fund (fundusz sołecki), ustawa z 21 lutego 2014 r. o funduszu sołeckim.

A gmina's :class:`FundYear` (the budget year, the council's consent, Kb with its date),
each :class:`Solectwo`'s :class:`Allocation` (Lm with its date, the amount the statute
gives), and the village assembly's :class:`AssemblyRequest` with the wójt's decision.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def fund_amount(residents: int, kb_grosze: int) -> int:
    """Art. 3 ust. 1: F = (2 + Lm/100) × Kb, at most 10 × Kb, in whole grosze.

    In grosze, F = Kb × (200 + Lm) / 100, rounded half up to a whole grosz (integers
    only, no floating point); the cap applies from Lm = 800 residents.
    """
    amount = (kb_grosze * (200 + residents) * 2 + 100) // 200
    return min(amount, 10 * kb_grosze)


def deadlines(budget_year: int) -> dict[str, datetime.date]:
    """The statute's dates in the year before the budget year."""
    year = budget_year - 1
    return {
        "council": datetime.date(year, 3, 31),  # art. 2 ust. 1: the council's consent
        "information": datetime.date(year, 7, 31),  # art. 4 ust. 1: the wójt tells sołtysi
        "request": datetime.date(year, 9, 30),  # art. 5 ust. 1: the sołectwo's request
    }


class Solectwo(models.Model):
    """A sołectwo, the village unit of a rural or urban-rural gmina."""

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name of the sołectwo"), max_length=120)
    soltys = models.CharField(_("sołtys"), max_length=150, blank=True)
    soltys_email = models.EmailField(
        _("sołtys's e-mail"), blank=True, help_text=_("The fund's deadlines are sent here.")
    )

    class Meta:
        verbose_name = _("sołectwo")
        verbose_name_plural = _("sołectwa")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["city", "name"], name="initiatives_solectwo_unique")
        ]

    def __str__(self) -> str:
        return self.name


class FundYear(models.Model):
    """The fund for one budget year, with Kb as reported and its date."""

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    budget_year = models.PositiveSmallIntegerField(_("budget year"))
    council_resolution = models.CharField(
        _("council's consent"),
        max_length=300,
        help_text=_("The resolution consenting to the fund (by 31 March of the year before)."),
    )
    kb_grosze = models.PositiveBigIntegerField(
        _("Kb: executed current revenue per resident (T−2)"),
        help_text=_("The gmina's executed current revenue of year T−2 divided by its residents."),
    )
    kb_as_of = models.DateField(_("Kb reported on"))

    class Meta:
        verbose_name = _("village fund year")
        verbose_name_plural = _("village fund years")
        ordering = ["-budget_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "budget_year"], name="initiatives_fundyear_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.budget_year)

    def deadlines(self) -> dict[str, datetime.date]:
        return deadlines(self.budget_year)


class FundReminder(models.Model):
    """A reminder of one of the fund's deadlines, sent once: the row is the proof."""

    fund_year = models.ForeignKey(FundYear, on_delete=models.CASCADE, related_name="reminders")
    deadline = models.CharField(_("deadline"), max_length=12)
    due_on = models.DateField(_("due"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("village fund reminder")
        verbose_name_plural = _("village fund reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["fund_year", "deadline"], name="initiatives_fund_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.fund_year} {self.deadline}"


class Allocation(models.Model):
    """One sołectwo's amount: Lm residents on 30 June of the year before, and F."""

    fund_year = models.ForeignKey(FundYear, on_delete=models.CASCADE, related_name="allocations")
    solectwo = models.ForeignKey(Solectwo, on_delete=models.CASCADE, related_name="allocations")
    residents = models.PositiveIntegerField(_("Lm: residents"))
    residents_as_of = models.DateField(_("residents counted on"))
    amount_grosze = models.PositiveBigIntegerField(_("amount"))
    extra_grosze = models.PositiveBigIntegerField(
        _("added by the council"),
        default=0,
        help_text=_("Art. 3 ust. 5: the council may add more."),
    )

    class Meta:
        verbose_name = _("village fund allocation")
        verbose_name_plural = _("village fund allocations")
        constraints = [
            models.UniqueConstraint(
                fields=["fund_year", "solectwo"], name="initiatives_allocation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.solectwo} {self.fund_year}"

    @property
    def total_grosze(self) -> int:
        return self.amount_grosze + self.extra_grosze


class Convener(models.TextChoices):
    """Art. 5 ust. 2 and the sołectwo's statute: who may convene the assembly."""

    SOLTYS = "soltys", _("the sołtys")
    COUNCIL = "council", _("the village council")
    RESIDENTS = "residents", _("at least 15 adult residents")


class AssemblyRequestStatus(models.TextChoices):
    FILED = "filed", pgettext_lazy("village fund", "filed")
    ACCEPTED = "accepted", pgettext_lazy("village fund", "accepted")
    REFUSED = "refused", _("refused")
    REALISED = "realised", pgettext_lazy("village fund", "realised")


class AssemblyRequest(models.Model):
    """The request the village assembly (zebranie wiejskie) adopted (art. 5)."""

    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="requests")
    assembly_on = models.DateField(_("date of the village assembly"))
    convened_by = models.CharField(_("convened by"), max_length=10, choices=Convener.choices)
    tasks = models.JSONField(_("tasks and their costs"))
    justification = models.TextField(_("justification"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filed_on = models.DateField(_("filed on"), default=timezone.localdate)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssemblyRequestStatus.choices,
        default=AssemblyRequestStatus.FILED,
    )
    decision_reasons = models.TextField(_("reasons"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    progress = models.TextField(_("realisation"), blank=True)

    class Meta:
        verbose_name = _("village assembly request")
        verbose_name_plural = _("village assembly requests")
        ordering = ["-filed_on"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(decision_reasons=""),
                name="initiatives_assembly_refusal_has_reasons",
            )
        ]

    def __str__(self) -> str:
        return f"{self.allocation.solectwo} {self.filed_on}"

    @property
    def total_grosze(self) -> int:
        return sum(int(t["cost_grosze"]) for t in self.tasks)

    @property
    def decision_due(self) -> datetime.date:
        """Art. 5 ust. 4: the wójt refuses a faulty request within 7 days."""
        return self.filed_on + datetime.timedelta(days=7)
