"""What residents see of the budget: totals by area (dział), by district, by quarter."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet, Sum

from wiec.citybudget.classification import dzial_name
from wiec.citybudget.models import Line, Report
from wiec.places.models import City


@dataclass
class Row:
    key: str
    label: str
    plan: int
    executed: int

    @property
    def percent(self) -> float:
        return 100 * self.executed / self.plan if self.plan else 0.0


@dataclass
class Summary:
    year: int
    report: Report | None
    plan: int = 0
    executed: int = 0
    participatory_plan: int = 0
    participatory_executed: int = 0
    by_dzial: list[Row] = field(default_factory=list)
    by_district: list[Row] = field(default_factory=list)
    by_quarter: list[Row] = field(default_factory=list)

    @property
    def participatory_percent(self) -> float:
        return 100 * self.participatory_plan / self.plan if self.plan else 0.0


def years(city: City) -> list[int]:
    return sorted(
        set(Report.objects.filter(city=city).values_list("year", flat=True)), reverse=True
    )


def latest_report(city: City, year: int) -> Report | None:
    """The newest report of the year: the last quarter's execution, else the plan."""
    return Report.objects.filter(city=city, year=year).order_by("-quarter").first()


def lines(city: City, year: int) -> QuerySet[Line]:
    report = latest_report(city, year)
    if report is None:
        return Line.objects.none()
    return report.lines.select_related("district").order_by("dzial", "rozdzial", "paragraf", "pk")


def _totals(queryset: QuerySet[Line]) -> tuple[int, int]:
    sums = queryset.aggregate(plan=Sum("plan"), executed=Sum("executed"))
    return sums["plan"] or 0, sums["executed"] or 0


def summary(city: City, year: int) -> Summary:
    report = latest_report(city, year)
    result = Summary(year=year, report=report)
    if report is None:
        return result
    rows = report.lines.all()
    result.plan, result.executed = _totals(rows)
    result.participatory_plan, result.participatory_executed = _totals(
        rows.filter(participatory=True)
    )
    for item in rows.values("dzial").annotate(p=Sum("plan"), e=Sum("executed")).order_by("-p"):
        code = item["dzial"]
        result.by_dzial.append(
            Row(code, f"{code} {dzial_name(code)}".strip(), item["p"] or 0, item["e"] or 0)
        )
    grouped = (
        rows.values("district__name", "district__number")
        .annotate(p=Sum("plan"), e=Sum("executed"))
        .order_by("district__number", "district__name")
    )
    for item in grouped:
        label = item["district__name"] or ""
        result.by_district.append(Row(label, label, item["p"] or 0, item["e"] or 0))
    quarterly = (
        Line.objects.filter(report__city=city, report__year=year, report__quarter__gte=1)
        .values("report__quarter")
        .annotate(p=Sum("plan"), e=Sum("executed"))
        .order_by("report__quarter")
    )
    for item in quarterly:
        q = item["report__quarter"]
        result.by_quarter.append(Row(str(q), f"Q{q}", item["p"] or 0, item["e"] or 0))
    return result


def filtered_lines(
    city: City, year: int, *, dzial: str = "", district: int | None = None, participatory=None
) -> QuerySet[Line]:
    queryset = lines(city, year)
    if dzial:
        queryset = queryset.filter(dzial=dzial)
    if district is not None:
        queryset = queryset.filter(Q(district_id=district))
    if participatory is not None:
        queryset = queryset.filter(participatory=participatory)
    return queryset
