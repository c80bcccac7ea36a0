"""Migration 0004_city_roles moves every existing role into the default municipality."""

from __future__ import annotations

from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0003_notify"), ("places", "0001_initial")]
AFTER = [("accounts", "0004_city_roles")]
APPS = {"accounts", "places"}


def test_existing_roles_go_to_the_default_municipality_without_loss(settings, migration_db):
    settings.WIEC_CITY_SLUG = "krakow"
    executor = MigrationExecutor(migration_db)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    City = old.get_model("places", "City")
    District = old.get_model("places", "District")
    User = old.get_model("accounts", "User")
    RoleAssignment = old.get_model("accounts", "RoleAssignment")
    City.objects.create(name="Wieliczka", slug="wieliczka", office_name="UMiG")
    krakow = City.objects.create(name="Kraków", slug="krakow", office_name="UMK")
    podgorze = District.objects.create(city=krakow, name="Podgórze", slug="podgorze")
    official = User.objects.create(email="urzedniczka@example.org")
    admin = User.objects.create(email="admin@example.org")
    scoped = RoleAssignment.objects.create(user=official, role="official")
    scoped.districts.add(podgorze)
    RoleAssignment.objects.create(user=admin, role="administrator")

    executor = MigrationExecutor(migration_db)
    executor.migrate(AFTER)
    # The current models need every later migration of both apps (e.g. places' new
    # columns); no other app's migration touches their tables.
    executor = MigrationExecutor(migration_db)
    executor.migrate([n for n in executor.loader.graph.leaf_nodes() if n[0] in APPS])

    from wiec.accounts.models import RoleAssignment as Current

    roles = {(r.user.email, r.role): r for r in Current.objects.select_related("city", "user")}
    assert set(roles) == {
        ("urzedniczka@example.org", "official"),
        ("admin@example.org", "administrator"),
    }
    assert {r.city.slug for r in roles.values()} == {"krakow"}
    official_role = roles[("urzedniczka@example.org", "official")]
    assert [d.slug for d in official_role.districts.all()] == ["podgorze"]
    # And the official now holds the role in Kraków only.
    user = official_role.user
    assert set(user.load_role_scopes()) == {official_role.city_id}
