"""One mailbox, one account: spellings of an address never make a second account.

Regression tests for issue 13: an address with a full-width or differently cased
domain, a long s (ſ), a Kelvin sign (K) or a zero-width space passed Django's
validator as a new address for the same mailbox.
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from wiec.accounts.models import User

SIGNUP = "/konto/signup/"
PASSWORD = "Dlugie-Haslo-77"
ADDRESS = "kasia@example.org"
SAME_MAILBOX = {
    "upper case": "KASIA@EXAMPLE.ORG",
    "full-width domain": "kasia@ｅｘａｍｐｌｅ.org",
    "full-width everything": "ＫＡＳＩＡ＠ｅｘａｍｐｌｅ．ｏｒｇ",
    "long s": "kaſia@example.org",
    "kelvin sign": "\u212aasia@example.org",
    "zero-width space": "kasia@exam\u200bple.org",
    "spaces around": "  kasia@example.org ",
}


def sign_up(client, email):
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    return client.post(SIGNUP, data | {"accept_terms": "on", "accept_privacy": "on"})


@pytest.mark.django_db
@pytest.mark.parametrize("spelling", SAME_MAILBOX.values(), ids=SAME_MAILBOX.keys())
def test_second_sign_up_with_another_spelling_is_refused(client, city, spelling):
    sign_up(client, ADDRESS)
    client.logout()
    response = sign_up(client, spelling)
    assert response.status_code == 200
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_sign_up_stores_the_address_as_the_mail_system_reads_it(client, city):
    sign_up(client, "Ala@ＥＸＡＭＰＬＥ.Org")
    assert User.objects.get().email == "ala@example.org"


@pytest.mark.django_db
def test_the_database_holds_one_account_per_mailbox(make_user):
    make_user(email="Ala@ＥＸＡＭＰＬＥ.org")
    with pytest.raises(IntegrityError):
        make_user(email="ala@example.org")


@pytest.mark.django_db
def test_the_refusal_says_the_address_is_taken(client, city):
    sign_up(client, ADDRESS)
    client.logout()
    response = sign_up(client, SAME_MAILBOX["full-width everything"])
    assert "już zarejestrowany" in response.content.decode()


@pytest.mark.django_db
def test_logging_in_with_another_spelling_finds_the_account(client, make_user):
    make_user(email=ADDRESS, password=PASSWORD)
    response = client.post(
        "/konto/login/", {"login": "Kasia@ＥＸＡＭＰＬＥ.org", "password": PASSWORD}, follow=True
    )
    assert response.context["user"].is_authenticated
