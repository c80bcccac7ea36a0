"""Sign-up asks for the consents the privacy policy names and records them (issue 16)."""

from __future__ import annotations

import pytest

from wiec.accounts.models import Consent, ConsentKind, User
from wiec.accounts.services import CONSENT_VERSIONS
from wiec.core.models import EmailDelivery

pytestmark = pytest.mark.django_db

SIGNUP = "/konto/signup/"
FORM = {"email": "ola@example.org", "password1": "Dlugie-Haslo-77", "password2": "Dlugie-Haslo-77"}


def test_the_sign_up_page_offers_the_consents_unticked(client, city):
    page = client.get(SIGNUP).content.decode()
    for label in ("Akceptuję regulamin", "Znam informację o tym", "newsletter"):
        assert label in page
    assert "checked" not in page
    assert 'href="/regulamin/"' in page and 'href="/prywatnosc/"' in page


def test_without_the_terms_and_the_information_clause_no_account_is_made(client, city):
    response = client.post(SIGNUP, FORM)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Zaakceptuj regulamin" in page
    assert not User.objects.exists() and not Consent.objects.exists()


def test_each_consent_is_recorded_with_its_version_and_time(client, city):
    response = client.post(
        SIGNUP, FORM | {"accept_terms": "on", "accept_privacy": "on", "newsletter": "on"}
    )
    assert response.status_code == 302
    user = User.objects.get()
    given = {c.kind: c for c in Consent.objects.filter(user=user)}
    assert set(given) == set(ConsentKind.values)
    assert given[ConsentKind.TERMS].given and given[ConsentKind.PRIVACY].given
    assert given[ConsentKind.NEWSLETTER].given
    assert not given[ConsentKind.NOTIFICATIONS].given
    assert given[ConsentKind.TERMS].version == CONSENT_VERSIONS[ConsentKind.TERMS]
    assert all(c.recorded_at is not None and c.city == city for c in given.values())
    # Notifications by e-mail were not chosen: none are sent.
    assert user.email_delivery == EmailDelivery.NEVER


def test_the_consents_are_in_the_data_export(client, city):
    client.post(SIGNUP, FORM | {"accept_terms": "on", "accept_privacy": "on"})
    export = client.get("/konto/moje-dane/eksport/").json()
    kinds = {row["consent"] for row in export["account"]["consents"]}
    assert "Regulamin" in kinds
