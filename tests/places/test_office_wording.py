"""A municipality's pages speak of it by its own kind: a rural gmina is never a "Urząd
Miasta", Kraków is; general wording says "gmina"."""

from __future__ import annotations

import pytest

from wiec.places import demo
from wiec.places.models import City, Kind

pytestmark = pytest.mark.django_db

PAGES = [
    "",
    "prywatnosc/",
    "regulamin/",
    "bo/",
    "konsultacje/",
    "panele/",
    "inicjatywy/",
    "zobowiazania/",
    "kalendarz/",
    "mapa/",
    "szukaj/",
]


@pytest.fixture
def region(db):
    return demo.load_region()


@pytest.mark.parametrize(
    ("kind", "office", "noun"),
    [
        (Kind.RURAL, "Urząd Gminy", "gmina"),
        (Kind.URBAN_RURAL, "Urząd Miasta i Gminy", "gmina"),
        (Kind.URBAN, "Urząd Miasta", "miasto"),
        (Kind.CITY_COUNTY, "Urząd Miasta", "miasto"),
        (Kind.COUNTY, "Starostwo Powiatowe", "powiat"),
        (Kind.VOIVODESHIP, "Urząd Marszałkowski", "województwo"),
    ],
)
def test_the_office_and_noun_follow_the_kind(kind, office, noun):
    unit = City(kind=kind)
    assert (unit.office_kind, unit.unit_noun) == (office, noun)


def test_golcza_never_says_urzad_miasta_and_krakow_does(client, region):
    golcza = region["golcza"]
    seen = 0
    for page in PAGES:
        response = client.get(f"/g/{golcza.slug}/{page}", follow=True)
        if response.status_code != 200:
            continue
        seen += 1
        body = response.content.decode()
        assert "Urząd Miasta" not in body, page
        assert "urząd miasta" not in body, page
    assert seen >= 8
    privacy = client.get(f"/g/{golcza.slug}/prywatnosc/").content.decode()
    assert "Urząd Gminy Gołcza" in privacy
    krakow = client.get("/g/krakow/prywatnosc/").content.decode()
    assert "Urząd Miasta Krakowa" in krakow


def test_without_its_own_office_name_a_gmina_gets_its_kinds_office(client, region):
    City.objects.filter(slug="golcza").update(office_name="", office_address="")
    privacy = client.get("/g/golcza/prywatnosc/").content.decode()
    assert "Administratorem Twoich danych osobowych jest Urząd Gminy." in privacy
