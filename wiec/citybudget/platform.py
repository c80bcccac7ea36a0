"""What the open city budget tells the platform: its API, data sets and feed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse

from wiec.citybudget.models import Report
from wiec.core.participation import Dataset, FeedEntry, Resource, SearchDocument, ToolContents
from wiec.places.selectors import current_city


def _reports():
    return Report.objects.filter(city=current_city())


class CityBudgetContents(ToolContents):
    def api_router(self) -> Any:
        from wiec.citybudget.api import build_router

        return build_router()

    def search_documents(self) -> Iterator[SearchDocument]:
        for year in sorted(set(_reports().values_list("year", flat=True))):
            yield SearchDocument(
                key=f"year:{year}",
                title=f"Budżet miasta {year}",
                url=reverse("citybudget:year", args=[year]),
                year=year,
            )

    def feed_entries(self, district_id: int | None = None) -> Iterator[FeedEntry]:
        if district_id is not None:
            return
        for report in _reports():
            yield FeedEntry(
                key=f"citybudget:report:{report.pk}",
                title=f"Budżet miasta {report.year}: "
                + ("plan" if report.quarter == 0 else f"wykonanie po {report.quarter}. kwartale"),
                url=reverse("citybudget:year", args=[report.year]),
                summary="",
                updated=report.uploaded_at,
            )

    def datasets(self) -> Iterator[Dataset]:
        city = current_city()
        if city is None:
            return
        for year in sorted(set(_reports().values_list("year", flat=True))):
            api = f"/api/v1/citybudget/{year}"
            yield Dataset(
                key=f"citybudget-{year}",
                title=f"Budżet miasta {year}: plan i wykonanie",
                description=(
                    f"Plan i wykonanie wydatków budżetu: {city.name}, {year}, według działów, "
                    "rozdziałów i paragrafów klasyfikacji budżetowej oraz dzielnic."
                ),
                url=reverse("citybudget:year", args=[year]),
                keywords=("budżet", "finanse publiczne", city.name),
                resources=(
                    Resource("Podsumowanie (JSON)", api, "JSON"),
                    Resource("Pozycje budżetu (CSV)", f"{api}/lines.csv", "CSV"),
                    Resource("Pozycje budżetu (XLSX)", f"{api}/lines.xlsx", "XLSX"),
                ),
            )
