"""A request finds its municipality by domain, subdomain or path; branding keeps AA."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import RequestFactory

from wiec.places.middleware import address_of, municipality_of
from wiec.places.models import City, contrast_with_white

pytestmark = pytest.mark.django_db


@pytest.fixture
def towns(city):
    wieliczka = City.objects.create(
        name="Wieliczka", slug="wieliczka", office_name="UMiG", domain="Budzet.Wieliczka.eu"
    )
    return {"krakow": city, "wieliczka": wieliczka}


def _request(host: str, path: str = "/"):
    return RequestFactory().get(path, HTTP_HOST=host)


@pytest.mark.parametrize(
    ("host", "path", "expected"),
    [
        ("127.0.0.1:8000", "/", "krakow"),  # a plain host: the default
        ("localhost:8000", "/bo/", "krakow"),
        ("127.0.0.1:8000", "/g/wieliczka/bo/", "wieliczka"),  # the path form
        ("wieliczka.localhost:8000", "/", "wieliczka"),  # a subdomain of the network's
        ("budzet.wieliczka.eu", "/", "wieliczka"),  # its own domain, any case
        ("krakow.localhost", "/g/wieliczka/", "krakow"),  # the host decides first
    ],
)
def test_the_request_names_its_municipality(settings, towns, host, path, expected):
    settings.ALLOWED_HOSTS = ["*"]
    assert municipality_of(_request(host, path)) == towns[expected]


@pytest.mark.parametrize(
    ("host", "path"),
    [
        ("nieznana.localhost", "/"),
        ("127.0.0.1", "/g/nieznana/"),
        ("budzet.nieznana.eu", "/"),
    ],
)
def test_an_unknown_municipality_is_not_found(settings, towns, host, path):
    settings.ALLOWED_HOSTS = ["*"]
    with pytest.raises(Http404):
        municipality_of(_request(host, path))


def test_the_path_form_is_moved_to_the_script_prefix(client, towns):
    response = client.get("/g/wieliczka/konto/login/")
    assert response.status_code == 200
    assert 'action="/g/wieliczka/konto/login/"' in response.content.decode()
    # The prefix does not outlive the request.
    from django.urls import reverse

    assert reverse("core:home") == "/"


def test_address_of_reads_no_database(settings, django_assert_num_queries):
    settings.ALLOWED_HOSTS = ["*"]
    with django_assert_num_queries(0):
        assert address_of(_request("127.0.0.1", "/g/wieliczka/x/")).path_rest == "/x/"
        assert address_of(_request("wieliczka.localhost")).slug == "wieliczka"


def test_the_primary_colour_must_keep_aa_contrast_with_white(city):
    assert contrast_with_white("#ffffff") == pytest.approx(1.0)
    assert contrast_with_white("#000000") == pytest.approx(21.0)
    city.primary_colour = "#7fb2e5"  # a light blue: white text on it is unreadable
    with pytest.raises(ValidationError) as refused:
        city.full_clean()
    assert refused.value.error_dict["primary_colour"][0].code == "low_contrast"
    city.primary_colour = "#1f6b3a"
    city.full_clean()


def test_a_domain_is_stored_in_one_spelling(city):
    city.domain = " BO.Krakow.PL. "
    city.save()
    city.refresh_from_db()
    assert city.domain == "bo.krakow.pl"
    city.domain = ""
    city.save()
    city.refresh_from_db()
    assert city.domain is None


@pytest.mark.django_db
def test_a_rural_gmina_is_not_called_a_city_on_the_home_page(client, city):
    from wiec.places import demo

    demo.load_region()
    rural = client.get("/g/golcza/").content.decode()
    assert "weź udział w życiu gminy" in rural and "w Twojej gminie" in rural
    assert "Twoim mieście" not in rural and "życiu miasta" not in rural
    town = client.get("/g/krakow/").content.decode()
    assert "w Twoim mieście" in town


def test_each_municipality_gets_its_colour_from_a_stylesheet_not_an_inline_style(client, towns):
    """The Content-Security-Policy refuses inline styles, so the colour is a file."""
    City.objects.filter(slug="wieliczka").update(primary_colour="#1f6b3a")
    page = client.get("/g/wieliczka/").content.decode()
    assert "<style" not in page
    assert 'href="/g/wieliczka/marka.css?v=1f6b3a"' in page
    css = client.get("/g/wieliczka/marka.css")
    assert css["Content-Type"].startswith("text/css")
    assert "--brand: #1f6b3a;" in css.content.decode()
