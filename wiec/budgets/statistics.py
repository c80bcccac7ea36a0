"""Turnout and who voted: overall, per district, by age group and sex, by channel, by day.

A ballot is a person (one card with votes in every pool they voted in), so turnout, the
channels and the days count people; turnout per district counts the ballots of the
district's pool over the district's population.  An edition imported from files that do
not link a person's pool ballots (``Edition.ballots_are_people`` off) shows only the pool
figures and says why, rather than count one person once per pool.  Age and sex are left
out when no ballot records them (anonymous imported ballots), again saying why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from wiec.budgets.models import Ballot, BallotChannel, BallotChoice, BallotState, Edition, PoolKind

AGE_GROUPS = [
    (0, 17, "–17"),
    (18, 29, "18–29"),
    (30, 44, "30–44"),
    (45, 59, "45–59"),
    (60, 74, "60–74"),
    (75, 200, "75+"),
]


@dataclass
class Table:
    key: str
    title: str
    description: str
    headers: tuple[str, str]
    rows: list[tuple[str, float]]
    unit: str = ""


@dataclass
class Statistics:
    tables: list[Table] = field(default_factory=list)
    #: Why a figure is not shown, in the reader's language.
    notes: list[str] = field(default_factory=list)


def edition_statistics(edition: Edition) -> Statistics:
    ballots = Ballot.objects.filter(edition=edition, state=BallotState.VALID)
    stats = Statistics()
    tables = stats.tables
    if edition.ballots_are_people:
        tables.append(_overall(edition, ballots.count()))
    else:
        stats.notes.append(
            str(
                _(
                    "The imported files do not say which ballots of different pools belong "
                    "to the same person, so the number of people who voted, turnout and "
                    "the figures by age, sex, channel and day are not shown: they would "
                    "count a person once for every pool. The figures per pool are shown."
                )
            )
        )
    per_pool = dict(
        BallotChoice.objects.filter(ballot__edition=edition, ballot__state=BallotState.VALID)
        .values_list("pool_id")
        .annotate(n=Count("ballot_id", distinct=True))
    )
    pools = list(edition.pools.select_related("district"))
    if len(pools) > 1 or not edition.ballots_are_people:
        tables.append(
            Table(
                "pools",
                str(_("Ballots per pool")),
                str(_("Ballots with a vote in each pool; one person may vote in several pools.")),
                (str(_("pool")), str(_("ballots"))),
                [(pool.name, per_pool.get(pool.pk, 0)) for pool in pools],
            )
        )
    district_rows = []
    for pool in (p for p in pools if p.kind == PoolKind.DISTRICT):
        people = pool.district.population or 0
        voters = per_pool.get(pool.pk, 0)
        district_rows.append(
            (pool.district.name, round(100 * voters / people, 2) if people else 0.0)
        )
    if district_rows:
        tables.append(
            Table(
                "districts",
                str(_("Turnout per district")),
                str(_("Ballots in each district's pool per 100 residents.")),
                (str(_("district")), str(_("turnout, %"))),
                district_rows,
                " %",
            )
        )
    if edition.ballots_are_people:
        _people(ballots, stats)
    return stats


def _overall(edition: Edition, total: int) -> Table:
    population = edition.city.population or 0
    overall = [(str(_("people who voted")), total)]
    if population:
        overall.append((str(_("turnout, %")), round(100 * total / population, 2)))
    return Table(
        "overall",
        str(_("Turnout overall")),
        str(
            _(
                "People who voted, each counted once whatever the number of pools they "
                "voted in, and their share of the city's residents."
            )
        ),
        (str(_("measure")), str(_("value"))),
        overall,
    )


def _people(ballots, stats: Statistics) -> None:
    """Age, sex, channel and day: each ballot is one person."""
    tables = stats.tables
    described = ballots.filter(Q(age__isnull=False) | ~Q(sex=""))
    if ballots.exists() and not described.exists():
        stats.notes.append(
            str(
                _(
                    "Age and sex are not shown: no ballot records them (ballots imported "
                    "from pabulib files are anonymous)."
                )
            )
        )
    else:
        ages = ballots.aggregate(
            **{
                label: Count("pk", filter=Q(age__gte=lo, age__lte=hi))
                for lo, hi, label in AGE_GROUPS
            }
        )
        unknown_age = ballots.filter(age__isnull=True).count()
        tables.append(
            Table(
                "age",
                str(_("Ballots by age group")),
                str(_("Age on the day of voting; unknown for anonymous imported ballots.")),
                (str(_("age")), str(_("ballots"))),
                [*ages.items(), (str(_("unknown")), unknown_age)],
            )
        )
        sexes = dict(ballots.values_list("sex").annotate(n=Count("pk")))
        tables.append(
            Table(
                "sex",
                str(_("Ballots by sex")),
                str(_("As recorded in the proof of identity.")),
                (str(_("sex")), str(_("ballots"))),
                [
                    (str(_("women")), sexes.get("F", 0)),
                    (str(_("men")), sexes.get("M", 0)),
                    (str(_("unknown")), sexes.get("", 0)),
                ],
            )
        )
    channels = dict(ballots.values_list("channel").annotate(n=Count("pk")))
    tables.append(
        Table(
            "channel",
            str(_("Online and on paper")),
            str(_("How the ballots came in.")),
            (str(_("channel")), str(_("ballots"))),
            [
                (str(c.label), channels.get(c.value, 0))
                for c in BallotChannel
                if channels.get(c.value)
            ],
        )
    )
    days = ballots.values_list("received_on").annotate(n=Count("pk")).order_by("received_on")
    tables.append(
        Table(
            "days",
            str(_("Ballots per day")),
            str(_("By the day each ballot was received.")),
            (str(_("day")), str(_("ballots"))),
            [(d.strftime("%d.%m.%Y"), n) for d, n in days],
        )
    )
