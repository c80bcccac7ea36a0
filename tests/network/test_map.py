"""The Map of Participation reads its own index, filled from every tool through the
registry, and a municipality's refresh never touches another's rows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wiec.core.participation import Process, Tool, ToolContents, register_tool, unregister_tool
from wiec.network import index
from wiec.network.models import ProcessEntry
from wiec.places.selectors import current_city


class InitiativeContents(ToolContents):
    """A tool the network does not know: it appears on the map by registering."""

    indexed_models = ()

    def processes(self):
        city = current_city()
        yield Process(
            key="1", title=f"Skwer w {city.name}", url="/inicjatywy/1/", status="ongoing",
            status_label="zbiórka wkładu", year=2026, topic="Zieleń",
            lat=city.center_latitude, lon=city.center_longitude,
        )  # fmt: skip


@pytest.fixture
def initiatives():
    register_tool(Tool("initiatives", "Inicjatywy lokalne", "core:home"), InitiativeContents())
    yield
    unregister_tool("initiatives")


def test_a_registered_tool_appears_on_the_map_list_and_geojson(
    client, city, wieliczka, initiatives
):
    index.refresh(city)
    index.refresh(wieliczka)
    page = client.get(reverse("network:home"), {"narzedzie": "initiatives"}).content.decode()
    assert "Skwer w Kraków" in page and "Skwer w Wieliczka" in page
    data = client.get(reverse("network:geojson"), {"gmina": "wieliczka"}).json()
    titles = [f["properties"]["title"] for f in data["features"]]
    assert titles == ["Skwer w Wieliczka"]
    assert data["features"][0]["geometry"]["coordinates"] == [20.065, 49.987]


def test_filters_by_topic_status_and_year(client, city, initiatives):
    index.refresh(city, "initiatives")
    found = client.get(
        reverse("network:home"), {"temat": "Zieleń", "status": "ongoing", "rok": 2026}
    )
    assert found.context["count"] == 1
    none = client.get(reverse("network:home"), {"rok": 2019, "narzedzie": "initiatives"})
    assert none.context["count"] == 0


def test_a_refresh_of_one_municipality_leaves_the_others(city, wieliczka, initiatives):
    index.refresh(city, "initiatives")
    index.refresh(wieliczka, "initiatives")
    ProcessEntry.objects.filter(city=city).delete()
    index.refresh(city, "initiatives")
    assert ProcessEntry.objects.filter(city=wieliczka).count() == 1
    assert ProcessEntry.objects.filter(city=city).count() == 1


def test_saving_a_tools_row_refreshes_its_municipality(city, django_capture_on_commit_callbacks):
    from wiec.consultations import demo as consultations_demo

    with django_capture_on_commit_callbacks(execute=True):
        consultations_demo.load(city)
    titles = set(
        ProcessEntry.objects.filter(city=city, tool="consultations").values_list("title", flat=True)
    )
    assert "Park na Zabłociu" in titles


def test_the_profile_reads_its_municipality_only(client, city, wieliczka, initiatives):
    index.refresh(city)
    index.refresh(wieliczka)
    response = client.get(reverse("network:profile", args=["wieliczka"]))
    assert response.context["process_count"] == 1  # not Kraków's
    page = response.content.decode()
    assert "Inicjatywy lokalne" in page
    assert "70" in page  # population
    assert client.get(reverse("network:profile", args=["nie-ma"])).status_code == 404


def test_bad_filters_are_ignored_not_errors(client, city):
    response = client.get(reverse("network:home"), {"rok": "٢٠٢٤", "narzedzie": "x", "page": "zz"})
    assert response.status_code == 200


def test_a_large_map_shows_one_point_per_municipality(
    client, city, wieliczka, initiatives, monkeypatch
):
    from wiec.network import selectors

    index.refresh(city)
    index.refresh(wieliczka)
    monkeypatch.setattr(selectors, "MAX_POINTS", 1)
    data = client.get(reverse("network:geojson"), {"narzedzie": "initiatives"}).json()
    counts = {f["properties"]["municipality"]: f["properties"]["count"] for f in data["features"]}
    assert counts == {"Kraków": 1, "Wieliczka": 1}
    urls = {f["properties"]["url"] for f in data["features"]}
    assert "/siec/?narzedzie=initiatives&gmina=wieliczka" in urls
    one = client.get(reverse("network:geojson"), {"gmina": "wieliczka"}).json()
    assert one["features"][0]["properties"]["title"] == "Skwer w Wieliczka"
