"""Turnout and who voted: overall, per district, by age group and sex, by channel, by day.

Turnout per district is the number of ballots cast in the district's pool over the
district's population.  Ballots imported from pabulib files are kept per file, and the
files do not link a voter's city-wide ballot to their district one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from wiec.budgets.models import Ballot, BallotState, Channel, Edition, PoolKind, Vote

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


def edition_statistics(edition: Edition) -> list[Table]:
    ballots = Ballot.objects.filter(edition=edition, state=BallotState.VALID)
    total = ballots.count()
    tables: list[Table] = []
    population = edition.city.population or 0
    overall = [(str(_("ballots")), total)]
    if population:
        overall.append((str(_("turnout, %")), round(100 * total / population, 2)))
    tables.append(
        Table(
            "overall",
            str(_("Turnout overall")),
            str(_("Ballots counted and the share of the city's residents.")),
            (str(_("measure")), str(_("value"))),
            overall,
        )
    )
    per_pool = dict(
        Vote.objects.filter(
            ballot__edition=edition, ballot__state=BallotState.VALID, pool__kind=PoolKind.DISTRICT
        )
        .values_list("pool_id")
        .annotate(n=Count("ballot_id", distinct=True))
    )
    district_rows = []
    for pool in edition.pools.filter(kind=PoolKind.DISTRICT).select_related("district"):
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
    ages = ballots.aggregate(
        **{label: Count("pk", filter=Q(age__gte=lo, age__lte=hi)) for lo, hi, label in AGE_GROUPS}
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
            [(str(c.label), channels.get(c.value, 0)) for c in Channel if channels.get(c.value)],
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
    return tables
