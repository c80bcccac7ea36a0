"""API keys: made on the account page and shown once, stored as a hash, a higher limit
per key, revoked keys stop working, wrong keys are throttled per address."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.core.cache import cache

from wiec.core.models import ApiKey

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _make_key(client, user, name="Mapa projektów") -> str:
    client.force_login(user)
    page = client.post("/konto/klucze-api/", {"name": name})
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    raw = page.context["new_key"]
    assert raw in page.content.decode()
    client.logout()
    return raw


def test_a_key_is_shown_once_and_stored_as_a_hash(client, city, make_user):
    user = make_user()
    raw = _make_key(client, user)
    key = ApiKey.objects.get(user=user)
    assert key.name == "Mapa projektów"
    assert raw.startswith(f"wiec_{key.prefix}_") and len(raw) > 40
    assert key.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {str(v) for v in ApiKey.objects.values().get(pk=key.pk).values()}
    client.force_login(user)
    again = client.get("/konto/klucze-api/").content.decode()
    assert raw not in again  # never shown again
    assert f"wiec_{key.prefix}…" in again and "Mapa projektów" in again


def test_a_key_works_in_either_header_and_a_revoked_one_does_not(client, city, make_user):
    user = make_user()
    raw = _make_key(client, user)
    assert client.get("/api/v1/municipality", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    assert client.get("/api/v1/municipality", HTTP_X_API_KEY=raw).status_code == 200
    assert ApiKey.objects.get(user=user).last_used_at is not None

    client.force_login(user)
    key = ApiKey.objects.get(user=user)
    client.post(f"/konto/klucze-api/{key.pk}/uniewaznij/")
    client.logout()
    assert ApiKey.objects.get(pk=key.pk).revoked_at is not None
    refused = client.get("/api/v1/municipality", HTTP_X_API_KEY=raw)
    assert refused.status_code == 401
    assert "nieprawidłowy" in refused.json()["detail"].lower()


def test_only_the_owner_revokes_a_key(client, city, make_user):
    owner, other = make_user(), make_user()
    _make_key(client, owner)
    key = ApiKey.objects.get(user=owner)
    client.force_login(other)
    assert client.post(f"/konto/klucze-api/{key.pk}/uniewaznij/").status_code == 404
    assert ApiKey.objects.get(pk=key.pk).revoked_at is None


def test_a_key_has_a_higher_limit_than_an_address(client, city, make_user, settings):
    settings.WIEC_API_RATE_LIMIT = 2
    settings.WIEC_API_KEY_RATE_LIMIT = 5
    settings.WIEC_API_RATE_WINDOW = 3600
    raw = _make_key(client, make_user())
    anonymous = [client.get("/api/v1/municipality").status_code for _ in range(3)]
    assert anonymous == [200, 200, 429]
    keyed = [
        client.get("/api/v1/municipality", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code
        for _ in range(6)
    ]
    assert keyed == [200] * 5 + [429]
    over = client.get("/api/v1/municipality", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert int(over["Retry-After"]) >= 1
    assert "kluczem API" in over.json()["detail"]


def test_wrong_keys_are_throttled_per_address(client, city, settings):
    settings.WIEC_RATE_LIMITS = {"api_key": ("10/600", "3/600")}
    codes = [
        client.get("/api/v1/municipality", HTTP_X_API_KEY=f"wiec_abcdefgh_guess{n}").status_code
        for n in range(5)
    ]
    assert codes == [401, 401, 401, 429, 429]
    response = client.get("/api/v1/municipality", HTTP_AUTHORIZATION="Bearer nonsense")
    assert response.status_code == 429 and int(response["Retry-After"]) >= 1
    assert "Zbyt wiele zapytań" in response.json()["detail"]
    # Another address is not affected.
    assert client.get("/api/v1/municipality", REMOTE_ADDR="192.0.2.7").status_code == 200


def test_keys_are_in_the_export_by_prefix_and_name_and_go_with_the_account(client, city, make_user):
    from wiec.accounts import services

    user = make_user()
    raw = _make_key(client, user)
    key = ApiKey.objects.get(user=user)
    client.force_login(user)
    export = json.loads(client.get("/konto/moje-dane/eksport/").content)
    assert export["api_keys"][0]["prefix"] == key.prefix
    assert export["api_keys"][0]["name"] == "Mapa projektów"
    assert raw not in json.dumps(export) and key.digest not in json.dumps(export)
    services.delete_account(actor=user)
    assert not ApiKey.objects.filter(user=user).exists()
    assert client.get("/api/v1/municipality", HTTP_X_API_KEY=raw).status_code == 401
