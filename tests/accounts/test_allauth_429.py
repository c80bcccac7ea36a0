"""allauth's own limits answer with Wiec's Polish 429 page, saying when to try again."""

from __future__ import annotations

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_too_many_sign_ins_say_when_to_try_again(client, city, make_user, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login": "3/2m/ip", "login_failed": "100/m/ip"}
    user = make_user()
    for _ in range(3):
        page = client.post("/konto/login/", {"login": user.email, "password": "zle-haslo-1"})
        assert page.status_code == 200
    refused = client.post("/konto/login/", {"login": user.email, "password": "zle-haslo-1"})
    assert refused.status_code == 429
    assert 110 <= int(refused["Retry-After"]) <= 120
    text = refused.content.decode()
    assert "Zbyt wiele prób" in text
    assert "Spróbuj ponownie za 2 minuty, o" in text
    # Another address signs in as usual.
    assert (
        client.post(
            "/konto/login/",
            {"login": user.email, "password": "haslo-testowe-123"},
            REMOTE_ADDR="192.0.2.50",
        ).status_code
        == 302
    )


def test_too_many_sign_ups_say_when_to_try_again(client, city, settings):
    settings.ACCOUNT_RATE_LIMITS = {"signup": "1/5m/ip"}
    data = {"email": "nowa@example.org", "password1": "x", "password2": "y"}
    assert client.post("/konto/signup/", data).status_code == 200  # refused form, counted
    refused = client.post("/konto/signup/", data)
    assert refused.status_code == 429
    assert 290 <= int(refused["Retry-After"]) <= 300
    assert "Spróbuj ponownie za 5 minut, o" in refused.content.decode()


def test_one_minute_is_said_in_the_singular(client, city, make_user, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login": "1/m/ip", "login_failed": "100/m/ip"}
    client.post("/konto/login/", {"login": "a@example.org", "password": "x"})
    refused = client.post("/konto/login/", {"login": "a@example.org", "password": "x"})
    assert refused.status_code == 429
    assert "Spróbuj ponownie za 1 minutę, o" in refused.content.decode()


def test_too_many_failed_passwords_say_when_to_try_again(client, city, make_user, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "100/m/ip,2/5m/key"}
    user = make_user()
    for _ in range(2):
        client.post("/konto/login/", {"login": user.email, "password": "zle-haslo-1"})
    page = client.post("/konto/login/", {"login": user.email, "password": "haslo-testowe-123"})
    assert page.status_code == 200  # refused on the form, even with the right password
    assert "Zbyt wiele nieudanych prób logowania. Spróbuj ponownie za 5 minut, o" in (
        page.content.decode()
    )
    # The owner, from another address, is not locked out.
    other = client.post(
        "/konto/login/",
        {"login": user.email, "password": "haslo-testowe-123"},
        REMOTE_ADDR="192.0.2.60",
    )
    assert other.status_code == 302
