"""The indicators of the ranking "najbardziej partycypacyjna gmina", from the platform's
own data.

Each :class:`Indicator` computes one value per municipality for a year and hands back
the queryset it read, so the page prints the very SQL that produced the figures
(anyone with a copy of the database can run it again). Indicators whose tool does
not exist yet are listed with ``available=False`` and no values: nothing is guessed.

Scores: an indicator that is a share (of consultations, of recommendations, of the
statement's parts, of the questionnaire's top level) counts as its own points, 0-100;
the others (turnout, days) are scaled to 0-100 across the municipalities that have a
value (the best gets 100, the weakest 0; reversed where fewer is better). A
municipality without a value scores 0 on it. The total is the mean of
the scores, and where the edition has a jury, ``(100 - w) %`` of that plus ``w %`` of
the jury's score.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wiec.accessibility.models import AccessibilityRequest, AccessibilityStatement
from wiec.budgets.models import Ballot, BallotChoice, BallotState, EditionPhase
from wiec.budgets.phases import PhaseType
from wiec.consultations.models import Consultation, ConsultationRequest
from wiec.network.models import AssessmentAnswer
from wiec.panels.models import Recommendation
from wiec.places.models import City

Values = dict[int, float]


@dataclass(frozen=True)
class Result:
    values: Values
    queries: tuple[QuerySet, ...] = ()


@dataclass(frozen=True)
class Indicator:
    key: str
    label: Promise
    method: Promise
    unit: str
    higher_is_better: bool = True
    per_capita: bool = False
    #: The value is already a share of 100 that means the same everywhere (a share of
    #: consultations, of recommendations): it is its own score, not scaled to the others.
    absolute: bool = False
    compute: Callable[[int], Result] | None = None

    @property
    def available(self) -> bool:
        return self.compute is not None


def _populations() -> dict[int, int]:
    return dict(City.objects.filter(population__gt=0).values_list("pk", "population"))


def budget_turnout(year: int) -> Result:
    """People who voted in the year's budget per 100 residents."""
    voting = EditionPhase.objects.filter(
        type=PhaseType.VOTING, starts_on__year=year, starts_on__lte=timezone.localdate()
    )
    ballots = (
        Ballot.objects.filter(
            edition__in=voting.values("edition"),
            edition__ballots_are_people=True,
            state=BallotState.VALID,
        )
        .values("edition__city")
        .annotate(people=Count("pk"))
    )
    # Imported editions do not say which ballots of two pools are one person: the
    # largest pool's ballots are the fewest people who can have voted.
    per_pool = (
        BallotChoice.objects.filter(
            ballot__edition__in=voting.values("edition"),
            ballot__edition__ballots_are_people=False,
            ballot__state=BallotState.VALID,
        )
        .values("ballot__edition__city", "pool")
        .annotate(people=Count("ballot", distinct=True))
    )
    people: dict[int, int] = defaultdict(int)
    for row in ballots:
        people[row["edition__city"]] += row["people"]
    largest: dict[int, int] = defaultdict(int)
    for row in per_pool:
        city = row["ballot__edition__city"]
        largest[city] = max(largest[city], row["people"])
    for city, count in largest.items():
        people[city] += count
    populations = _populations()
    values = {
        city: round(100 * count / populations[city], 2)
        for city, count in people.items()
        if city in populations
    }
    return Result(values, (ballots, per_pool))


def consultation_reports(year: int) -> Result:
    """Share of the year's finished consultations with a published report and an answer
    to every remark."""
    finished = Consultation.objects.filter(
        ends_on__year=year, ends_on__lt=timezone.localdate()
    ).annotate(
        unanswered=Count("remarks", filter=Q(remarks__response="")),
        reported=Count("report"),
    )
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for c in finished.values("city", "unanswered", "reported"):
        totals[c["city"]][0] += 1
        if c["reported"] and not c["unanswered"]:
            totals[c["city"]][1] += 1
    values = {city: round(100 * done / total, 1) for city, (total, done) in totals.items()}
    return Result(values, (finished.values("city", "pk", "unanswered", "reported"),))


def answer_days(year: int) -> Result:
    """Median days from a resident's request to the answer (requests for a
    consultation and for accessible content, answered in the year)."""
    consultation = ConsultationRequest.objects.filter(
        answered_at__year=year, submitted_at__isnull=False
    ).values_list("city", "submitted_at", "answered_at")
    accessibility = AccessibilityRequest.objects.filter(answered_at__year=year).values_list(
        "city", "created_at", "answered_at"
    )
    days: dict[int, list[float]] = defaultdict(list)
    for city, asked, answered in [*consultation, *accessibility]:
        days[city].append((answered - asked).total_seconds() / 86400)
    values = {city: round(statistics.median(found), 1) for city, found in days.items()}
    return Result(values, (consultation, accessibility))


def panel_responses(year: int) -> Result:
    """Share of the recommendations of the year's panels that the city answered."""
    recommendations = (
        Recommendation.objects.filter(panel__recommendations_start__year=year)
        .values("panel__city")
        .annotate(total=Count("pk"), answered=Count("pk", filter=~Q(response="")))
    )
    values = {
        r["panel__city"]: round(100 * r["answered"] / r["total"], 1)
        for r in recommendations
        if r["total"]
    }
    return Result(values, (recommendations,))


STATEMENT_FIELDS = (
    "entity_name",
    "website_url",
    "published_on",
    "updated_on",
    "status",
    "prepared_on",
    "assessment_method",
    "contact_person",
    "contact_email",
    "contact_phone",
    "procedure",
    "architecture",
)


def statement_completeness(year: int) -> Result:
    """Share of the accessibility statement's required parts filled in (art. 10 of the
    Act of 4 April 2019 on digital accessibility) and updated in the year or later."""
    statements = AccessibilityStatement.objects.values("city", "updated_on", *STATEMENT_FIELDS)
    values = {}
    for s in statements:
        filled = sum(1 for name in STATEMENT_FIELDS if s[name] not in ("", None))
        fresh = s["updated_on"] is not None and s["updated_on"].year >= year
        parts = len(STATEMENT_FIELDS) + 1
        values[s["city"]] = round(100 * (filled + (1 if fresh else 0)) / parts, 1)
    return Result(values, (statements,))


def self_assessment(year: int) -> Result:
    """The year's self-assessment: the mean maturity level, 1 to 5, scaled to 0-100."""
    rows = AssessmentAnswer.objects.filter(assessment__year=year).values_list(
        "assessment__city", "level"
    )
    levels: dict[int, list[int]] = defaultdict(list)
    for city, level in rows:
        levels[city].append(level)
    values = {
        city: round(100 * (statistics.mean(found) - 1) / 4, 1) for city, found in levels.items()
    }
    return Result(values, (rows,))


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "budget_turnout",
        _("Turnout in the participatory budget vote"),
        _(
            "People who voted in the budget whose vote began in the year, per 100 "
            "residents. For an imported edition, whose files do not say which ballots of "
            "different pools are one person, the largest pool's ballots."
        ),
        "%",
        per_capita=True,
        compute=budget_turnout,
    ),
    Indicator(
        "consultation_reports",
        _("Consultations with a report answering every remark"),
        _(
            "Of the consultations that ended in the year, the share with a published "
            "report and an answer to every remark."
        ),
        "%",
        absolute=True,
        compute=consultation_reports,
    ),
    Indicator(
        "answer_days",
        _("Days to answer residents' requests"),
        _(
            "The median number of days from a request (for a consultation, or for "
            "accessible content) to the office's answer, over the requests answered in "
            "the year. Fewer is better."
        ),
        _("days"),
        higher_is_better=False,
        compute=answer_days,
    ),
    Indicator(
        "panel_responses",
        _("Panel recommendations with the city's response"),
        _(
            "Of the recommendations of panels that reached recommendations in the year, "
            "the share the city answered."
        ),
        "%",
        absolute=True,
        compute=panel_responses,
    ),
    Indicator(
        "local_initiatives",
        _("Local initiatives carried out"),
        _(
            "Local initiatives (art. 19b of the Act on public benefit activity) carried "
            "out per 10,000 residents. Not yet available: the platform has no local "
            "initiative tool yet, and the ranking does not guess."
        ),
        _("per 10,000"),
        per_capita=True,
    ),
    Indicator(
        "statement_completeness",
        _("Completeness of the accessibility statement"),
        _(
            "The share of the statement's required parts that are filled in, one more "
            "part counting for an update in the year or later."
        ),
        "%",
        absolute=True,
        compute=statement_completeness,
    ),
    Indicator(
        "self_assessment",
        _("Self-assessment"),
        _(
            "The mean maturity level of the municipality's self-assessment for the year, "
            "from 1 (0 points) to 5 (100 points)."
        ),
        _("points"),
        absolute=True,
        compute=self_assessment,
    ),
)


def indicator(key: str) -> Indicator | None:
    return next((i for i in INDICATORS if i.key == key), None)


def scores(indicator: Indicator, values: Values) -> dict[int, float]:
    """Each value as points, 0-100: itself for a share, else scaled among the
    municipalities that have one."""
    if not values:
        return {}
    if indicator.absolute:
        return {c: round(min(max(v, 0.0), 100.0), 1) for c, v in values.items()}
    low, high = min(values.values()), max(values.values())
    if high == low:
        return dict.fromkeys(values, 100.0)
    scale = 100 / (high - low)
    if indicator.higher_is_better:
        return {c: round((v - low) * scale, 1) for c, v in values.items()}
    return {c: round((high - v) * scale, 1) for c, v in values.items()}


def source_sql(queryset: QuerySet) -> str:
    """The SQL of a queryset with its parameters filled in, as the database runs it."""
    sql, params = queryset.query.sql_with_params()
    return sql % tuple(_literal(p) for p in params)


def _literal(value: Any) -> str:
    if isinstance(value, int | float):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"
