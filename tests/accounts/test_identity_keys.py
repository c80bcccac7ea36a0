"""One person, one identity key: spellings of the same PESEL or name never make two.

Regression tests for issue 13: a PESEL typed in full-width, Arabic-Indic or other
digits was accepted as a new identity (nine accounts for one PESEL), and a person
without a PESEL could register again by changing case, spacing or Unicode forms.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from tests.accounts.test_residency import form_data
from wiec.accounts import identity
from wiec.accounts.models import ResidencyDeclaration
from wiec.accounts.pesel import make_pesel, read_pesel

URL = reverse("accounts:residency")
PESEL = make_pesel(datetime.date(1985, 3, 9), 321, "F")


def in_digits_of(zero: str, text: str = PESEL) -> str:
    """``text`` written with the ten digits that start at ``zero`` in Unicode."""
    return "".join(chr(ord(zero) + int(d)) for d in text)


OTHER_SPELLINGS = {
    "full-width": in_digits_of("０"),
    "arabic-indic": in_digits_of("٠"),
    "extended arabic-indic": in_digits_of("۰"),
    "devanagari": in_digits_of("०"),
    "bengali": in_digits_of("০"),
    "mathematical bold": in_digits_of("𝟎"),
    "mixed digit by digit": "".join(
        chr(ord(zero) + int(d)) for zero, d in zip("0０٠۰०০𝟎0０٠۰", PESEL, strict=True)
    ),
    "one full-width digit": PESEL[:10] + in_digits_of("０", PESEL[10]),
}


@pytest.fixture
def birth_date_policy(policy):
    policy.ask_birth_date = True
    policy.save()
    return policy


@pytest.mark.django_db
@pytest.mark.parametrize("spelling", OTHER_SPELLINGS.values(), ids=OTHER_SPELLINGS.keys())
def test_pesel_in_other_digits_is_refused_with_polish_message(
    client, make_user, districts, pesel_policy, spelling
):
    user = make_user()
    client.force_login(user)
    response = client.post(URL, form_data(districts, pesel=spelling))
    assert response.status_code == 200
    assert "cyfr 0–9" in response.content.decode()
    assert not ResidencyDeclaration.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_one_pesel_gives_one_verified_account_whatever_the_digits(
    client, make_user, districts, pesel_policy
):
    client.force_login(make_user())
    client.post(URL, form_data(districts, pesel=PESEL))
    for spelling in [*OTHER_SPELLINGS.values(), f" {PESEL[:6]} {PESEL[6:]} "]:
        client.force_login(make_user())
        client.post(URL, form_data(districts, pesel=spelling))
    assert ResidencyDeclaration.objects.filter(identity_basis="pesel").count() == 1


@pytest.mark.django_db
def test_pesel_with_spaces_is_the_same_pesel(client, make_user, districts, pesel_policy):
    client.force_login(make_user())
    client.post(URL, form_data(districts, pesel=f"{PESEL[:6]} {PESEL[6:]}"))
    stored = ResidencyDeclaration.objects.get()
    assert stored.identity_key == identity.pesel_key(PESEL)
    second = make_user()
    client.force_login(second)
    response = client.post(URL, form_data(districts, pesel=PESEL))
    assert "już przypisany do innego konta" in response.content.decode()
    assert not ResidencyDeclaration.objects.filter(user=second).exists()


def test_keys_and_reading_refuse_other_digits():
    for spelling in OTHER_SPELLINGS.values():
        with pytest.raises(ValueError):
            identity.pesel_key(spelling)
        with pytest.raises(ValueError):
            read_pesel(spelling)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("full_name", "street_address"),
    [
        ("ANNA  NOWAK", "UL. FLORIAŃSKA 5"),
        ("ａｎｎａ ｎｏｗａｋ", "ul. Floriańska ５"),
        ("Anna Nowak", "ul. Floria\u0301nska 5"),  # decomposed ń
        ("Anna\u200b Nowak", "ul.  Floriańska  ٥"),  # zero-width space, Arabic-Indic 5
        ("Аnna Nоwak", "ul. Floriańska 5"),  # Cyrillic А and о
    ],
)
def test_no_pesel_identity_typed_differently_is_already_used(
    client, make_user, districts, birth_date_policy, full_name, street_address
):
    born = {"birth_date": "1990-04-02", "sex": "F"}
    client.force_login(make_user())
    client.post(URL, form_data(districts, **born))
    assert ResidencyDeclaration.objects.filter(identity_basis="personal_data").count() == 1
    second = make_user()
    client.force_login(second)
    response = client.post(
        URL,
        form_data(districts, full_name=full_name, street_address=street_address, **born),
    )
    assert "ma już konto" in response.content.decode()
    assert not ResidencyDeclaration.objects.filter(user=second).exists()


def test_different_people_keep_different_keys():
    born = datetime.date(1990, 4, 2)
    address = "ul. Floriańska 5, 31-019 Kraków"
    key = identity.personal_data_key
    assert key("Anna Nowak", born, address) != key("Anna Nowaka", born, address)
    assert key("Олена Коваль", born, address) != key("Олена Ковальчук", born, address)
    assert key("Anna Nowak", born, address) != key("Anna Nowak", born, address.replace("5", "5a"))


@pytest.mark.django_db
def test_postal_code_in_other_digits_is_refused(client, make_user, districts, birth_date_policy):
    user = make_user()
    client.force_login(user)
    data = form_data(districts, postal_code="３１-０１９", birth_date="1990-04-02", sex="F")
    response = client.post(URL, data)
    assert "cyframi 0–9" in response.content.decode()
    assert not ResidencyDeclaration.objects.filter(user=user).exists()
