"""The city and its districts (dzielnice, osiedla, sołectwa)."""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

#: The least contrast WCAG 2.1 AA asks of normal text (success criterion 1.4.3).
AA_CONTRAST = 4.5
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def contrast_with_white(colour: str) -> float:
    """The WCAG contrast ratio of white text on ``colour`` (``#rrggbb``)."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


class Kind(models.TextChoices):
    """The type of local government unit; with the TERYT code it decides the thresholds
    the law ties to a unit's type (e.g. art. 5a u.s.g. for gminy, art. 3d u.s.p. for
    powiaty, art. 10a u.s.w. for województwa)."""

    URBAN = "urban", _("urban gmina")
    RURAL = "rural", _("rural gmina")
    URBAN_RURAL = "urban_rural", _("urban-rural gmina")
    CITY_COUNTY = "city_county", _("city with county rights")
    COUNTY = "county", _("county (powiat)")
    VOIVODESHIP = "voivodeship", _("voivodeship")


#: The office of each type of unit (art. 33 u.s.g., art. 33 u.s.p., art. 45 u.s.w.).
OFFICE_KINDS = {
    Kind.URBAN: pgettext_lazy("office", "City Office"),
    Kind.CITY_COUNTY: pgettext_lazy("office", "City Office"),
    Kind.URBAN_RURAL: pgettext_lazy("office", "Town and Municipal Office"),
    Kind.RURAL: pgettext_lazy("office", "Municipal Office"),
    Kind.COUNTY: pgettext_lazy("office", "County Office"),
    Kind.VOIVODESHIP: pgettext_lazy("office", "Marshal's Office"),
}
UNIT_NOUNS = {
    Kind.URBAN: pgettext_lazy("unit", "city"),
    Kind.CITY_COUNTY: pgettext_lazy("unit", "city"),
    Kind.URBAN_RURAL: pgettext_lazy("unit", "municipality"),
    Kind.RURAL: pgettext_lazy("unit", "municipality"),
    Kind.COUNTY: pgettext_lazy("unit", "county"),
    Kind.VOIVODESHIP: pgettext_lazy("unit", "voivodeship"),
}


class City(models.Model):
    """A municipality (gmina) that runs its participation on this installation."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        unique=True,
        help_text=_("Its address: <slug>.<network domain>, or /g/<slug>/ in development."),
    )
    kind = models.CharField(
        _("type of unit"), max_length=20, choices=Kind.choices, default=Kind.URBAN
    )
    teryt = models.CharField(_("TERYT code"), max_length=7, blank=True)
    domain = models.CharField(
        _("domain"),
        max_length=253,
        null=True,
        blank=True,
        unique=True,
        validators=[
            RegexValidator(
                r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$",
                message=_("Enter a host name such as budzet.wieliczka.eu."),
            )
        ],
        help_text=_("Its own host name, if it has one (e.g. budzet.wieliczka.eu)."),
    )
    coat_of_arms = models.CharField(
        _("coat of arms"),
        max_length=200,
        blank=True,
        help_text=_("Path of the image among the static files, e.g. img/herby/wieliczka.svg."),
    )
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        default="#0b4f8a",
        validators=[RegexValidator(HEX_COLOUR, message=_("Enter a colour as #rrggbb."))],
        help_text=_("Used behind white text, so it must keep a contrast of 4.5:1 (WCAG AA)."),
    )
    email_sender = models.CharField(
        _("e-mail sender"),
        max_length=200,
        blank=True,
        help_text=_("The From of its e-mail, e.g. Budżet Obywatelski <bo@wieliczka.eu>."),
    )
    local_days_off = models.JSONField(
        _("local days off"),
        default=list,
        blank=True,
        help_text=_("Dates (YYYY-MM-DD) the office is closed besides public holidays."),
    )
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
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(domain__isnull=True) | ~models.Q(domain=""),
                name="city_domain_not_empty",
            ),
            models.UniqueConstraint(Lower("domain"), name="city_domain_unique_lower"),
            models.CheckConstraint(
                condition=models.Q(primary_colour__regex=r"^#[0-9a-fA-F]{6}$"),
                name="city_primary_colour_hex",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # One spelling of a host name, and none rather than an empty one.
        self.domain = (self.domain or "").strip().lower().rstrip(".") or None
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return self.site_url() + "/"

    def clean(self) -> None:
        super().clean()
        colour = self.primary_colour or ""
        if HEX_COLOUR.match(colour) and contrast_with_white(colour) < AA_CONTRAST:
            raise ValidationError(
                {
                    "primary_colour": ValidationError(
                        _(
                            "White text on %(colour)s has a contrast of %(ratio).1f:1; "
                            "choose a darker colour (at least 4.5:1)."
                        ),
                        code="low_contrast",
                        params={"colour": colour, "ratio": contrast_with_white(colour)},
                    )
                }
            )
        for value in self.local_days_off or []:
            try:
                datetime.date.fromisoformat(str(value))
            except ValueError:
                raise ValidationError(
                    {"local_days_off": _("Enter dates as YYYY-MM-DD.")}, code="bad_date"
                ) from None

    @property
    def office_kind(self) -> str:
        """The generic name of the unit's office, by its type: "Urząd Gminy",
        "Urząd Miasta", "Urząd Miasta i Gminy", "Starostwo Powiatowe", "Urząd
        Marszałkowski" (for pages and e-mail when ``office_name`` is not set)."""
        return str(OFFICE_KINDS.get(self.kind, OFFICE_KINDS[Kind.RURAL]))

    @property
    def unit_noun(self) -> str:
        """What the unit is called in a sentence: "gmina", "miasto", "powiat",
        "województwo"; where the type does not matter, say "gmina" or "samorząd"."""
        return str(UNIT_NOUNS.get(self.kind, UNIT_NOUNS[Kind.RURAL]))

    @property
    def is_town(self) -> bool:
        """A town's own gmina or a city with county rights (pages say "miasto")."""
        return self.kind in (Kind.URBAN, Kind.CITY_COUNTY)

    def site_url(self) -> str:
        """Where the municipality is reached from outside (links in e-mail): its own
        domain, else the installation's address with the path form ``/g/<slug>``."""
        base = settings.WIEC_SITE_URL.rstrip("/")
        if self.domain:
            scheme = base.split("://", 1)[0] if "://" in base else "https"
            return f"{scheme}://{self.domain}"
        return f"{base}/g/{self.slug}"

    def days_off(self) -> frozenset[datetime.date]:
        """The municipality's own days off besides the statutory holidays."""
        return frozenset(datetime.date.fromisoformat(str(v)) for v in self.local_days_off or [])

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


class GazetteerKind(models.TextChoices):
    STREET = "street", _("street")
    LANDMARK = "landmark", _("landmark")


class GazetteerEntry(models.Model):
    """A street or landmark of a municipality with one approximate point: what the
    offline geocoder (``wiec.places.geocoding``) searches.  ``key`` is the name folded
    for matching (lower case, no diacritics, no "ul."/"al."/"os." prefix)."""

    city = models.ForeignKey(
        City, on_delete=models.CASCADE, related_name="gazetteer", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(
        _("kind"), max_length=10, choices=GazetteerKind.choices, default=GazetteerKind.STREET
    )
    key = models.CharField(_("search key"), max_length=160, db_index=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        verbose_name = _("gazetteer entry")
        verbose_name_plural = _("gazetteer entries")
        ordering = ["city", "name"]
        constraints = [
            models.UniqueConstraint(fields=["city", "name"], name="gazetteer_unique_name"),
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90)
                & models.Q(longitude__gte=-180, longitude__lte=180),
                name="gazetteer_coordinates_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name
