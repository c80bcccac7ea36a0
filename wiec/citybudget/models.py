"""The municipality's budget as reported: the plan and each quarter's execution, line by
line in the budget classification (dział, rozdział, paragraf)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    """One uploaded file: the adopted plan (quarter 0) or a quarter's execution report
    (Rb-28S: the plan after changes and what was spent from 1 January to the quarter's end).
    """

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), help_text=_("0: the adopted plan; 1–4: the execution report after it.")
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("budget report")
        verbose_name_plural = _("budget reports")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "year", "quarter"], name="citybudget_one_report_per_quarter"
            ),
            models.CheckConstraint(condition=Q(quarter__lte=4), name="citybudget_quarter_0_4"),
            models.CheckConstraint(
                condition=Q(year__gte=1999) & Q(year__lte=2200), name="citybudget_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city} {self.year} Q{self.quarter}"


class Line(models.Model):
    """One row of a report: an expense in the classification, its plan and execution."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="lines")
    dzial = models.CharField(_("division (dział)"), max_length=3)
    rozdzial = models.CharField(_("chapter (rozdział)"), max_length=5)
    paragraf = models.CharField(_("paragraph (paragraf)"), max_length=4)
    name = models.CharField(_("task"), max_length=300, blank=True)
    district = models.ForeignKey(
        "places.District", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    plan = models.BigIntegerField(_("plan (grosze)"))
    executed = models.BigIntegerField(_("executed (grosze)"), default=0)
    participatory = models.BooleanField(_("participatory budget"), default=False)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["dzial", "rozdzial", "paragraf", "pk"]
        indexes = [models.Index(fields=["report", "dzial"])]
        constraints = [
            models.CheckConstraint(condition=Q(plan__gte=0), name="citybudget_plan_not_negative"),
            models.CheckConstraint(
                condition=Q(dzial__regex=r"^[0-9]{3}$")
                & Q(rozdzial__regex=r"^[0-9]{5}$")
                & Q(paragraf__regex=r"^[0-9]{4}$"),
                name="citybudget_classification_digits",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dzial}-{self.rozdzial}-{self.paragraf}"
