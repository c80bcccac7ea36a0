"""Limits that protect residents behind the city's proxy instead of locking them out."""

from __future__ import annotations

import time

import pytest
from django.test import RequestFactory
from django.urls import reverse

from wiec.core.clientip import client_ip

PROXY = "10.0.0.1"


def address(n: int) -> str:
    return f"198.51.{n // 250}.{n % 250 + 1}"


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, "203.0.113.9", PROXY),  # no trusted proxy: the header is anybody's
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client forged the left one
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (1, "", PROXY),
        (1, "not-an-address", PROXY),
        (1, "[2001:db8::1]", "2001:db8::1"),
    ],
)
def test_client_address_is_the_rightmost_one_no_trusted_proxy_wrote(
    settings, trusted, forwarded, expected
):
    settings.WIEC_TRUSTED_PROXIES = trusted
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_receipt_guesses_get_a_polish_429_with_the_time_to_try_again(client, city, make_user):
    client.force_login(make_user())
    url = reverse("budgets:receipt_check")
    for n in range(20):
        assert client.get(url, {"kod": f"ZGADUJE-{n:04d}"}).status_code == 200
    response = client.get(url, {"kod": "ZGADUJE-9999"})
    assert response.status_code == 429
    text = response.content.decode()
    assert "Zbyt wiele prób" in text
    assert "Spróbuj ponownie za" in text
    assert 0 < int(response["Retry-After"]) <= 600
    # Somebody else, elsewhere, still checks a receipt.
    other = client_class_for(client)
    other.force_login(make_user())
    assert other.get(url, {"kod": "X"}, REMOTE_ADDR="192.0.2.77").status_code == 200


def client_class_for(client):
    return type(client)()


def test_the_receipt_page_without_a_code_is_not_counted(client, city):
    url = reverse("budgets:receipt_check")
    for _ in range(70):
        assert client.get(url).status_code == 200


def sign_in(client, email: str, password: str, forwarded: str):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.mark.django_db
def test_200_residents_behind_one_proxy_all_sign_in_within_a_minute(settings, city, make_user):
    from django.test import Client

    settings.WIEC_TRUSTED_PROXIES = 1
    users = [make_user(f"mieszkaniec{n}@example.org") for n in range(200)]
    started = time.monotonic()
    for n, user in enumerate(users):
        response = sign_in(Client(), user.email, "haslo-testowe-123", address(n))
        assert response.status_code == 302, (n, response.status_code)
    assert time.monotonic() - started < 60


@pytest.mark.django_db
def test_without_the_trusted_proxy_the_city_counts_as_one_address(settings, city, make_user):
    """What the setting prevents: behind nginx, everyone is nginx."""
    from django.test import Client

    settings.WIEC_TRUSTED_PROXIES = 0
    users = [make_user(f"osoba{n}@example.org") for n in range(61)]
    codes = [
        sign_in(Client(), u.email, "haslo-testowe-123", address(n)).status_code
        for n, u in enumerate(users)
    ]
    assert codes[:60] == [302] * 60
    assert codes[60] == 429


@pytest.mark.django_db
def test_failed_logins_lock_out_the_guesser_not_the_owner(settings, city, make_user):
    from django.test import Client

    settings.WIEC_TRUSTED_PROXIES = 1
    owner = make_user("koordynatorka@example.org")
    attacker = Client()
    for _ in range(5):
        assert sign_in(attacker, owner.email, "zgaduje", "203.0.113.66").status_code == 200
    refused = sign_in(attacker, owner.email, "haslo-testowe-123", "203.0.113.66")
    assert refused.status_code == 200 and not refused.wsgi_request.user.is_authenticated
    # The owner, at home, signs in at once.
    assert sign_in(Client(), owner.email, "haslo-testowe-123", "192.0.2.10").status_code == 302
