"""Citizens' panels' open data sets: one per panel, with its lottery's public record."""

from __future__ import annotations

from collections.abc import Iterator

from wiec.core.participation import Dataset, Resource
from wiec.panels.models import CitizensPanel, Lottery
from wiec.places.models import City


def datasets(city: City) -> Iterator[Dataset]:
    drawn = set(Lottery.objects.values_list("panel_id", flat=True))
    for panel in CitizensPanel.objects.public().filter(city=city).order_by("created_at", "pk"):
        api = f"/api/v1/panels/{panel.slug}"
        resources = [Resource("Panel (JSON)", api, "JSON")]
        if panel.pk in drawn:
            resources.append(Resource("Protokół losowania (JSON)", f"{api}/lottery", "JSON"))
        resources.append(
            Resource("Rekomendacje i odpowiedzi (JSON)", f"{api}/recommendations", "JSON")
        )
        yield Dataset(
            key=f"panels-{panel.pk}",
            title=f"Panel obywatelski: {panel.topic}",
            description=panel.question,
            url=panel.get_absolute_url(),
            keywords=("panel obywatelski", "losowanie", city.name),
            resources=tuple(resources),
            created=panel.created_at,
            modified=panel.results_published_at or panel.created_at,
        )
