"""The API's HTTP: ETag and 304, CORS for reads, a clear 429 past the rate limit."""

from __future__ import annotations

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_an_unchanged_answer_is_304(client, districts):
    first = client.get("/api/v1/districts")
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    again = client.get("/api/v1/districts", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    other = client.get("/api/v1/districts", HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200


def test_a_change_changes_the_etag(client, districts):
    first = client.get("/api/v1/districts")
    district = districts["podgorze"]
    district.population = 1
    district.save()
    assert client.get("/api/v1/districts", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_any_site_may_read(client, city):
    response = client.get("/api/v1/municipality", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/municipality",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


def test_pages_outside_the_api_get_no_cors(client, city):
    assert "Access-Control-Allow-Origin" not in client.get("/", HTTP_ORIGIN="https://x.org")


def test_past_the_limit_the_answer_is_a_clear_429(client, city, settings):
    settings.WIEC_API_RATE_LIMIT = 3
    settings.WIEC_API_RATE_WINDOW = 3600
    codes = [client.get("/api/v1/municipality").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = client.get("/api/v1/municipality")
    assert int(response["Retry-After"]) >= 1
    assert "Zbyt wiele zapytań" in response.json()["detail"]


def test_the_documentation_page_lists_every_tool(client, city):
    page = client.get("/api/").content.decode()
    for path in ("/api/v1/budgets/proposals", "/api/v1/consultations", "/api/v1/panels"):
        assert path in page
