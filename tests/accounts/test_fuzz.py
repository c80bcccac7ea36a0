"""Fuzzing the sign-up page: whatever is typed makes one account with its address and
consents, or the form again with each problem named and nothing saved."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.core.cache import cache
from hypothesis import event, given
from hypothesis import strategies as st

from tests.fuzzing import FUZZ, TEXT, assert_escaped, assert_refused_by_name, some_of
from wiec.accounts.pesel import make_pesel
from wiec.core import normalise

pytestmark = pytest.mark.django_db

PASSWORD = "Dlugie-Haslo-77"
SIGN_UP = {
    "email": "ala@example.org",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "accept_terms": "on",
    "accept_privacy": "on",
    "notifications": "",
    "newsletter": "",
    "website": "",
}
ADDRESSES = st.sampled_from(
    [
        "ＡＬＡ@Example.org",
        "ala@",
        "@example.org",
        " ala@example.org ",
        "ala@łódź.pl",
        "ala@xn--d-uga0v4h.pl",
        "ala\x00@example.org",
        "a" * 300 + "@example.org",
        "ala@example.org\u200b",
        "\u202eala@example.org",
        "<script>@example.org",
    ]
)
FIELDS = {
    "email": ADDRESSES | st.emails() | TEXT,
    "password1": TEXT,
    "password2": TEXT,
    "accept_terms": st.sampled_from(["", "off", "0", "\x00"]),
    "accept_privacy": st.sampled_from(["", "false", "on"]),
    "notifications": st.sampled_from(["on", "x"]),
    "newsletter": st.sampled_from(["on", "1"]),
    "website": st.sampled_from(["http://spam.example", " "]),
}


@FUZZ
@given(fuzzed=some_of(FIELDS), same_password=st.booleans())
def test_a_sign_up_is_one_account_or_refused_by_name(client, city, fuzzed, same_password):
    from allauth.account.models import EmailAddress

    from wiec.accounts.models import Consent, User

    data = {**SIGN_UP, **fuzzed}
    if same_password and "password1" in fuzzed:
        data["password2"] = data["password1"]
    client.logout()
    cache.clear()  # allauth's limit on sign-ups per address is not what this is about
    before = (User.objects.count(), EmailAddress.objects.count(), Consent.objects.count())
    response = client.post("/konto/signup/", data)
    cache.clear()
    event(f"answered {response.status_code}")
    if response.status_code == 302:
        user = User.objects.latest("pk")
        assert User.objects.count() == before[0] + 1
        assert user.email == normalise.email(data["email"].strip())
        assert EmailAddress.objects.filter(user=user, email=user.email).exists()
        assert user.check_password(data["password1"])
        given_consents = Consent.objects.filter(user=user)
        assert given_consents.count() == Consent.objects.count() - before[2]
        assert given_consents.exists()
        assert_escaped(client.get("/konto/profil/").content.decode())
        # the next example may sign up with the same address
        User.objects.filter(pk=user.pk).update(email=f"taken-{user.pk}@example.org")
        EmailAddress.objects.filter(user=user).update(email=f"taken-{user.pk}@example.org")
    else:
        assert_refused_by_name(response)
        after = (User.objects.count(), EmailAddress.objects.count(), Consent.objects.count())
        assert after == before
        assert_escaped(response.content.decode())


def test_a_domain_in_capitals_is_the_address_already_taken(client, city):
    """The same address with its domain in capitals (``XN--``) is the account already
    made: refused by name, one account stored."""
    from wiec.accounts.models import User

    first = client.post("/konto/signup/", {**SIGN_UP, "email": "ala@example.xn--vhquv"})
    assert first.status_code == 302
    client.logout()
    cache.clear()
    again = client.post("/konto/signup/", {**SIGN_UP, "email": "ALA@EXAMPLE.XN--VHQUV"})
    assert_refused_by_name(again)
    assert list(User.objects.values_list("email", flat=True)) == ["ala@example.企业"]


def test_an_address_longer_than_an_account_holds_is_refused_by_name(client, city):
    """The form took up to 320 characters and allauth cut the address to the 254 an
    account holds: an address nobody typed was stored, and a second long one with the
    same beginning met the unique index, error 500."""
    from wiec.accounts.models import User

    response = client.post("/konto/signup/", {**SIGN_UP, "email": "a" * 300 + "@example.org"})
    assert_refused_by_name(response)
    assert "254" in response.content.decode()
    assert not User.objects.exists()


def test_an_address_added_to_an_account_is_no_longer_than_it_holds(client, make_user):
    """Adding a second address of 312 characters: error 500 on PostgreSQL."""
    from allauth.account.models import EmailAddress

    user = make_user()
    client.force_login(user)
    response = client.post(
        "/konto/email/", {"action_add": "1", "email": "b" * 300 + "@example.org"}
    )
    assert response.status_code == 200
    assert "Adres e-mail może mieć najwyżej 254 znaki." in response.content.decode()
    assert EmailAddress.objects.filter(user=user).count() == 1


PESELS = st.sampled_from(
    [
        "",
        "44051401458",
        "4405 1401 458",
        "99130100007",
        "12345678901",
        "١٢٣٤٥٦٧٨٩٠١",
        "４４０５１４０１４５８",
    ]
) | st.text(max_size=14)
PEOPLE = itertools.count()
DECLARATION = {
    "full_name": "Zofia Nowak",
    "street_address": "ul. Studencka 5",
    "postal_code": "31-004",
    "town": "Kraków",
    "pesel": "44051401458",
    "birth_date": "",
    "sex": "",
    "guardian_name": "",
    "confirm": "on",
}
DECLARED = {
    "full_name": TEXT,
    "street_address": TEXT,
    "postal_code": st.sampled_from(["31004", "31-0040", "٣١-٠٠٤", "３１-００４"]) | TEXT,
    "town": TEXT,
    "district": st.sampled_from(["", "0", "x", "\x00", "99999999999999999999"]),
    "pesel": PESELS,
    "no_pesel": st.sampled_from(["on", ""]),
    "birth_date": st.sampled_from(["1980-05-17", "2099-01-01", "17.05.1980", "١٩٨٠-٠٥-١٧"]) | TEXT,
    "sex": st.sampled_from(["F", "M", "x"]),
    "is_child": st.sampled_from(["on"]),
    "guardian_name": TEXT,
    "confirm": st.sampled_from(["", "false"]),
}


@FUZZ
@given(fuzzed=some_of(DECLARED))
def test_a_declaration_of_residence_is_stored_whole_or_refused_by_name(
    client, pesel_policy, districts, make_user, fuzzed
):
    """Names, an address and a PESEL typed anyhow, digits of other scripts included."""
    from wiec.accounts.models import ResidencyDeclaration

    client.force_login(make_user())
    born = datetime.date(1950, 1, 1) + datetime.timedelta(days=next(PEOPLE))
    data = {**DECLARATION, "district": districts["podgorze"].pk, "pesel": make_pesel(born, 1, "F")}
    data.update(fuzzed)  # a PESEL of someone else's declaration is refused by name
    before = ResidencyDeclaration.objects.count()
    response = client.post("/konto/zamieszkanie/", data)
    event(f"answered {response.status_code}")
    if response.status_code == 302:
        stored = ResidencyDeclaration.objects.latest("pk")
        assert ResidencyDeclaration.objects.count() == before + 1
        assert stored.full_name == data["full_name"].strip()
        assert stored.street_address == data["street_address"].strip()
        assert_escaped(client.get("/konto/profil/").content.decode())
    else:
        assert_refused_by_name(response)
        assert ResidencyDeclaration.objects.count() == before
        assert_escaped(response.content.decode())


def test_a_pesel_without_a_real_birth_date_is_refused_in_polish(client, pesel_policy, make_user):
    """localflavor's message for it has no Polish translation: it was shown in English."""
    client.force_login(make_user())
    response = client.post("/konto/zamieszkanie/", {**DECLARATION, "pesel": "99130100007"})
    assert_refused_by_name(response)
    assert "Ten PESEL nie zawiera prawdziwej daty urodzenia" in response.content.decode()


@FUZZ
@given(display_name=TEXT, language=st.sampled_from(["pl", "en", "", "xx", "\x00"]))
def test_a_profile_is_stored_whole_or_refused_by_name(
    client, city, make_user, display_name, language
):
    from wiec.accounts.models import User

    user = make_user()
    client.force_login(user)
    data = {"display_name": display_name, "language": language, "email_delivery": "immediately"}
    response = client.post("/konto/profil/edycja/", data)
    event(f"answered {response.status_code}")
    user.refresh_from_db()
    if response.status_code == 302:
        assert user.display_name == display_name.strip()
        assert_escaped(client.get("/konto/profil/").content.decode())
    else:
        assert_refused_by_name(response)
        assert User.objects.get(pk=user.pk).display_name == ""
        assert_escaped(response.content.decode())
