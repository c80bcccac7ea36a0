"""Consultations 0009 and budgets 0017 copy the old support into ``commons.Signature``
without losing a person, a key or a time."""

from __future__ import annotations

import datetime

from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("consultations", "0006_same_city"),
    ("budgets", "0013_same_city"),
    ("commons", "0001_initial"),
]
AFTER = [
    ("consultations", "0009_request_support_to_commons"),
    ("budgets", "0017_endorsements_to_commons"),
]
WHEN = datetime.datetime(2026, 3, 2, 10, 30, tzinfo=datetime.UTC)


def test_old_support_becomes_signatures_with_its_keys_and_times(migration_db):
    executor = MigrationExecutor(migration_db)
    executor.migrate(BEFORE)
    # The state of every applied migration: other apps stay at their latest.
    old = MigrationExecutor(migration_db)._create_project_state(with_applied_migrations=True).apps
    City = old.get_model("places", "City")
    User = old.get_model("accounts", "User")
    Request = old.get_model("consultations", "ConsultationRequest")
    Support = old.get_model("consultations", "Support")
    Edition = old.get_model("budgets", "Edition")
    Pool = old.get_model("budgets", "Pool")
    Proposal = old.get_model("budgets", "Proposal")
    Endorsement = old.get_model("budgets", "Endorsement")

    city = City.objects.create(name="Wieliczka", slug="wieliczka", office_name="UMiG")
    anna, jan, ola = (User.objects.create(email=f"{n}@example.org") for n in ("a", "j", "o"))
    request = Request.objects.create(
        city=city, title="Park nad stawem", justification="Bo tak.", threshold=2
    )
    Support.objects.create(request=request, user=anna, identity_key="k" * 64, created_at=WHEN)
    Support.objects.create(request=request, user=jan, identity_key=None, created_at=WHEN)
    Support.objects.create(request=request, user=None, identity_key=None, created_at=WHEN)
    Request.objects.create(city=city, title="Bez poparcia", justification="-", threshold=5)
    edition = Edition.objects.create(city=city, name="BO 2026", slug="bo-2026")
    pool = Pool.objects.create(
        edition=edition, kind="city", name="Ogólnomiejska", amount=100, support_required=15
    )
    proposal = Proposal.objects.create(
        edition=edition, pool=pool, author=ola, title="Ławki", description="Ławki."
    )
    Endorsement.objects.create(proposal=proposal, user=anna, identity_key="p" * 64)
    Endorsement.objects.create(proposal=proposal, user=jan, identity_key=None)
    Proposal.objects.create(edition=edition, pool=pool, author=ola, title="Nic", description="-")

    executor = MigrationExecutor(migration_db)
    executor.migrate(AFTER)

    new = MigrationExecutor(migration_db)._create_project_state(with_applied_migrations=True).apps
    CurrentProposal = new.get_model("budgets", "Proposal")
    Signature = new.get_model("commons", "Signature")
    SupportCollection = new.get_model("commons", "SupportCollection")
    ConsultationRequest = new.get_model("consultations", "ConsultationRequest")

    current = ConsultationRequest.objects.get(title="Park nad stawem")
    assert (current.collection.city_id, current.collection.threshold) == (city.pk, 2)
    signatures = Signature.objects.filter(collection=current.collection).order_by("pk")
    assert [(s.identity_key, s.user_id, s.channel, s.status) for s in signatures] == [
        ("k" * 64, anna.pk, "online", "valid"),
        (f"account:{jan.pk}", jan.pk, "online", "valid"),
        (signatures[2].identity_key, None, "online", "valid"),
    ]
    assert signatures[2].identity_key.startswith("support:")
    assert {s.created_at for s in signatures} == {WHEN}
    empty = ConsultationRequest.objects.get(title="Bez poparcia").collection
    assert Signature.objects.filter(collection=empty).count() == 0

    endorsed = CurrentProposal.objects.get(title="Ławki")
    assert endorsed.collection.threshold == 15
    copied = Signature.objects.filter(collection=endorsed.collection)
    assert sorted(copied.values_list("identity_key", flat=True)) == [
        f"account:{jan.pk}",
        "p" * 64,
    ]
    assert CurrentProposal.objects.get(title="Nic").collection is None
    assert SupportCollection.objects.count() == 3


DROPPED = [
    ("consultations", "0011_drop_support"),
    ("budgets", "0021_drop_endorsement"),
]


def test_dropping_the_old_tables_first_copies_any_support_missing_from_commons(
    migration_db,
):
    executor = MigrationExecutor(migration_db)
    executor.migrate(AFTER)
    old = MigrationExecutor(migration_db)._create_project_state(with_applied_migrations=True).apps
    City = old.get_model("places", "City")
    User = old.get_model("accounts", "User")
    Request = old.get_model("consultations", "ConsultationRequest")
    Support = old.get_model("consultations", "Support")
    Edition = old.get_model("budgets", "Edition")
    Pool = old.get_model("budgets", "Pool")
    Proposal = old.get_model("budgets", "Proposal")
    Endorsement = old.get_model("budgets", "Endorsement")
    city = City.objects.create(name="Bochnia", slug="bochnia", office_name="UM")
    anna, jan = (User.objects.create(email=f"{n}@example.org") for n in ("a", "j"))
    # Written to the old tables only, as a bug or a script could have left them.
    request = Request.objects.create(city=city, title="Skwer", justification="-", threshold=2)
    Support.objects.create(request=request, user=anna, identity_key="k" * 64, created_at=WHEN)
    Support.objects.create(request=request, user=None, identity_key=None, created_at=WHEN)
    edition = Edition.objects.create(city=city, name="BO", slug="bo")
    pool = Pool.objects.create(
        edition=edition, kind="city", name="Miasto", amount=100, support_required=3
    )
    proposal = Proposal.objects.create(
        edition=edition, pool=pool, author=anna, title="Ławki", description="-"
    )
    Endorsement.objects.create(proposal=proposal, user=jan, identity_key=None)

    MigrationExecutor(migration_db).migrate(DROPPED)

    new = MigrationExecutor(migration_db)._create_project_state(with_applied_migrations=True).apps
    Signature = new.get_model("commons", "Signature")
    request = new.get_model("consultations", "ConsultationRequest").objects.get(pk=request.pk)
    kept = Signature.objects.filter(collection=request.collection_id).order_by("pk")
    assert [(s.identity_key[:8], s.user_id, s.created_at) for s in kept] == [
        ("k" * 8, anna.pk, WHEN),
        ("support:", None, WHEN),
    ]
    assert request.collection.valid_count == 2
    proposal = new.get_model("budgets", "Proposal").objects.get(pk=proposal.pk)
    given = Signature.objects.get(collection=proposal.collection_id)
    assert (given.user_id, given.identity_key) == (jan.pk, f"account:{jan.pk}")
    assert proposal.collection.valid_count == 1
    assert "budgets_endorsement" not in migration_db.introspection.table_names()
    assert "consultations_support" not in migration_db.introspection.table_names()
