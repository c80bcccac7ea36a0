"""The 400 and CSRF-failure pages are the site's own, in Polish, with a next step."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_bad_request_gets_the_sites_polish_page(client, city):
    response = client.get("/", HTTP_HOST="nieznany.example")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Przejdź do treści głównej" in page  # the site's layout
    assert "Nie udało się odczytać żądania" in page
    assert "Odśwież stronę i spróbuj ponownie" in page
    assert "Bad Request" not in page


def test_a_form_without_its_csrf_token_gets_the_sites_polish_page(city):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/konto/login/", {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Przejdź do treści głównej" in page
    assert "Formularz wygasł" in page
    assert "Odśwież stronę i spróbuj ponownie" in page
    assert "CSRF verification failed" not in page
