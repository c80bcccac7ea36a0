"""Sign-up, login, logout and password reset through django-allauth."""

import pytest
from django.core import mail


@pytest.mark.django_db
def test_sign_up_logs_in_and_lands_on_profile(client, city):
    response = client.post(
        "/konto/signup/",
        {
            "email": "ala@example.org",
            "password1": "Dlugie-Haslo-77",
            "password2": "Dlugie-Haslo-77",
            "accept_terms": "on",
            "accept_privacy": "on",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/konto/profil/"
    assert response.context["user"].email == "ala@example.org"


@pytest.mark.django_db
def test_malformed_email_is_refused_in_polish(client, city):
    response = client.post(
        "/konto/signup/",
        {"email": "ala@", "password1": "Dlugie-Haslo-77", "password2": "Dlugie-Haslo-77"},
    )
    assert "Wprowadź poprawny adres email" in response.content.decode()


@pytest.mark.django_db
def test_password_reset_sends_a_link(client, make_user):
    user = make_user(email="reset@example.org")
    client.post("/konto/password/reset/", {"email": user.email})
    assert len(mail.outbox) == 1
    assert "/konto/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db
def test_login_and_logout(client, make_user):
    make_user(email="jan@example.org", password="Haslo-Jana-2026")
    response = client.post(
        "/konto/login/", {"login": "jan@example.org", "password": "Haslo-Jana-2026"}, follow=True
    )
    assert response.context["user"].is_authenticated
    response = client.post("/konto/logout/", follow=True)
    assert not response.context["user"].is_authenticated
