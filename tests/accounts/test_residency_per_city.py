"""A person may take part in several municipalities: one declaration in each.

Someone who lives in Kraków and studies in Wieliczka declares (and is verified) in
both and votes in both; a declaration in Kraków gives no vote in Wieliczka.  Each
office verifies only its own municipality's declarations.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.budgets.test_voting import ZL, ids
from wiec.accounts import services
from wiec.accounts.models import ResidencyDeclaration, ResidencyStatus
from wiec.accounts.selectors import residency_of
from wiec.budgets import voting
from wiec.budgets.models import (
    Ballot,
    Edition,
    EditionPhase,
    Pool,
    Proposal,
    Status,
    VotingSettings,
)
from wiec.core.roles import Role
from wiec.places.selectors import activated

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(city):
    from wiec.places import demo

    return demo.load_region()


def _declare(user, city, district_slug, **extra):
    from wiec.accounts.selectors import default_policy

    return services.declare_residency(
        actor=user,
        policy=default_policy(city),
        declaration=services.Declaration(
            full_name="Zofia Dwugminna",
            street_address="ul. Studencka 5",
            postal_code="32-020",
            town=city.name,
            district=city.districts.get(slug=district_slug),
            **extra,
        ),
    )


def _voting_edition(city, author):
    """An edition voting now, one pool; the same address in each municipality."""
    import datetime

    from django.utils import timezone

    edition = Edition.objects.create(city=city, name=f"BO {city.name}", slug="bo-2026")
    today = timezone.localdate()
    EditionPhase.objects.create(
        edition=edition,
        type="voting",
        starts_on=today - datetime.timedelta(1),
        ends_on=today + datetime.timedelta(5),
    )
    VotingSettings.objects.create(edition=edition)
    pool = Pool.objects.create(
        edition=edition, kind="city", name="Cała gmina", amount=500_000 * ZL, max_choices=3
    )
    projects = [
        Proposal.objects.create(
            edition=edition,
            pool=pool,
            author=author,
            title=f"Projekt {n} ({city.name})",
            description="opis",
            cost=100_000 * ZL,
            status=Status.READY,
        )
        for n in range(2)
    ]
    return edition, pool, projects


def _vote(user, city, edition, pool, projects):
    with activated(city):
        return voting.cast_ballot(
            actor=user, edition=edition, selections={pool.pk: ids(projects, 1)}
        )


def test_a_person_verified_in_two_municipalities_votes_in_both(region, make_user):
    krakow, wieliczka = region["krakow"], region["wieliczka"]
    person = make_user()
    _declare(person, krakow, "podgorze")
    _declare(person, wieliczka, "wieliczka")
    assert ResidencyDeclaration.objects.filter(user=person, status="verified").count() == 2
    for city in (krakow, wieliczka):
        edition, pool, projects = _voting_edition(city, person)
        _vote(person, city, edition, pool, projects)
        assert Ballot.objects.filter(edition=edition).count() == 1
    # Each declaration keeps its own district, for each municipality's statistics.
    assert set(Ballot.objects.values_list("district__city__slug", flat=True)) == {
        "krakow",
        "wieliczka",
    }


def test_a_declaration_in_krakow_gives_no_vote_in_wieliczka(region, make_resident):
    krakow, wieliczka = region["krakow"], region["wieliczka"]
    resident = make_resident("podgorze")  # of Kraków only
    edition, pool, projects = _voting_edition(wieliczka, resident)
    with pytest.raises((PermissionDenied, ValidationError)):
        _vote(resident, wieliczka, edition, pool, projects)
    assert not Ballot.objects.exists()
    with activated(wieliczka):
        assert residency_of(resident) is None
        assert not resident.is_verified_resident()
    with activated(krakow):
        assert resident.is_verified_resident()


def test_declaring_again_replaces_only_that_municipalitys_declaration(region, make_user):
    krakow, wieliczka = region["krakow"], region["wieliczka"]
    person = make_user()
    _declare(person, krakow, "podgorze")
    _declare(person, wieliczka, "wieliczka")
    _declare(person, wieliczka, "wieliczka")
    assert sorted(person.residencies.values_list("city__slug", flat=True)) == [
        "krakow",
        "wieliczka",
    ]


def test_the_database_keeps_one_declaration_per_person_and_municipality(region, make_user):
    from django.db import IntegrityError, transaction

    person = make_user()
    first = _declare(person, region["krakow"], "podgorze")
    first.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        first.save()


def test_the_same_pesel_in_two_municipalities_of_one_account(region, make_user):
    import datetime

    from wiec.accounts.pesel import make_pesel

    for slug in ("krakow", "wieliczka"):
        from wiec.accounts.selectors import default_policy

        policy = default_policy(region[slug])
        policy.ask_pesel = True
        policy.save()
    pesel = make_pesel(datetime.date(2001, 5, 6), 3, "K")
    person, other = make_user(), make_user()
    _declare(person, region["krakow"], "podgorze", pesel=pesel)
    _declare(person, region["wieliczka"], "wieliczka", pesel=pesel)
    # Another account with the same PESEL is still refused, in any municipality.
    with pytest.raises(ValidationError):
        _declare(other, region["wieliczka"], "wieliczka", pesel=pesel)


def test_pages_and_the_office_queue_act_in_the_current_municipality(
    client, region, make_user, make_resident
):
    from wiec.accounts.selectors import default_policy

    krakow, wieliczka = region["krakow"], region["wieliczka"]
    for city in (krakow, wieliczka):
        policy = default_policy(city)
        policy.require_official_confirmation = True
        policy.save()
    person = make_user()
    _declare(person, krakow, "podgorze")  # pending in Kraków
    client.force_login(person)
    response = client.get("/g/wieliczka/konto/profil/")
    assert response.status_code == 200, response
    page = response.content.decode()
    assert "Nie złożono oświadczenia" in page and "Kraków" in page
    response = client.post(
        "/g/wieliczka/konto/zamieszkanie/",
        {
            "full_name": "Zofia Dwugminna",
            "street_address": "ul. Studencka 5",
            "postal_code": "32-020",
            "town": "Wieliczka",
            "district": wieliczka.districts.get(slug="wieliczka").pk,
            "confirm": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert sorted(person.residencies.values_list("city__slug", "status")) == [
        ("krakow", ResidencyStatus.PENDING),
        ("wieliczka", ResidencyStatus.PENDING),
    ]

    official = make_user("urzednik@wieliczka.example.org")
    services.assign_role(actor=None, user=official, role=Role.OFFICIAL, city=wieliczka)
    client.force_login(official)
    queue = client.get("/g/wieliczka/konto/zamieszkanie/do-potwierdzenia/").content.decode()
    assert "Zofia Dwugminna" in queue
    krakow_declaration = person.residencies.get(city=krakow)
    # Kraków's declaration is neither listed nor confirmable from Wieliczka.
    refused = client.post(f"/g/wieliczka/konto/zamieszkanie/{krakow_declaration.pk}/potwierdz/")
    assert refused.status_code == 404
    assert client.get("/g/krakow/konto/zamieszkanie/do-potwierdzenia/").status_code == 403
    mine = person.residencies.get(city=wieliczka)
    client.post(f"/g/wieliczka/konto/zamieszkanie/{mine.pk}/potwierdz/")
    assert sorted(person.residencies.values_list("city__slug", "status")) == [
        ("krakow", ResidencyStatus.PENDING),
        ("wieliczka", ResidencyStatus.VERIFIED),
    ]
