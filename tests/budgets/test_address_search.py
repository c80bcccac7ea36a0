"""Without JavaScript, "Find this address on the map" on a location form submits the
address; the form comes back, unsaved, with its latitude and longitude filled in, or a
Polish sentence when nothing is found."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.budgets.test_views import form_data
from wiec.budgets.models import Proposal
from wiec.places import demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def gazetteer(city):
    demo.load_gazetteer()


def test_the_proposal_form_fills_the_coordinates_from_the_address(client, people, pools, gazetteer):
    client.force_login(people["author"])
    url = reverse("budgets:proposal_create", args=["bo-2027"])
    data = form_data(pools["podgorze"], address="ul. Limanowskiego 10", locate="1")
    data.pop("submit")
    html = client.post(url, data).content.decode()
    assert 'name="latitude" value="50.046000"' in html
    assert 'name="longitude" value="19.960000"' in html
    assert "Znaleziono: ul. Bolesława Limanowskiego 10." in html
    assert 'value="Ławki nad Wisłą"' in html  # the rest of the form is kept
    assert not Proposal.objects.exists()  # nothing saved


def test_the_proposal_form_says_when_the_address_is_not_found(client, people, pools, gazetteer):
    client.force_login(people["author"])
    url = reverse("budgets:proposal_create", args=["bo-2027"])
    data = form_data(pools["podgorze"], address="Rynek Górny 1", locate="1")  # Wieliczka's
    data.pop("submit")
    html = client.post(url, data).content.decode()
    assert "Nie znaleziono ulicy ani miejsca „Rynek Górny 1” w tej gminie." in html
    assert 'name="latitude" value="' not in html
    assert not Proposal.objects.exists()
