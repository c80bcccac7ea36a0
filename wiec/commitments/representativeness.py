"""Who takes part compared with who lives here, per process and per year.

Participants are counted only from what the identity policy collects: the district of
a verified residency always; age and sex only when the city's policy asks for a PESEL or
a date of birth and sex. Budget ballots carry only their district: by design they cannot
be joined to a person's residency (``wiec.budgets.voting.ballot_key``). A group with
fewer participants than ``WIEC_REPRESENTATIVENESS_MIN_GROUP`` (default 10) is never
shown, and when only one group of a dimension is hidden the next smallest is hidden too,
so no hidden number can be worked out from the total (RODO art. 5 ust. 1 lit. c and
art. 89: statistics without singling anyone out).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wiec.commitments.models import Dimension, PopulationFigure

AGE_BANDS: list[tuple[str, int, int]] = [
    ("0-17", 0, 17),
    ("18-29", 18, 29),
    ("30-44", 30, 44),
    ("45-64", 45, 64),
    ("65+", 65, 200),
]
SEX_LABELS = {"F": _("women"), "M": _("men")}


def min_group() -> int:
    return int(getattr(settings, "WIEC_REPRESENTATIVENESS_MIN_GROUP", 10))


@dataclass(frozen=True)
class Profile:
    """What is known of one participant: ``None`` where the process did not collect it."""

    district_id: int | None
    age: int | None = None
    sex: str = ""


def age_band(age: int | None) -> str:
    if age is None:
        return ""
    for key, low, high in AGE_BANDS:
        if low <= age <= high:
            return key
    return ""


@dataclass
class Row:
    key: str
    label: str
    participants: int | None
    population: int | None
    participant_share: float | None = None
    population_share: float | None = None
    ratio: float | None = None

    @property
    def hidden(self) -> bool:
        return self.participants is None


@dataclass
class Table:
    dimension: str
    label: Any
    collected: bool
    rows: list[Row] = field(default_factory=list)
    unknown: int = 0
    has_population: bool = False

    @property
    def hidden_count(self) -> int:
        return sum(1 for r in self.rows if r.hidden)


@dataclass(frozen=True)
class Process:
    tool: str
    tool_label: Any
    key: str
    title: str
    url: str
    collects_age_sex: bool
    profiles: Callable[[], list[Profile]]


def _residency_profiles(user_ids: Iterable[int], day: datetime.date) -> list[Profile]:
    from wiec.accounts.models import ResidencyDeclaration

    profiles = []
    for r in ResidencyDeclaration.objects.verified().filter(user_id__in=set(user_ids)):
        profiles.append(Profile(r.district_id, r.age_on(day), r.sex))
    return profiles


def _policy_collects(city: Any) -> bool:
    from wiec.accounts.selectors import default_policy

    return bool(default_policy(city).collects_identity)


def processes(city: Any, year: int) -> list[Process]:
    """Every process of every tool in the year, with how to find its participants."""
    from wiec.budgets.models import Ballot, BallotState, Edition
    from wiec.budgets.phases import PhaseType
    from wiec.consultations.models import Consultation
    from wiec.consultations.selectors import participant_ids
    from wiec.panels.models import CitizensPanel, Panelist

    collects = _policy_collects(city)
    found: list[Process] = []
    editions = Edition.objects.filter(
        city=city, phases__type=PhaseType.VOTING, phases__ends_on__year=year
    ).distinct()
    for e in editions:
        found.append(
            Process(
                "budgets",
                _("Participatory budget"),
                str(e.pk),
                e.name,
                e.get_absolute_url(),
                False,
                lambda e=e: [
                    Profile(d)
                    for d in Ballot.objects.filter(
                        edition=e, state=BallotState.VALID, duplicate=False
                    ).values_list("district_id", flat=True)
                ],
            )
        )
    for c in Consultation.objects.filter(city=city, starts_on__year=year):
        found.append(
            Process(
                "consultations",
                _("Consultation"),
                str(c.pk),
                c.title,
                c.get_absolute_url(),
                collects,
                lambda c=c: _residency_profiles(participant_ids(c), c.ends_on),
            )
        )
    for p in CitizensPanel.objects.filter(city=city, recruitment_starts__year=year):
        found.append(
            Process(
                "panels",
                _("Citizens' panel"),
                str(p.pk),
                p.topic,
                p.get_absolute_url(),
                collects,
                lambda p=p: _residency_profiles(
                    Panelist.objects.filter(panel=p, user__isnull=False).values_list(
                        "user_id", flat=True
                    ),
                    p.deliberation_starts,
                ),
            )
        )
    return found


def process(city: Any, year: int, tool: str, key: str) -> Process | None:
    return next((p for p in processes(city, year) if p.tool == tool and p.key == key), None)


def process_url(p: Process, year: int) -> str:
    return reverse("commitments:representativeness_process", args=[year, p.tool, p.key])


def tables(city: Any, year: int, profiles: list[Profile], *, collects_age_sex: bool) -> list[Table]:
    """One table per dimension: participants, population, shares and their ratio."""
    from wiec.places.models import District

    population = _population(city, year)
    districts = list(District.objects.filter(city=city).order_by("name"))
    by_slug = {d.slug: d for d in districts}
    groups = {
        Dimension.DISTRICT: [(str(d.pk), d.name, by_slug[d.slug].slug) for d in districts],
        Dimension.AGE: [(k, k.replace("-", "–"), k) for k, _l, _h in AGE_BANDS],
        Dimension.SEX: [(k, str(v), k) for k, v in SEX_LABELS.items()],
    }
    values = {
        Dimension.DISTRICT: [str(p.district_id) if p.district_id else "" for p in profiles],
        Dimension.AGE: [age_band(p.age) for p in profiles],
        Dimension.SEX: [p.sex for p in profiles],
    }
    result = []
    for dimension in (Dimension.DISTRICT, Dimension.AGE, Dimension.SEX):
        collected = dimension == Dimension.DISTRICT or collects_age_sex
        table = Table(dimension, Dimension(dimension).label, collected)
        if not collected:
            result.append(table)
            continue
        counts = Counter(values[dimension])
        table.unknown = counts.pop("", 0)
        pop = population.get(dimension, {})
        table.has_population = bool(pop)
        known = sum(counts.values())
        pop_total = sum(pop.values())
        for key, label, pop_key in groups[dimension]:
            n = counts.get(key, 0)
            row = Row(key, label, n, pop.get(pop_key))
            if known:
                row.participant_share = n / known
            if pop_total and row.population is not None:
                row.population_share = row.population / pop_total
            if row.participant_share is not None and row.population_share:
                row.ratio = row.participant_share / row.population_share
            table.rows.append(row)
        _suppress(table.rows, min_group())
        result.append(table)
    return result


def _suppress(rows: list[Row], minimum: int) -> None:
    """Hide every group under ``minimum`` (but no group with nobody in it, which names
    nobody); if only one is hidden, hide the next smallest too, so totals give none away."""
    small = [r for r in rows if 0 < (r.participants or 0) < minimum]
    if len(small) == 1:
        others = sorted(
            (r for r in rows if r not in small and (r.participants or 0) > 0),
            key=lambda r: r.participants or 0,
        )
        small += others[:1]
    for r in small:
        r.participants = None
        r.participant_share = None
        r.ratio = None


def _population(city: Any, year: int) -> dict[str, dict[str, int]]:
    """The figures for ``year``, or the latest earlier year's when that has none."""
    rows = PopulationFigure.objects.filter(city=city, year__lte=year).order_by("-year")
    latest = rows.values_list("year", flat=True).first()
    figures: dict[str, dict[str, int]] = {}
    if latest is None:
        return figures
    for dimension, group, count in rows.filter(year=latest).values_list(
        "dimension", "group", "count"
    ):
        figures.setdefault(dimension, {})[group] = count
    return figures


def population_year(city: Any, year: int) -> int | None:
    return (
        PopulationFigure.objects.filter(city=city, year__lte=year)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )


# The official's upload ----------------------------------------------------------------

DIMENSION_NAMES = {
    "dzielnica": Dimension.DISTRICT,
    "district": Dimension.DISTRICT,
    "wiek": Dimension.AGE,
    "age": Dimension.AGE,
    "plec": Dimension.SEX,
    "płeć": Dimension.SEX,
    "sex": Dimension.SEX,
}
SEX_NAMES = {"k": "F", "f": "F", "kobiety": "F", "m": "M", "mężczyźni": "M", "mezczyzni": "M"}


@transaction.atomic
def import_population(*, actor: Any, city: Any, year: int, text: str) -> int:
    """Replace the year's figures with a CSV of ``wymiar,grupa,liczba`` rows; returns how
    many rows were stored. Every problem is a Polish message naming its row, and nothing
    is stored unless every row is right."""
    from wiec.core.access import ensure
    from wiec.core.services import record_event
    from wiec.core.tables import read_rows
    from wiec.places.models import District

    ensure(actor, "commitments.enter_population", city)
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Give a year from 2000 to 2100."), code="year")
    delimiter = (
        ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    )
    header, rows = read_rows(text, delimiter=delimiter)
    wanted = ["wymiar", "grupa", "liczba"]
    if [h.lower() for h in header] != wanted:
        raise ValidationError(_("The first row must be: wymiar, grupa, liczba."), code="header")
    slugs = {d.slug for d in District.objects.filter(city=city)}
    names = {d.name.casefold(): d.slug for d in District.objects.filter(city=city)}
    bands = {k for k, _l, _h in AGE_BANDS}
    figures: dict[tuple[str, str], int] = {}
    for number, row in rows:
        values = {k.lower(): (v or "").strip() for k, v in row.items()}
        dimension = DIMENSION_NAMES.get(values["wymiar"].casefold())
        group = values["grupa"]
        if dimension is None:
            raise ValidationError(
                _("Row %(row)s: the dimension must be dzielnica, wiek or płeć."),
                code="dimension",
                params={"row": number},
            )
        if dimension == Dimension.DISTRICT:
            group = group if group in slugs else names.get(group.casefold(), "")
        elif dimension == Dimension.AGE:
            group = group.replace("–", "-").replace(" ", "")
            group = group if group in bands else ""
        else:
            group = SEX_NAMES.get(group.casefold(), group.upper() if group.upper() in "FM" else "")
        if not group:
            raise ValidationError(
                _("Row %(row)s: “%(group)s” is not a district, age band or sex this page knows."),
                code="group",
                params={"row": number, "group": values["grupa"][:40]},
            )
        count = values["liczba"].replace(" ", "").replace("\u00a0", "")
        if not count.isascii() or not count.isdigit() or int(count) > 100_000_000:
            raise ValidationError(
                _("Row %(row)s: the number of residents must be a whole number."),
                code="count",
                params={"row": number},
            )
        if (dimension, group) in figures:
            raise ValidationError(
                _("Row %(row)s repeats a group given earlier."),
                code="repeated",
                params={"row": number},
            )
        figures[(dimension, group)] = int(count)
    if not figures:
        raise ValidationError(_("The file has no rows of figures."), code="empty")
    PopulationFigure.objects.filter(city=city, year=year).delete()
    PopulationFigure.objects.bulk_create(
        PopulationFigure(city=city, year=year, dimension=d, group=g, count=c)
        for (d, g), c in figures.items()
    )
    record_event(
        actor=actor, action="commitments.population_imported", target=city, data={"year": year}
    )
    return len(figures)
