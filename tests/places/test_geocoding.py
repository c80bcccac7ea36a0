"""Address search: the offline gazetteer, its Polish-aware matching, and the endpoint
``/adres/`` (JSON and HTML), and the map page's plain GET form."""

from __future__ import annotations

import pytest

from wiec.places import demo, geocoding
from wiec.places.models import GazetteerEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    return demo.load_region()


def labels(city, query):
    return [m.label for m in geocoding.search(city, query)]


def test_the_gazetteer_is_loaded_per_municipality(region):
    for slug in ("krakow", "wieliczka", "golcza"):
        assert GazetteerEntry.objects.filter(city=region[slug]).count() >= 20
    assert demo.load_gazetteer() == GazetteerEntry.objects.count()  # safe to run again


@pytest.mark.parametrize(
    "query",
    [
        "ul. Floriańska 12",
        "florianska 12",
        "FLORIAŃSKA 12",
        "ulica floriańska, 12",
        "Floriańska 12",
    ],
)
def test_case_diacritics_and_prefixes_do_not_matter_and_the_number_is_kept(region, query):
    assert labels(region["krakow"], query)[0] == "ul. Floriańska 12"


def test_a_house_number_is_not_required_and_partial_words_match(region):
    assert labels(region["krakow"], "al. Mickiewicza") == ["al. Adama Mickiewicza"]
    assert "Plac Bohaterów Getta" in labels(region["krakow"], "pl. bohaterow getta")
    assert labels(region["krakow"], "lagiewnicka 5/7") == ["ul. Łagiewnicka 5/7"]


def test_results_stay_in_the_municipality(region):
    assert labels(region["krakow"], "Floriańska")
    assert labels(region["wieliczka"], "Floriańska") == []
    # Both have a Kościuszki street: each finds its own.
    krakow = geocoding.search(region["krakow"], "ul. Kościuszki 3")[0]
    wieliczka = geocoding.search(region["wieliczka"], "ul. Kościuszki 3")[0]
    assert krakow.label == "ul. Tadeusza Kościuszki 3"
    assert wieliczka.label == "os. Kościuszki 3"  # the exact name before the longer one
    assert krakow.latitude > 50.0 > wieliczka.latitude


def test_a_village_address_without_a_street(region):
    match = geocoding.search(region["golcza"], "Gołcza 80")[0]
    assert match.label == "Gołcza 80"
    assert abs(match.latitude - 50.344) < 0.01


def test_nonsense_and_empty_queries_find_nothing(region):
    assert labels(region["krakow"], "") == []
    assert labels(region["krakow"], "12") == []
    assert labels(region["krakow"], "qwertyuiop") == []


def test_an_unknown_backend_falls_back_to_the_gazetteer(region, settings):
    settings.WIEC_GEOCODER = "nonsense"
    assert geocoding.backend_name() == "gazetteer"
    assert labels(region["krakow"], "Floriańska")


def test_a_remote_backend_that_fails_finds_nothing(region, settings, monkeypatch):
    settings.WIEC_GEOCODER = "nominatim"

    def unreachable(url):
        raise OSError("no network in tests")

    monkeypatch.setattr(geocoding, "_fetch", unreachable)
    assert labels(region["krakow"], "Floriańska") == []


def test_the_endpoint_answers_json(client, region):
    data = client.get("/adres/", {"q": "florianska 3", "format": "json"}).json()
    assert data["results"][0]["label"] == "ul. Floriańska 3"
    assert data["results"][0]["lat"] == pytest.approx(50.0635)
    empty = client.get("/adres/", {"q": "Nieistniejąca"}, HTTP_ACCEPT="application/json").json()
    assert empty["results"] == []
    assert "Nie znaleziono" in empty["message"]


def test_the_endpoint_answers_an_htmx_fragment_and_a_page(client, region):
    fragment = client.get("/adres/", {"q": "Sławkowska"}, HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert "<html" not in html
    assert "ul. Sławkowska" in html and "/mapa/?lat=50.064000&amp;lon=19.937500&amp;zoom=17" in html
    page = client.get("/adres/", {"q": "Sławkowska", "next": "https://evil.example/"})
    assert page.content.decode().count("https://evil.example") == 0
    assert "<html" in page.content.decode()


def test_the_map_page_lists_matches_as_links_that_recentre_it(client, region):
    html = client.get("/mapa/", {"adres": "Rynek Główny", "narzedzie": "budzet"}).content.decode()
    assert 'name="adres" value="Rynek Główny"' in html
    assert "?narzedzie=budzet&amp;lat=50.061700&amp;lon=19.937300&amp;zoom=17" in html
    centred = client.get("/mapa/", {"lat": "50.0617", "lon": "19.9373", "zoom": "17"})
    assert 'data-lat="50.061700"' in centred.content.decode()
    assert 'data-zoom="17"' in centred.content.decode()
    # A point outside the municipality is not a centre; the page does not fail.
    far = client.get("/mapa/", {"lat": "52.2", "lon": "21.0", "zoom": "x"})
    assert far.status_code == 200 and "data-zoom" not in far.content.decode()


def test_the_map_page_says_when_nothing_is_found(client, region):
    html = client.get("/mapa/", {"adres": "ul. Marszałkowska"}).content.decode()
    assert "Nie znaleziono ulicy ani miejsca „ul. Marszałkowska”" in html
