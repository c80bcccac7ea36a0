"""Migration 0007_residency_per_city keeps every declaration, and then lets a
person declare in a second municipality (in a database of its own: ``migration_db``)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0006_consents"), ("places", "0005_gazetteer")]
AFTER = [("accounts", "0007_residency_per_city")]


def test_existing_declarations_stay_and_a_second_municipality_may_follow(migration_db):
    executor = MigrationExecutor(migration_db)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    City = old.get_model("places", "City")
    District = old.get_model("places", "District")
    Policy = old.get_model("accounts", "IdentityPolicy")
    User = old.get_model("accounts", "User")
    Declaration = old.get_model("accounts", "ResidencyDeclaration")
    krakow = City.objects.create(name="Kraków", slug="krakow", office_name="UMK")
    podgorze = District.objects.create(city=krakow, name="Podgórze", slug="podgorze")
    people = [User.objects.create(email=f"osoba{n}@example.org") for n in range(2)]
    for n, person in enumerate(people):
        Declaration.objects.create(
            user=person,
            city=krakow,
            policy=Policy.objects.create(city=krakow, name=f"Oświadczenie {n}"),
            full_name=f"Osoba {n}",
            street_address="ul. Długa 1",
            postal_code="31-000",
            town="Kraków",
            district=podgorze,
            identity_basis="pesel",
            identity_key=f"klucz-{n}",
            status="verified",
        )

    executor = MigrationExecutor(migration_db)
    executor.migrate(AFTER)

    from wiec.accounts.models import IdentityPolicy, ResidencyDeclaration
    from wiec.places.models import City as CurrentCity
    from wiec.places.models import District as CurrentDistrict

    kept = ResidencyDeclaration.objects.order_by("full_name")
    assert [(d.user.email, d.city.slug, d.identity_key, d.status) for d in kept] == [
        ("osoba0@example.org", "krakow", "klucz-0", "verified"),
        ("osoba1@example.org", "krakow", "klucz-1", "verified"),
    ]
    wieliczka = CurrentCity.objects.create(name="Wieliczka", slug="wieliczka", office_name="UMiG")
    centrum = CurrentDistrict.objects.create(city=wieliczka, name="Centrum", slug="centrum")
    second = kept[0]
    second.pk, second.city, second.district = None, wieliczka, centrum
    second.policy = IdentityPolicy.objects.create(city=wieliczka, name="Oświadczenie")
    second.save()  # the same person and key, in another municipality
    assert ResidencyDeclaration.objects.filter(identity_key="klucz-0").count() == 2
    # The municipality triggers survive the table's rebuild: Kraków's district is refused.
    second.district = CurrentDistrict.objects.get(slug="podgorze")
    with pytest.raises(IntegrityError), transaction.atomic(using=migration_db.alias):
        second.save()
