"""The budget's open data sets: one per edition, with its proposals and results."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from wiec.budgets.models import CountRun, Edition
from wiec.core.participation import Dataset, Resource
from wiec.places.models import City


def datasets(city: City) -> Iterator[Dataset]:
    published = {
        run.edition_id: run for run in CountRun.objects.filter(published=True, edition__city=city)
    }
    for edition in Edition.objects.filter(city=city).order_by("created_at", "pk"):
        api = f"/api/v1/budgets/editions/{edition.slug}"
        proposals = f"/api/v1/budgets/proposals?edition={edition.slug}"
        resources = [
            Resource("Edycja i pule (JSON)", api, "JSON"),
            Resource("Projekty (JSON)", proposals, "JSON"),
            Resource(
                "Projekty (CSV)", f"/api/v1/budgets/proposals.csv?edition={edition.slug}", "CSV"
            ),
            Resource(
                "Projekty (XLSX)", f"/api/v1/budgets/proposals.xlsx?edition={edition.slug}", "XLSX"
            ),
            Resource(
                "Projekty na mapie (GeoJSON)",
                f"/api/v1/budgets/proposals.geojson?edition={edition.slug}",
                "GeoJSON",
            ),
        ]
        run = published.get(edition.pk)
        if run is not None:
            resources += [
                Resource("Wyniki z wyjaśnieniami (JSON)", f"{api}/results", "JSON"),
                Resource(
                    "Wyniki (CSV)",
                    reverse("budgets:export", kwargs={"slug": edition.slug, "fmt": "csv"}),
                    "CSV",
                ),
            ]
        yield Dataset(
            key=f"budgets-edition-{edition.pk}",
            title=f"Budżet obywatelski: {edition.name}",
            description=(
                f"Projekty zgłoszone w edycji „{edition.name}” budżetu obywatelskiego "
                f"({city.name}) z wynikami weryfikacji i odwołań"
                + (", wynikami głosowania i ich wyjaśnieniami." if run else ".")
            ),
            url=edition.get_absolute_url(),
            keywords=("budżet obywatelski", "partycypacja", city.name),
            resources=tuple(resources),
            created=edition.created_at,
            modified=run.published_at if run and run.published_at else edition.created_at,
        )
