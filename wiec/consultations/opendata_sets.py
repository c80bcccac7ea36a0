"""Consultations' open data sets: one per consultation, with its remarks and report."""

from __future__ import annotations

from collections.abc import Iterator

from wiec.consultations.models import Consultation
from wiec.core.participation import Dataset, Resource
from wiec.places.models import City


def datasets(city: City) -> Iterator[Dataset]:
    consultations = Consultation.objects.filter(city=city).select_related("report")
    for c in consultations.order_by("starts_on", "pk"):
        api = f"/api/v1/consultations/{c.slug}"
        resources = [
            Resource("Konsultacje i dokument (JSON)", api, "JSON"),
            Resource("Uwagi z odpowiedziami (JSON)", f"{api}/remarks", "JSON"),
            Resource("Uwagi z odpowiedziami (CSV)", f"{api}/remarks.csv", "CSV"),
            Resource("Uwagi z odpowiedziami (XLSX)", f"{api}/remarks.xlsx", "XLSX"),
        ]
        if c.map_enabled:
            resources.append(
                Resource("Uwagi na mapie (GeoJSON)", f"{api}/remarks.geojson", "GeoJSON")
            )
        report = getattr(c, "report", None)
        if report is not None:
            resources.append(Resource("Raport z konsultacji (JSON)", f"{api}/report", "JSON"))
        yield Dataset(
            key=f"consultations-{c.pk}",
            title=f"Konsultacje społeczne: {c.title}",
            description=c.summary or c.subject,
            url=c.get_absolute_url(),
            keywords=("konsultacje społeczne", "partycypacja", city.name),
            resources=tuple(resources),
            created=c.created_at,
            modified=report.published_at if report else c.created_at,
        )
