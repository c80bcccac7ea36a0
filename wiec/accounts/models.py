"""People: accounts, how they prove residency, and the roles they hold."""

from __future__ import annotations

import datetime
from typing import Any

import rules
from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.core import normalise
from wiec.core.models import EmailDelivery
from wiec.core.participation import notification_kinds
from wiec.core.roles import Role


class UserManager(BaseUserManager):
    """Users log in with their e-mail address; there is no username."""

    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        """The address as the mail system reads it (``wiec.core.normalise.email``)."""
        return normalise.email(email or "")

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("an e-mail address is required")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """An account.  Every account is a resident; officials and others hold roles."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("Shown next to your comments and proposals."),
    )
    district = models.ForeignKey(
        "places.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district of residence"),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="pl"
    )
    email_delivery = models.CharField(
        _("e-mail notifications"),
        max_length=12,
        choices=EmailDelivery.choices,
        default=EmailDelivery.IMMEDIATELY,
    )
    email_kinds = models.JSONField(
        _("kinds of notification by e-mail"),
        default=dict,
        blank=True,
        help_text=_("Kind key to true or false; a kind not listed follows its default."),
    )
    last_digest_at = models.DateTimeField(_("last summary e-mailed"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("deleted"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.email

    def save(self, *args, **kwargs) -> None:
        # One mailbox, one spelling: the unique index then holds for every spelling.
        self.email = normalise.email(self.email or "")
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.display_name or self.email

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        """Wiec's own permissions bind superusers too; Django's model permissions do not.

        ``PermissionsMixin.has_perm`` lets an active superuser through every permission
        before any backend is asked, so a superuser could confirm their own residency or
        answer a consultation request still collecting support.  A permission Wiec
        registers as a rule is decided by the rule alone (a superuser counts there as an
        administrator, ``wiec.core.predicates.is_administrator``); Django's model
        permissions, which the admin site asks for, keep the superuser shortcut.
        """
        if rules.perm_exists(perm):
            return rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)

    def get_short_name(self) -> str:
        return self.display_name or self.email.split("@")[0]

    def load_role_scopes(self) -> dict[int, dict[str, frozenset[int] | None]]:
        """Each role held, per municipality, with its districts; core's predicates ask."""
        from wiec.accounts.selectors import load_role_scopes

        return load_role_scopes(self)

    def is_verified_resident(self, city_id: int | None = None) -> bool:
        """Verified as a resident (of the municipality ``city_id``, when given)."""
        from wiec.accounts.selectors import is_verified_resident

        return is_verified_resident(self, city_id)

    @property
    def has_verified_email(self) -> bool:
        """Whether the person confirmed their address (read with the session's user)."""
        known = self.__dict__.get("email_verified")
        if known is None:
            from wiec.accounts.selectors import email_verified

            known = self.__dict__["email_verified"] = email_verified(self)
        return bool(known)

    def wants_email(self, kind: str) -> bool:
        """Whether this kind of notification also goes out by e-mail (now or in a summary)."""
        if self.anonymised_at is not None or not self.is_active or not self.email:
            return False
        if self.email_delivery == EmailDelivery.NEVER:
            return False
        return self.wants_kind(kind)

    def wants_kind(self, kind: str) -> bool:
        """The person's choice for one kind, or the kind's default (unknown kinds: yes)."""
        if kind in self.email_kinds:
            return bool(self.email_kinds[kind])
        known = notification_kinds().get(kind)
        return known.default if known else True

    def unsubscribe_path(self, kind: str = "all") -> str:
        """The signed link that stops e-mail of ``kind`` (or all) without signing in."""
        from wiec.accounts.unsubscribe import unsubscribe_path

        return unsubscribe_path(self, kind)


class IdentityPolicy(models.Model):
    """How residents prove who they are, set per city (and per process later on).

    Polish courts and the data protection authority strike down demands for more
    data than a process needs (e.g. WSA rulings on BO resolutions demanding
    meldunek or a minimum age; art. 5a ust. 7 u.s.g. leaves the form to the city).
    So the default is a plain declaration of residence with name and address; a
    PESEL, a date of birth or an official's confirmation are options a city chooses.
    """

    city = models.ForeignKey(
        "places.City", on_delete=models.CASCADE, related_name="identity_policies"
    )
    name = models.CharField(_("name"), max_length=120)
    is_city_default = models.BooleanField(_("city's default"), default=False)
    ask_pesel = models.BooleanField(
        _("ask for PESEL"),
        default=False,
        help_text=_(
            "Stored only as a keyed hash. People without a PESEL give their date of "
            "birth and sex instead."
        ),
    )
    ask_birth_date = models.BooleanField(
        _("ask for date of birth and sex"),
        default=False,
        help_text=_("Used when PESEL is not asked, or for people without one."),
    )
    require_official_confirmation = models.BooleanField(
        _("require an official's confirmation in person"), default=False
    )
    guardian_below_age = models.PositiveSmallIntegerField(
        _("a parent or guardian declares for children under"),
        default=13,
        help_text=_("Age in years (Warsaw: 13)."),
    )

    class Meta:
        verbose_name = _("identity policy")
        verbose_name_plural = _("identity policies")
        constraints = [
            models.UniqueConstraint(
                fields=["city"],
                condition=Q(is_city_default=True),
                name="identity_policy_one_default_per_city",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def collects_identity(self) -> bool:
        """Whether a declaration under this policy yields an identity key."""
        return self.ask_pesel or self.ask_birth_date


class Sex(models.TextChoices):
    FEMALE = "F", _("female")
    MALE = "M", _("male")


class IdentityBasis(models.TextChoices):
    DECLARATION = "declaration", _("declaration of residence")
    PESEL = "pesel", _("PESEL")
    PERSONAL_DATA = "personal_data", _("date of birth and sex")


class ResidencyStatus(models.TextChoices):
    VERIFIED = "verified", _("verified")
    PENDING = "pending", _("awaiting confirmation in person")
    REJECTED = "rejected", _("rejected")


class ResidencyDeclarationQuerySet(models.QuerySet):
    def verified(self) -> ResidencyDeclarationQuerySet:
        return self.filter(status=ResidencyStatus.VERIFIED)

    def pending(self) -> ResidencyDeclarationQuerySet:
        return self.filter(status=ResidencyStatus.PENDING)


class ResidencyDeclaration(models.Model):
    """A person's declaration that they live in a municipality, and how it was proven.

    One per person and municipality: someone who lives in one and studies in
    another declares (and is verified) in each separately.

    No raw PESEL is kept: only ``identity_key`` (an HMAC), and for statistics the
    birth year and sex.  A full date of birth is kept only for people without a
    PESEL, whose identity key is derived from it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="residencies"
    )
    city = models.ForeignKey("places.City", on_delete=models.PROTECT, related_name="+")
    policy = models.ForeignKey(IdentityPolicy, on_delete=models.PROTECT, related_name="+")
    full_name = models.CharField(_("full name"), max_length=150)
    street_address = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=6)
    town = models.CharField(_("town"), max_length=100)
    district = models.ForeignKey(
        "places.District",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("district"),
    )
    identity_basis = models.CharField(
        _("proof of identity"), max_length=20, choices=IdentityBasis.choices
    )
    identity_key = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    declared_by_guardian = models.BooleanField(_("declared by a parent or guardian"), default=False)
    guardian_name = models.CharField(_("parent or guardian"), max_length=150, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ResidencyStatus.choices, db_index=True
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(_("declared"), auto_now_add=True)

    objects = ResidencyDeclarationQuerySet.as_manager()

    class Meta:
        verbose_name = _("residency declaration")
        verbose_name_plural = _("residency declarations")
        constraints = [
            models.UniqueConstraint(fields=["user", "city"], name="residency_one_per_city"),
            # One person, one declaration in a municipality (the same person may
            # declare in several municipalities, under the same key).
            models.UniqueConstraint(
                fields=["city", "identity_key"], name="residency_identity_once_per_city"
            ),
            models.CheckConstraint(
                condition=~Q(identity_basis="pesel") | Q(identity_key__isnull=False),
                name="residency_pesel_has_key",
            ),
            models.CheckConstraint(
                condition=~Q(declared_by_guardian=True) | ~Q(guardian_name=""),
                name="residency_guardian_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.district})"

    @property
    def is_verified(self) -> bool:
        return self.status == ResidencyStatus.VERIFIED

    def age_on(self, day: datetime.date) -> int | None:
        if self.birth_date is not None:
            born = self.birth_date
            return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
        if self.birth_year is not None:
            return day.year - self.birth_year
        return None


class RoleAssignment(models.Model):
    """A role held by a user in one municipality; an official's may be limited to
    chosen districts of it.  An official of Wieliczka has no rights in Kraków."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    city = models.ForeignKey(
        "places.City",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    districts = models.ManyToManyField(
        "places.District",
        blank=True,
        related_name="+",
        verbose_name=_("districts"),
        help_text=_("Leave empty for the whole city."),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "city"], name="role_once_per_user_and_city"
            )
        ]
        indexes = [models.Index(fields=["city", "role"])]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()} ({self.city})"


class ConsentKind(models.TextChoices):
    """What a person agreed to at sign-up (and may later change, where it is a choice)."""

    TERMS = "terms", _("Terms of use")
    PRIVACY = "privacy", _("Information on personal data (GDPR)")
    NEWSLETTER = "newsletter", _("News from the city by e-mail")
    NOTIFICATIONS = "notifications", _("Notifications by e-mail")


class Consent(models.Model):
    """One consent given or withdrawn, with the document's version and the moment.

    Rows are only added: a withdrawal is a new row with ``given=False``, so the record
    shows what a person agreed to, to which version and when (art. 7 ust. 1 RODO: the
    controller must be able to show that consent was given).  It belongs to the
    municipality whose office is the controller of the data.
    """

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    kind = models.CharField(_("consent"), max_length=20, choices=ConsentKind.choices)
    version = models.CharField(_("version of the document"), max_length=20)
    given = models.BooleanField(_("given"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["recorded_at", "pk"]
        indexes = [models.Index(fields=["user", "kind", "recorded_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.version}: {self.given}"
