"""The ranking's table: computed live from the indicators until the year is published,
read from the frozen rows after."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wiec.network.indicators import INDICATORS, Indicator, scores
from wiec.network.models import Ranking, RankingRow
from wiec.places.models import City

TOTAL = "total"
JURY = "jury"


@dataclass
class Standing:
    city: City
    values: dict[str, float | None] = field(default_factory=dict)
    scores: dict[str, float | None] = field(default_factory=dict)
    jury: float | None = None
    total: float = 0.0
    rank: int = 0

    def cells(self, indicators: tuple[Indicator, ...]) -> list[tuple[float | None, float | None]]:
        return [(self.values.get(i.key), self.scores.get(i.key)) for i in indicators]


def _total(standing: Standing, jury_weight: int) -> float:
    available = [i for i in INDICATORS if i.available]
    mean = sum(standing.scores.get(i.key) or 0 for i in available) / max(len(available), 1)
    if jury_weight and standing.jury is not None:
        return round((100 - jury_weight) / 100 * mean + jury_weight / 100 * standing.jury, 1)
    return round(mean, 1)


def _ranked(standings: list[Standing]) -> list[Standing]:
    standings.sort(key=lambda s: (-s.total, s.city.name))
    previous, rank = None, 0
    for n, s in enumerate(standings, start=1):
        if s.total != previous:
            rank, previous = n, s.total
        s.rank = rank
    return standings


def live(ranking: Ranking | Any, year: int, cities: list[City] | None = None) -> list[Standing]:
    cities = cities if cities is not None else list(City.objects.all())
    standings = {c.pk: Standing(c) for c in cities}
    for indicator in INDICATORS:
        if not indicator.available:
            continue
        values = indicator.compute(year).values
        scaled = scores(indicator, {c: v for c, v in values.items() if c in standings})
        for city_id, s in standings.items():
            s.values[indicator.key] = values.get(city_id)
            s.scores[indicator.key] = scaled.get(city_id)
    jury_weight = getattr(ranking, "jury_weight", 0) or 0
    if ranking is not None and getattr(ranking, "pk", None):
        for score in ranking.jury_scores.all():
            if score.city_id in standings:
                standings[score.city_id].jury = float(score.score)
    for s in standings.values():
        s.total = _total(s, jury_weight)
    return _ranked(list(standings.values()))


def frozen(ranking: Ranking) -> list[Standing]:
    standings: dict[int, Standing] = {}
    for row in RankingRow.objects.filter(ranking=ranking).select_related("city"):
        s = standings.setdefault(row.city_id, Standing(row.city))
        if row.indicator == TOTAL:
            s.total = row.score or 0.0
        elif row.indicator == JURY:
            s.jury = row.score
        else:
            s.values[row.indicator] = row.value
            s.scores[row.indicator] = row.score
    return _ranked(list(standings.values()))


def snapshot_rows(ranking: Ranking, standings: list[Standing]) -> list[RankingRow]:
    rows = []
    for s in standings:
        for key, value in s.values.items():
            rows.append(
                RankingRow(
                    ranking=ranking, city=s.city, indicator=key, value=value, score=s.scores[key]
                )
            )
        rows.append(RankingRow(ranking=ranking, city=s.city, indicator=TOTAL, score=s.total))
        if s.jury is not None:
            rows.append(RankingRow(ranking=ranking, city=s.city, indicator=JURY, score=s.jury))
    return rows
