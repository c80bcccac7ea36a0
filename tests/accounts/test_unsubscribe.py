"""One-click unsubscribe without signing in (RFC 8058), from a signed link (issue 15)."""

from __future__ import annotations

import pytest
from django.core import mail, signing
from django.test import Client

from wiec.accounts.unsubscribe import SALT, make_token, unsubscribe_path
from wiec.core.models import AuditEvent, EmailDelivery
from wiec.core.services import notify


@pytest.fixture
def csrf_client():
    """A client that enforces CSRF like a browser or a mail program meets it."""
    return Client(enforce_csrf_checks=True)


@pytest.mark.django_db
def test_link_asks_first_then_one_button_stops_the_kind_without_login(csrf_client, make_user):
    user = make_user()
    path = unsubscribe_path(user, "status")
    page = csrf_client.get(path)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Czy chcesz zrezygnować z e-maili w sprawie: Zmiany w moich zgłoszeniach?" in text
    assert "Nie wysyłaj mi tych e-maili" in text
    user.refresh_from_db()
    assert user.wants_email("status")  # a GET (a link scanner) changes nothing

    done = csrf_client.post(path)
    assert done.status_code == 200
    assert "Gotowe. Nie będziemy już wysyłać Ci e-maili w sprawie" in done.content.decode()
    user.refresh_from_db()
    assert not user.wants_email("status") and user.wants_email("followed")
    assert AuditEvent.objects.filter(action="accounts.email_unsubscribed").exists()


@pytest.mark.django_db
def test_rfc_8058_one_click_post_from_a_mail_program(csrf_client, make_user):
    user = make_user()
    response = csrf_client.post(
        unsubscribe_path(user),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.email_delivery == EmailDelivery.NEVER
    assert not user.wants_email("status")


@pytest.mark.django_db
def test_link_from_an_email_unsubscribes(
    csrf_client, make_user, django_capture_on_commit_callbacks
):
    user = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=user, kind="followed", subject="Nowy komentarz")
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = link.split("://", 1)[1].split("/", 1)[1]
    csrf_client.post("/" + path, data={"List-Unsubscribe": "One-Click"})
    user.refresh_from_db()
    assert not user.wants_email("followed") and user.wants_email("status")


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_tampered_token_is_refused_in_polish(csrf_client, make_user, method):
    user = make_user()
    other = make_user()
    token = make_token(user, "all")
    value, signature = token.rsplit(":", 1)
    forged = signing.dumps({"u": other.pk, "k": "all"}, salt="another-salt")
    for bad in (f"{value}:{signature[:-2]}xx", forged, "nonsense", f"{value[1:]}:{signature}"):
        response = getattr(csrf_client, method)(f"/konto/wypisz/{bad}/")
        assert response.status_code == 400
        assert "Ten link jest nieprawidłowy" in response.content.decode()
    for person in (user, other):
        person.refresh_from_db()
        assert person.email_delivery == EmailDelivery.IMMEDIATELY


@pytest.mark.django_db
def test_old_token_is_refused_in_polish(csrf_client, make_user, settings):
    user = make_user()
    path = unsubscribe_path(user)
    settings.WIEC_UNSUBSCRIBE_MAX_AGE = -1
    response = csrf_client.post(path)
    assert response.status_code == 400
    assert "Ten link jest zbyt stary" in response.content.decode()
    user.refresh_from_db()
    assert user.email_delivery == EmailDelivery.IMMEDIATELY


@pytest.mark.django_db
def test_token_of_a_deleted_account_is_refused(csrf_client, make_user):
    user = make_user()
    path = unsubscribe_path(user)
    user.delete()
    assert csrf_client.get(path).status_code == 400


def test_token_is_salted():
    class Person:
        pk = 7

    token = make_token(Person(), "news")
    assert signing.loads(token, salt=SALT) == {"u": 7, "k": "news"}
    with pytest.raises(signing.BadSignature):
        signing.loads(token)
