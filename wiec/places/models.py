"""The city and its districts (dzielnice, osiedla, sołectwa)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class City(models.Model):
    """A municipality (gmina) that runs its participation on this installation."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), unique=True)
    teryt = models.CharField(_("TERYT code"), max_length=7, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    office_name = models.CharField(
        _("office"), max_length=200, help_text=_("For example: Urząd Miasta Krakowa.")
    )
    office_address = models.CharField(_("office address"), max_length=300, blank=True)
    office_email = models.EmailField(_("office e-mail"), blank=True)
    office_phone = models.CharField(_("office phone"), max_length=40, blank=True)
    data_protection_officer_email = models.EmailField(
        _("data protection officer's e-mail"), blank=True
    )
    website = models.URLField(_("website"), blank=True)
    center_latitude = models.FloatField(_("centre latitude"), default=52.2297)
    center_longitude = models.FloatField(_("centre longitude"), default=21.0122)
    bounds_south = models.FloatField(_("southern bound"), null=True, blank=True)
    bounds_west = models.FloatField(_("western bound"), null=True, blank=True)
    bounds_north = models.FloatField(_("northern bound"), null=True, blank=True)
    bounds_east = models.FloatField(_("eastern bound"), null=True, blank=True)
    require_staff_mfa = models.BooleanField(
        _("staff sign in with a second factor"),
        default=False,
        help_text=_(
            "Officials, coordinators, moderators and administrators must add an "
            "authenticator app or a security key; until they do, they see only that page."
        ),
    )

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def contains_point(self, latitude: float, longitude: float) -> bool:
        """Whether a point lies in the city's bounding box (True when none is set)."""
        if None in (self.bounds_south, self.bounds_west, self.bounds_north, self.bounds_east):
            return True
        return (
            self.bounds_south <= latitude <= self.bounds_north
            and self.bounds_west <= longitude <= self.bounds_east
        )


class DistrictQuerySet(models.QuerySet):
    def of_city(self, city: City) -> DistrictQuerySet:
        return self.filter(city=city)


class District(models.Model):
    """An auxiliary unit of the city (jednostka pomocnicza), e.g. a Kraków dzielnica."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="districts")
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"))
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    population = models.PositiveIntegerField(
        _("population"),
        null=True,
        blank=True,
        help_text=_("Residents, used for example for the cap on support signatures."),
    )
    center_latitude = models.FloatField(_("centre latitude"), null=True, blank=True)
    center_longitude = models.FloatField(_("centre longitude"), null=True, blank=True)

    objects = DistrictQuerySet.as_manager()

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["number", "name"]
        constraints = [
            models.UniqueConstraint(fields=["city", "slug"], name="district_unique_slug"),
            models.UniqueConstraint(fields=["city", "name"], name="district_unique_name"),
        ]

    def __str__(self) -> str:
        if self.number:
            return f"{self.number_roman}. {self.name}"
        return self.name

    @property
    def number_roman(self) -> str:
        """Kraków numbers its districts in Roman numerals (Dzielnica I Stare Miasto)."""
        value = self.number or 0
        numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        out = []
        for arabic, roman in numerals:
            while value >= arabic:
                out.append(roman)
                value -= arabic
        return "".join(out)
