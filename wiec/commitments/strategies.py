"""Monitored strategies: the structure imported from a spreadsheet, yearly indicator
values with their source, residents' comments per goal, tasks that become commitments."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wiec.commitments.models import (
    CommitmentSource,
    Goal,
    GoalComment,
    IndicatorValue,
    Measure,
    Strategy,
)
from wiec.core.access import ensure
from wiec.core.services import record_event

COLUMNS = [
    "typ",
    "cel",
    "nazwa",
    "jednostka",
    "rok",
    "wartosc",
    "docelowo_rok",
    "docelowo",
    "zrodlo",
    "odpowiedzialni",
    "termin",
]


def _number(text: str, row: int, column: str) -> Decimal:
    cleaned = (text or "").replace(" ", "").replace("\u00a0", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or abs(value) >= 10**12:
        raise ValidationError(
            _("Row %(row)s: “%(column)s” must be a number."),
            code="number",
            params={"row": row, "column": column},
        )
    return value


def _year(text: str, row: int, column: str) -> int:
    if not (text or "").strip().isdigit() or not 1990 <= int(text) <= 2100:
        raise ValidationError(
            _("Row %(row)s: “%(column)s” must be a year."),
            code="year",
            params={"row": row, "column": column},
        )
    return int(text)


@transaction.atomic
def import_strategy(
    *, actor: Any, city: Any, title: str, starts_year: int, ends_year: int, text: str
) -> Strategy:
    """A whole strategy from a CSV (``typ`` = cel, miernik, wartosc or zadanie a row);
    nothing is saved unless every row is right."""
    from wiec.commitments.services import create_commitment
    from wiec.core.tables import read_rows

    ensure(actor, "commitments.manage_strategy", city)
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the strategy a title.")}, code="title")
    if ends_year < starts_year:
        raise ValidationError(_("The strategy cannot end before it starts."), code="years")
    first = text.split("\n", 1)[0]
    header, rows = read_rows(text, delimiter=";" if first.count(";") > first.count(",") else ",")
    if [h.lower() for h in header] != COLUMNS:
        raise ValidationError(
            _("The first row must be: %(columns)s."),
            code="header",
            params={"columns": ", ".join(COLUMNS)},
        )
    slug = slugify(title)[:70] or "strategia"
    n = 1
    while Strategy.objects.filter(city=city, slug=slug).exists():
        n += 1
        slug = f"{slugify(title)[:66]}-{n}"
    strategy = Strategy.objects.create(
        city=city, title=title.strip(), slug=slug, starts_year=starts_year, ends_year=ends_year
    )
    goals: dict[str, Goal] = {}
    measures: dict[str, Measure] = {}
    tasks = []
    for number, raw in rows:
        row = {k.lower(): (v or "").strip() for k, v in raw.items()}
        kind = row["typ"].casefold()

        def goal_of(row=row, number=number) -> Goal:
            goal = goals.get(row["cel"].casefold())
            if goal is None:
                raise ValidationError(
                    _("Row %(row)s: the goal “%(goal)s” is not given in an earlier row."),
                    code="goal",
                    params={"row": number, "goal": row["cel"][:60]},
                )
            return goal

        if kind == "cel":
            if not row["cel"]:
                raise ValidationError(
                    _("Row %(row)s: name the goal."), code="goal_name", params={"row": number}
                )
            goals[row["cel"].casefold()] = Goal.objects.create(
                strategy=strategy, number=len(goals) + 1, title=row["cel"][:300]
            )
        elif kind == "miernik":
            baseline_year = _year(row["rok"], number, "rok")
            target_year = _year(row["docelowo_rok"], number, "docelowo_rok")
            if target_year <= baseline_year or not row["nazwa"]:
                raise ValidationError(
                    _(
                        "Row %(row)s: an indicator needs a name and a target year after its "
                        "baseline."
                    ),
                    code="measure",
                    params={"row": number},
                )
            measures[row["nazwa"].casefold()] = Measure.objects.create(
                goal=goal_of(),
                title=row["nazwa"][:300],
                unit=row["jednostka"][:40],
                baseline_year=baseline_year,
                baseline=_number(row["wartosc"], number, "wartosc"),
                target_year=target_year,
                target=_number(row["docelowo"], number, "docelowo"),
                source=row["zrodlo"][:300],
            )
        elif kind in ("wartosc", "wartość"):
            measure = measures.get(row["nazwa"].casefold())
            if measure is None:
                raise ValidationError(
                    _("Row %(row)s: the indicator “%(name)s” is not given in an earlier row."),
                    code="measure_missing",
                    params={"row": number, "name": row["nazwa"][:60]},
                )
            year = _year(row["rok"], number, "rok")
            if not row["zrodlo"]:
                raise ValidationError(
                    _("Row %(row)s: every value needs its source."),
                    code="source",
                    params={"row": number},
                )
            if IndicatorValue.objects.filter(measure=measure, year=year).exists():
                raise ValidationError(
                    _("Row %(row)s repeats a group given earlier."),
                    code="repeated",
                    params={"row": number},
                )
            IndicatorValue.objects.create(
                measure=measure,
                year=year,
                value=_number(row["wartosc"], number, "wartosc"),
                source=row["zrodlo"][:300],
            )
        elif kind == "zadanie":
            try:
                due = datetime.date.fromisoformat(row["termin"]) if row["termin"] else None
            except ValueError:
                raise ValidationError(
                    _("Row %(row)s: give the date as YYYY-MM-DD."),
                    code="date",
                    params={"row": number},
                ) from None
            if not row["nazwa"]:
                raise ValidationError(
                    _("Row %(row)s: name the task."), code="task", params={"row": number}
                )
            tasks.append((goal_of(), row["nazwa"], row["odpowiedzialni"], due))
        else:
            raise ValidationError(
                _("Row %(row)s: the type must be cel, miernik, wartosc or zadanie."),
                code="type",
                params={"row": number},
            )
    if not goals:
        raise ValidationError(_("The file has no goal."), code="no_goal")
    for goal, name, owner, due in tasks:
        commitment = create_commitment(
            actor=actor,
            city=city,
            title=name,
            tool=CommitmentSource.STRATEGIES,
            process_title=strategy.title,
            source_url=strategy.get_absolute_url(),
            owner_unit=owner,
            planned_on=due,
            year=starts_year,
        )
        commitment.goal = goal
        commitment.save(update_fields=["goal"])
    record_event(actor=actor, action="commitments.strategy_imported", target=strategy)
    return strategy


@transaction.atomic
def record_value(
    *, actor: Any, measure: Measure, year: int, value: Decimal, source: str
) -> IndicatorValue:
    """The monitoring team's yearly value, with where it comes from."""
    ensure(actor, "commitments.manage_strategy", measure.goal.strategy.city)
    if not (source or "").strip():
        raise ValidationError({"source": _("Say where the value comes from.")}, code="source")
    item, _created = IndicatorValue.objects.update_or_create(
        measure=measure, year=year, defaults={"value": value, "source": source.strip()[:300]}
    )
    record_event(
        actor=actor,
        action="commitments.indicator_recorded",
        target=measure.goal.strategy,
        data={"measure": measure.pk, "year": year, "value": str(value)},
    )
    return item


@transaction.atomic
def comment_on_goal(*, actor: Any, goal: Goal, text: str) -> GoalComment:
    ensure(actor, "commitments.comment_goal", goal)
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the comment.")}, code="text")
    return GoalComment.objects.create(goal=goal, author=actor, text=text.strip()[:3000])


def path_chart(measure: Measure, *, chart_id: str) -> str:
    """An SVG line chart of the indicator's values against its straight target path."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    values = {v.year: float(v.value) for v in measure.values.all()}
    years = list(range(measure.baseline_year, measure.target_year + 1))
    points = (
        [measure.target_on(y) for y in years] + list(values.values()) + [float(measure.baseline)]
    )
    low, high = min(points), max(points)
    span = (high - low) or 1
    width, height, left, bottom = 520, 220, 50, 30

    def x(year: int) -> float:
        return left + (year - years[0]) * (width - left - 20) / max(len(years) - 1, 1)

    def y(value: float) -> float:
        return 10 + (high - value) * (height - bottom - 20) / span

    target = " ".join(f"{x(yr):.1f},{y(measure.target_on(yr)):.1f}" for yr in years)
    actual_years = [measure.baseline_year, *sorted(values)]
    actual_values = [float(measure.baseline), *[values[k] for k in sorted(values)]]
    actual = " ".join(
        f"{x(a):.1f},{y(b):.1f}" for a, b in zip(actual_years, actual_values, strict=True)
    )
    title = escape(str(_("%(name)s: values against the target path")) % {"name": measure.title})
    desc = escape(
        str(
            _(
                "Dashed: the straight path from the baseline to the target; solid: the values. "
                "The table gives the numbers."
            )
        )
    )
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{title}</title><desc id="{chart_id}-d">{desc}</desc>',
        f'<polyline points="{target}" fill="none" stroke="#888" stroke-width="2" '
        'stroke-dasharray="6 4"/>',
        f'<polyline points="{actual}" fill="none" stroke="#0b5394" stroke-width="3"/>',
    ]
    for a, b in zip(actual_years, actual_values, strict=True):
        parts.append(f'<circle cx="{x(a):.1f}" cy="{y(b):.1f}" r="4" fill="#0b5394"/>')
    for yr in years:
        parts.append(
            f'<text x="{x(yr):.1f}" y="{height - 8}" font-size="12" text-anchor="middle" '
            f'fill="#222">{yr}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped or a number
