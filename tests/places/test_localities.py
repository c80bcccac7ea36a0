"""The localities of a municipality: a village of a rural gmina is in it."""

from __future__ import annotations

from wiec.places.localities import base_name, localities, locality_of
from wiec.places.models import City

GOLCZA = City(name="Gmina Gołcza", slug="golcza")


def test_a_village_of_golcza_is_in_the_gmina_however_it_is_spelt():
    assert base_name(GOLCZA) == "Gołcza"
    assert localities(GOLCZA)[0] == "Gołcza"
    assert {"Wysocice", "Przybysławice", "Żarnowica"} <= set(localities(GOLCZA))
    assert locality_of(GOLCZA, "  WYSOCICE ") == "Wysocice"
    assert locality_of(GOLCZA, "Zarnowica") == "Żarnowica"
    assert locality_of(GOLCZA, "Gmina Gołcza") == "Gołcza"


def test_a_town_elsewhere_is_not():
    assert locality_of(GOLCZA, "Miechów") is None
    assert locality_of(GOLCZA, "Żarnowiec") is None  # a gmina of powiat zawierciański
    assert locality_of(GOLCZA, "") is None


def test_a_city_not_listed_has_one_locality_its_name():
    krakow = City(name="Kraków", slug="krakow")
    assert localities(krakow) == ("Kraków",)
    assert locality_of(krakow, "krakow") == "Kraków"
    assert locality_of(krakow, "Wieliczka") is None
