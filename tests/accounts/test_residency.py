"""Declaring residency under each identity policy, and what bad input gets."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from wiec.accounts.models import ResidencyDeclaration, ResidencyStatus
from wiec.accounts.pesel import make_pesel, with_check_digit

URL = reverse("accounts:residency")


def form_data(districts, **extra):
    data = {
        "full_name": "Anna Nowak",
        "street_address": "ul. Floriańska 5",
        "postal_code": "31-019",
        "town": "Kraków",
        "district": districts["stare-miasto"].pk,
        "confirm": "on",
    }
    data.update(extra)
    return data


@pytest.fixture
def client_user(client, make_user):
    user = make_user()
    client.force_login(user)
    return client, user


@pytest.mark.django_db
def test_plain_declaration_verifies_without_personal_numbers(client_user, districts):
    client, user = client_user
    response = client.post(URL, form_data(districts), follow=True)
    assert response.status_code == 200
    declaration = ResidencyDeclaration.objects.get(user=user)
    assert declaration.status == ResidencyStatus.VERIFIED
    assert declaration.identity_key is None
    assert "Zweryfikowany mieszkaniec" in response.content.decode()


@pytest.mark.django_db
def test_pesel_is_stored_only_as_keyed_hash(client_user, districts, pesel_policy):
    client, user = client_user
    pesel = make_pesel(datetime.date(1985, 3, 9), 321, "F")
    client.post(URL, form_data(districts, pesel=pesel))
    declaration = ResidencyDeclaration.objects.get(user=user)
    assert declaration.identity_basis == "pesel"
    assert (declaration.birth_year, declaration.sex, declaration.birth_date) == (1985, "F", None)
    stored = [str(v) for v in ResidencyDeclaration.objects.values_list().get(pk=declaration.pk)]
    assert not any(pesel in value for value in stored)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("pesel", "message"),
    [
        ("44051401358", "suma kontrolna"),
        ("9002311234", "11 cyfr"),
    ],
)
def test_invalid_pesel_gets_polish_message_and_saves_nothing(
    client_user, districts, pesel_policy, pesel, message
):
    client, user = client_user
    response = client.post(URL, form_data(districts, pesel=pesel))
    assert response.status_code == 200
    assert message in response.content.decode().lower()
    assert not ResidencyDeclaration.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_impossible_birth_date_in_pesel_is_refused(client_user, districts, pesel_policy):
    client, user = client_user
    body = "9002311234"  # 31 February 1990
    response = client.post(URL, form_data(districts, pesel=with_check_digit(body)))
    assert "data urodzenia" in response.content.decode().lower()
    assert not ResidencyDeclaration.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_pesel_used_by_another_account_is_refused(client, make_user, districts, pesel_policy):
    pesel = make_pesel(datetime.date(1970, 1, 1), 1, "M")
    first, second = make_user(), make_user()
    client.force_login(first)
    client.post(URL, form_data(districts, pesel=pesel))
    client.force_login(second)
    response = client.post(URL, form_data(districts, pesel=pesel, full_name="Ktoś Inny"))
    assert "już przypisany do innego konta" in response.content.decode()
    assert not ResidencyDeclaration.objects.filter(user=second).exists()


@pytest.mark.django_db
def test_without_pesel_birth_date_and_sex_are_required(client_user, districts, pesel_policy):
    client, user = client_user
    response = client.post(URL, form_data(districts, no_pesel="on"))
    assert response.status_code == 200
    assert not ResidencyDeclaration.objects.filter(user=user).exists()
    client.post(URL, form_data(districts, no_pesel="on", birth_date="1990-04-02", sex="M"))
    declaration = ResidencyDeclaration.objects.get(user=user)
    assert declaration.identity_basis == "personal_data"
    assert declaration.identity_key and declaration.birth_date == datetime.date(1990, 4, 2)


@pytest.mark.django_db
def test_incomplete_declaration_is_refused(client_user, districts):
    client, user = client_user
    data = form_data(districts)
    del data["confirm"]
    data["street_address"] = ""
    response = client.post(URL, data)
    content = response.content.decode()
    assert "Zaznacz oświadczenie" in content
    assert "To pole jest wymagane" in content
    assert not ResidencyDeclaration.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_child_needs_a_guardian(client_user, districts, pesel_policy):
    client, user = client_user
    child = make_pesel(
        timezone.localdate().replace(year=timezone.localdate().year - 10, day=1), 5, "F"
    )
    response = client.post(URL, form_data(districts, pesel=child))
    assert "rodzic lub opiekun" in response.content.decode()
    assert not ResidencyDeclaration.objects.filter(user=user).exists()
    client.post(URL, form_data(districts, pesel=child, is_child="on", guardian_name="Ewa Nowak"))
    declaration = ResidencyDeclaration.objects.get(user=user)
    assert declaration.declared_by_guardian and declaration.guardian_name == "Ewa Nowak"


@pytest.mark.django_db
def test_in_person_confirmation_by_official_of_that_district(
    client, make_user, make_role_user, districts, policy
):
    from wiec.core.roles import Role

    policy.require_official_confirmation = True
    policy.save()
    resident = make_user()
    client.force_login(resident)
    client.post(URL, form_data(districts, district=districts["podgorze"].pk))
    declaration = ResidencyDeclaration.objects.get(user=resident)
    assert declaration.status == ResidencyStatus.PENDING

    other = make_role_user(Role.OFFICIAL, scope=("nowa-huta",))
    client.force_login(other)
    client.post(reverse("accounts:residency_confirm", args=[declaration.pk]))
    declaration.refresh_from_db()
    assert declaration.status == ResidencyStatus.PENDING

    official = make_role_user(Role.OFFICIAL, scope=("podgorze",))
    client.force_login(official)
    page = client.get(reverse("accounts:residency_pending")).content.decode()
    assert "Anna Nowak" in page
    client.post(reverse("accounts:residency_confirm", args=[declaration.pk]))
    declaration.refresh_from_db()
    assert declaration.status == ResidencyStatus.VERIFIED
    assert declaration.confirmed_by == official
    assert resident.notifications.filter(subject__icontains="potwierdz").exists()
