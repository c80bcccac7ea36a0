"""Without JavaScript, "Find this address on the map" on a location form submits the
address; the form comes back, unsaved, with its latitude and longitude filled in, or a
Polish sentence when nothing is found."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wiec.consultations.models import Remark
from wiec.places import demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def gazetteer(city):
    demo.load_gazetteer()


def test_the_consultation_map_form_fills_the_coordinates(
    client, consultation, make_resident, gazetteer
):
    client.force_login(make_resident())
    url = reverse("consultations:map", args=[consultation.slug])
    html = client.post(
        url, {"address": "Barbakan", "text": "Więcej ławek", "locate": "1"}
    ).content.decode()
    assert 'name="latitude" value="50.065500"' in html
    assert "Więcej ławek" in html
    assert not Remark.objects.exists()
    empty = client.post(url, {"address": "", "locate": "1"}).content.decode()
    assert "Najpierw wpisz adres" in empty
