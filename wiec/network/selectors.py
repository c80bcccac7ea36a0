"""Reads of the network's pages: the Map of Participation's filters, a municipality's
profile, the self-assessment's comparisons.

Every read of the map goes to the :class:`ProcessEntry` index, never to the tools'
tables; a municipality's profile reads only its own rows (indexes begin with ``city``).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, QuerySet
from django.http import QueryDict
from django.utils import timezone

from wiec.core.numbers import whole_or_none
from wiec.core.participation import registered_tools
from wiec.network.index import NETWORK_TOOL
from wiec.network.models import (
    AssessmentAnswer,
    Member,
    Practice,
    ProcessEntry,
    ProcessStatus,
    SelfAssessment,
    Theme,
)
from wiec.places.models import City

FILTER_CACHE_SECONDS = 300


@dataclass(frozen=True)
class MapFilters:
    city: City | None = None
    tool: str = ""
    topic: str = ""
    status: str = ""
    year: int | None = None

    def apply(self, entries: QuerySet) -> QuerySet:
        if self.city is not None:
            entries = entries.filter(city=self.city)
        if self.tool:
            entries = entries.filter(tool=self.tool)
        if self.topic:
            entries = entries.filter(topic=self.topic)
        if self.status:
            entries = entries.filter(status=self.status)
        if self.year is not None:
            entries = entries.filter(year=self.year)
        return entries

    @property
    def any(self) -> bool:
        return bool(self.city or self.tool or self.topic or self.status or self.year)


def process_tools() -> list[Any]:
    return [t for t in registered_tools() if t.key != NETWORK_TOOL]


def map_filters(query: QueryDict) -> MapFilters:
    tools = {t.key for t in process_tools()}
    slug = query.get("gmina", "")[:50]
    tool = query.get("narzedzie", "")
    status = query.get("status", "")
    return MapFilters(
        city=City.objects.filter(slug=slug).first() if slug else None,
        tool=tool if tool in tools else "",
        topic=query.get("temat", "")[:100],
        status=status if status in ProcessStatus.values else "",
        year=whole_or_none(query.get("rok"), maximum=9999),
    )


def filter_options() -> dict[str, Any]:
    """The municipalities, topics and years to choose from, cached for a few minutes
    (they change when a process is added, and a stale choice only finds nothing)."""
    options = cache.get("wiec-network-filter-options")
    if options is None:
        options = {
            "cities": list(City.objects.order_by("name").values_list("slug", "name")),
            "topics": sorted(
                t
                for t in ProcessEntry.objects.order_by().values_list("topic", flat=True).distinct()
                if t
            ),
            "years": sorted(
                ProcessEntry.objects.order_by().values_list("year", flat=True).distinct(),
                reverse=True,
            ),
        }
        cache.set("wiec-network-filter-options", options, FILTER_CACHE_SECONDS)
    return options


def entries(filters: MapFilters) -> QuerySet:
    return filters.apply(ProcessEntry.objects.all()).select_related("city")


#: Above this many processes (and without a municipality chosen) the GeoJSON holds one
#: point per municipality with its count, not one per process: 30,000 points are
#: megabytes no phone should download, and they sit on top of each other anyway.
MAX_POINTS = 1000


def geojson(filters: MapFilters, tool_labels: dict[str, str], list_url: str) -> dict[str, Any]:
    """The filtered processes as a GeoJSON FeatureCollection (RFC 7946: lon, lat).

    One feature per process, or, past :data:`MAX_POINTS` across municipalities, one per
    municipality (``count`` processes, ``url`` the list filtered to it).
    """
    located = filters.apply(ProcessEntry.objects.filter(latitude__isnull=False))
    if filters.city is None and located.count() > MAX_POINTS:
        return {
            "type": "FeatureCollection",
            "features": _per_municipality(located, filters, list_url),
        }
    rows = located.values_list(
        "title", "url", "tool", "status", "year", "latitude", "longitude", "city__name"
    )
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "title": title,
                    "url": url,
                    "tool": tool_labels.get(tool, tool),
                    "status": status,
                    "year": year,
                    "municipality": city,
                },
            }
            for title, url, tool, status, year, lat, lon, city in rows
        ],
    }


def _per_municipality(located: QuerySet, filters: MapFilters, list_url: str) -> list[dict]:
    query = QueryDict(mutable=True)
    for name, value in (
        ("narzedzie", filters.tool),
        ("temat", filters.topic),
        ("status", filters.status),
        ("rok", filters.year),
    ):
        if value:
            query[name] = str(value)
    counts = (
        located.order_by()
        .values("city__slug", "city__name", "city__center_latitude", "city__center_longitude")
        .annotate(n=Count("pk"))
    )
    features = []
    for row in counts:
        query["gmina"] = row["city__slug"]
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [row["city__center_longitude"], row["city__center_latitude"]],
                },
                "properties": {
                    "municipality": row["city__name"],
                    "count": row["n"],
                    "url": f"{list_url}?{query.urlencode()}",
                },
            }
        )
    return features


@dataclass(frozen=True)
class YearFigures:
    year: int
    processes: int
    by_tool: dict[str, int]
    turnout: float | None


def budget_turnout_by_year(city: City) -> dict[int, float]:
    """The share of residents who voted in each of the municipality's budgets (people,
    or the largest pool's ballots where an imported edition cannot tell people apart)."""
    from wiec.budgets.models import Ballot, BallotChoice, BallotState, Edition, EditionPhase
    from wiec.budgets.phases import PhaseType

    if not city.population:
        return {}
    years = dict(
        EditionPhase.objects.filter(
            edition__city=city, type=PhaseType.VOTING, starts_on__lte=timezone.localdate()
        ).values_list("edition_id", "starts_on__year")
    )
    turnout: dict[int, int] = defaultdict(int)
    for edition in Edition.objects.filter(city=city, pk__in=years):
        valid = Ballot.objects.filter(edition=edition, state=BallotState.VALID)
        if edition.ballots_are_people:
            people = valid.count()
        else:
            per_pool = (
                BallotChoice.objects.filter(ballot__in=valid)
                .values("pool")
                .annotate(n=Count("ballot", distinct=True))
            )
            people = max((row["n"] for row in per_pool), default=0)
        turnout[years[edition.pk]] += people
    return {year: round(100 * n / city.population, 2) for year, n in turnout.items()}


def profile(city: City) -> dict[str, Any]:
    """What the municipality's profile shows; every query is about this one only."""
    own = ProcessEntry.objects.filter(city=city)
    counts = own.values_list("year", "tool").annotate(n=Count("pk")).order_by()
    per_year: dict[int, Counter] = defaultdict(Counter)
    for year, tool, n in counts:
        per_year[year][tool] += n
    turnout = budget_turnout_by_year(city)
    years = sorted(set(per_year) | set(turnout))
    figures = [
        YearFigures(y, sum(per_year[y].values()), dict(per_year[y]), turnout.get(y)) for y in years
    ]
    tools_used = Counter()
    for f in figures:
        tools_used.update(f.by_tool)
    return {
        "figures": figures,
        "tools_used": dict(tools_used),
        "turnout": turnout,
        "practices": list(Practice.objects.published().filter(city=city)),
        "members": list(
            Member.objects.filter(city=city, listed_since__isnull=False).order_by("name")
        ),
        "assessment": SelfAssessment.objects.filter(city=city).order_by("-year").first(),
        "recent": list(own.order_by("-year", "title")[:10]),
        "process_count": own.count(),
    }


@dataclass(frozen=True)
class ThemeResult:
    theme: Theme
    level: int
    previous: int | None
    median: float | None
    low: bool

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.level - self.previous


def assessment_results(assessment: SelfAssessment) -> list[ThemeResult]:
    """Each theme's answer beside last year's and the region's median for the year."""
    from wiec.network.models import LOW_LEVEL

    # The versions this team was asked (a theme changed since keeps its old wording
    # here); last year's answers and the region's are matched by the theme's number.
    answers = list(assessment.answers.select_related("theme__area").order_by("theme__number"))
    previous = dict(
        AssessmentAnswer.objects.filter(
            assessment__city=assessment.city, assessment__year=assessment.year - 1
        ).values_list("theme__number", "level")
    )
    region: dict[int, list[int]] = defaultdict(list)
    for number, level in AssessmentAnswer.objects.filter(
        assessment__year=assessment.year
    ).values_list("theme__number", "level"):
        region[number].append(level)
    return [
        ThemeResult(
            theme=a.theme,
            level=a.level,
            previous=previous.get(a.theme.number),
            median=statistics.median(region[a.theme.number])
            if region.get(a.theme.number)
            else None,
            low=0 < a.level <= LOW_LEVEL,
        )
        for a in answers
    ]
