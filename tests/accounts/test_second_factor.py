"""Staff accounts: a second factor the city may require, shorter sessions, new-device mail."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from wiec.core.roles import Role

PASSWORD = "haslo-testowe-123"


@pytest.fixture
def official(make_role_user):
    return make_role_user(Role.OFFICIAL, email="urzedniczka@example.org")


def add_authenticator_app(user):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())


def test_staff_without_a_second_factor_cannot_reach_an_office_page(client, city, official):
    city.require_staff_mfa = True
    city.save(update_fields=["require_staff_mfa"])
    client.force_login(official)
    response = client.get(reverse("core:inbox"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")
    page = client.get(reverse("mfa_index"))
    assert page.status_code == 200
    assert "wymaga" in page.content.decode()  # the message says why, in Polish
    # Neither another office page nor the admin.
    assert client.get(reverse("core:audit_log")).status_code == 302
    assert client.get(reverse("mfa_activate_totp")).status_code in (200, 302)


def test_with_an_authenticator_app_the_office_opens(client, city, official):
    city.require_staff_mfa = True
    city.save(update_fields=["require_staff_mfa"])
    add_authenticator_app(official)
    client.force_login(official)
    assert client.get(reverse("core:inbox")).status_code == 200


def test_a_city_that_does_not_require_it_lets_staff_in(client, city, official):
    client.force_login(official)
    assert client.get(reverse("core:inbox")).status_code == 200


def test_residents_are_never_asked(client, city, make_resident):
    city.require_staff_mfa = True
    city.save(update_fields=["require_staff_mfa"])
    client.force_login(make_resident())
    assert client.get(reverse("core:home")).status_code == 200


def sign_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def test_staff_sessions_are_shorter_and_a_new_device_is_emailed(client, city, official, settings):
    assert sign_in(client, official).status_code == 302
    assert client.session.get_expiry_age() == settings.WIEC_STAFF_SESSION_SECONDS
    assert settings.WIEC_STAFF_SESSION_SECONDS < settings.SESSION_COOKIE_AGE
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [official.email]
    assert "nowego urządzenia" in mail.outbox[0].subject
    # The same browser again: no second mail.
    client.post(reverse("account_logout"))
    assert sign_in(client, official).status_code == 302
    assert len(mail.outbox) == 1


def test_residents_get_no_new_device_mail(client, city, make_resident):
    resident = make_resident()
    assert sign_in(client, resident).status_code == 302
    assert mail.outbox == []
    assert client.session.get_expiry_age() > 24 * 3600


def test_a_second_factor_is_asked_at_sign_in_once_added(client, city, official):
    add_authenticator_app(official)
    response = sign_in(client, official)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
