"""The accessibility statement and requests for accessible content.

Required of public bodies by the Act of 4 April 2019 on the digital accessibility of
websites and mobile applications of public bodies (ustawa o dostępności cyfrowej,
Dz.U. 2019 poz. 848): the statement by art. 10, the request procedure by art. 18.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ComplianceStatus(models.TextChoices):
    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class AccessibilityStatement(models.Model):
    """The deklaracja dostępności, one per city, built from editable fields."""

    city = models.OneToOneField(
        "places.City", on_delete=models.CASCADE, related_name="accessibility_statement"
    )
    entity_name = models.CharField(_("public body"), max_length=200)
    website_url = models.URLField(_("website address"))
    published_on = models.DateField(_("date of publication of the website"))
    updated_on = models.DateField(_("date of the last major update"))
    status = models.CharField(
        _("compliance status"),
        max_length=10,
        choices=ComplianceStatus.choices,
        default=ComplianceStatus.PARTIAL,
    )
    non_accessible_content = models.TextField(
        _("content that is not accessible, and why"), blank=True
    )
    prepared_on = models.DateField(_("date the statement was prepared"))
    assessment_method = models.CharField(
        _("how it was assessed"), max_length=200, default="samoocena przeprowadzona przez podmiot"
    )
    contact_person = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=40)
    procedure = models.TextField(_("request and complaint procedure"))
    architecture = models.TextField(_("architectural accessibility"))
    mobile_apps = models.TextField(_("mobile applications"), blank=True)
    keyboard_shortcuts = models.TextField(_("keyboard shortcuts"), blank=True)

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    def __str__(self) -> str:
        return str(_("Accessibility statement")) + f": {self.entity_name}"


class AccessibilityRequestStatus(models.TextChoices):
    NEW = "new", _("new")
    EXTENDED = "extended", _("deadline extended")
    ANSWERED = "answered", _("answered")
    REFUSED = "refused", _("refused, alternative access offered")


class AccessibilityRequestQuerySet(models.QuerySet):
    def open(self) -> AccessibilityRequestQuerySet:
        return self.filter(
            status__in=[AccessibilityRequestStatus.NEW, AccessibilityRequestStatus.EXTENDED]
        )


class AccessibilityRequest(models.Model):
    """A person's request to make content accessible (art. 18 of the Act).

    The body answers without undue delay and within 7 days; it may extend the
    deadline once, to at most 2 months, telling the requester why.
    """

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    requester_name = models.CharField(_("your name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    page_url = models.CharField(
        _("page or element"), max_length=500, help_text=_("Address or description of it.")
    )
    description = models.TextField(_("what is not accessible"))
    preferred_form = models.CharField(
        _("how you would like to receive the content"), max_length=300, blank=True
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    deadline = models.DateTimeField(_("deadline"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AccessibilityRequestStatus.choices,
        default=AccessibilityRequestStatus.NEW,
    )
    response = models.TextField(_("response"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = AccessibilityRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("accessibility request")
        verbose_name_plural = _("accessibility requests")
        ordering = ["deadline"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email__gt="") | models.Q(phone__gt=""),
                name="accessibility_request_has_contact",
            )
        ]

    def __str__(self) -> str:
        return f"{self.requester_name}: {self.page_url}"

    def save(self, *args, **kwargs) -> None:
        if self.deadline is None:
            days = settings.ACCESSIBILITY_REQUEST_DAYS
            self.deadline = self.created_at + datetime.timedelta(days=days)
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in {AccessibilityRequestStatus.NEW, AccessibilityRequestStatus.EXTENDED}

    def days_left(self, now: datetime.datetime | None = None) -> int:
        """Whole days until the deadline (negative when overdue)."""
        now = now or timezone.now()
        today = timezone.localtime(now).date()
        return (timezone.localtime(self.deadline).date() - today).days

    def days_overdue(self) -> int:
        return max(0, -self.days_left())
