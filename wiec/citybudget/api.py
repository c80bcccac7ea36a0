"""The open city budget in the public API: years, the summary, the lines."""

from typing import Annotated, Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, FilterSchema, Path, Query, Router, Schema
from ninja.pagination import paginate

from wiec.citybudget import selectors
from wiec.citybudget.classification import dzial_name
from wiec.citybudget.models import Line
from wiec.core.api.files import CSV_DOC, XLSX_DOC, csv_response, xlsx_response
from wiec.core.api.pagination import Pages, Rows
from wiec.core.api.places import city_or_404


class RowOut(Schema):
    key: str
    label: str
    plan: int = Field(description="Grosze.")
    executed: int = Field(description="Grosze.")


class SummaryOut(Schema):
    year: int
    quarter: int = Field(description="0: the adopted plan; 1–4: execution after the quarter.")
    plan: int
    executed: int
    participatory_plan: int
    participatory_executed: int
    by_dzial: list[RowOut]
    by_district: list[RowOut]
    by_quarter: list[RowOut]


class LineOut(Schema):
    dzial: str
    dzial_name: str
    rozdzial: str
    paragraf: str
    name: str
    district_id: int | None
    plan: int
    executed: int
    participatory: bool


class LineFilters(FilterSchema):
    dzial: str | None = Field(None, pattern=r"^[0-9]{3}$")
    district: int | None = Field(None, ge=1, le=2**31 - 1)
    participatory: bool | None = None


Year = Annotated[int, Path(ge=1999, le=2200)]
COLUMNS = [
    "dzial",
    "nazwa_dzialu",
    "rozdzial",
    "paragraf",
    "nazwa",
    "id_dzielnicy",
    "plan_zl",
    "wykonanie_zl",
    "bo",
]


def line_out(line: Line) -> dict[str, Any]:
    return {
        "dzial": line.dzial,
        "dzial_name": dzial_name(line.dzial),
        "rozdzial": line.rozdzial,
        "paragraf": line.paragraf,
        "name": line.name,
        "district_id": line.district_id,
        "plan": line.plan,
        "executed": line.executed,
        "participatory": line.participatory,
    }


def _lines(year: int, filters: LineFilters):
    return selectors.filtered_lines(
        city_or_404(),
        year,
        dzial=filters.dzial or "",
        district=filters.district,
        participatory=filters.participatory,
    )


def _rows(year: int, filters: LineFilters) -> list[list[Any]]:
    return [
        [
            line.dzial,
            dzial_name(line.dzial),
            line.rozdzial,
            line.paragraf,
            line.name,
            line.district_id or "",
            line.plan / 100,
            line.executed / 100,
            "tak" if line.participatory else "nie",
        ]
        for line in _lines(year, filters)
    ]


def build_router() -> Router:
    router = Router(tags=["citybudget"])

    @router.get("", response=list[int], summary=_("Years with a published budget"))
    def years(request: HttpRequest):
        return selectors.years(city_or_404())

    @router.get("/{year}", response=SummaryOut, summary=_("The budget of a year"))
    def year_summary(request: HttpRequest, year: Year):
        summary = selectors.summary(city_or_404(), year)
        if summary.report is None:
            raise Http404("No budget for this year.")
        rows = lambda items: [vars(r) for r in items]  # noqa: E731
        return {
            "year": year,
            "quarter": summary.report.quarter,
            "plan": summary.plan,
            "executed": summary.executed,
            "participatory_plan": summary.participatory_plan,
            "participatory_executed": summary.participatory_executed,
            "by_dzial": rows(summary.by_dzial),
            "by_district": rows(summary.by_district),
            "by_quarter": rows(summary.by_quarter),
        }

    @router.get("/{year}/lines", response=list[LineOut], summary=_("Budget lines"))
    @paginate(Pages)
    def lines(request: HttpRequest, filters: Query[LineFilters], year: Year):
        return Rows(_lines(year, filters), line_out)

    @router.get("/{year}/lines.csv", summary=_("Budget lines as CSV"), openapi_extra=CSV_DOC)
    def lines_csv(request: HttpRequest, filters: Query[LineFilters], year: Year):
        return csv_response(f"budzet-{year}.csv", COLUMNS, _rows(year, filters))

    @router.get("/{year}/lines.xlsx", summary=_("Budget lines as XLSX"), openapi_extra=XLSX_DOC)
    def lines_xlsx(request: HttpRequest, filters: Query[LineFilters], year: Year):
        return xlsx_response(f"budzet-{year}.xlsx", COLUMNS, _rows(year, filters), sheet="budzet")

    return router
