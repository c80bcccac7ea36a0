"""Fixtures shared by the whole suite: the demo city and one user per role."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_addoption(parser):
    parser.addoption(
        "--full",
        action="store_true",
        help="also run the tests marked `full` (the longer comparisons; make fuzz does)",
    )


def pytest_collection_modifyitems(config, items):
    if config.getoption("--full"):
        return
    skip = pytest.mark.skip(reason="the longer comparison: run with --full (make fuzz)")
    for item in items:
        if item.get_closest_marker("full"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Drive Debian's chromium: Playwright's own browser download cannot work here."""
    if not os.path.exists(CHROMIUM):
        message = "chromium is not installed: run `make test` or `apt-get install chromium`"
        if os.environ.get("WIEC_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True)
def _fresh_ballot_copies():
    """Each test starts without the ballot page's per-process copies of another's rows."""
    yield
    from wiec.budgets import ballot_cache

    ballot_cache.forget()


@pytest.fixture
def city(db):
    from wiec.places import demo

    return demo.load()


@pytest.fixture
def wieliczka(db):
    """A second municipality beside the demo's Kraków, as the demo region describes it
    (the tests of isolation, the network and categories need one)."""
    from wiec.places.models import City

    return City.objects.get_or_create(
        slug="wieliczka",
        defaults={
            "name": "Wieliczka",
            "kind": "urban_rural",
            "teryt": "1219053",
            "population": 70000,
            "office_name": "Urząd Miasta i Gminy Wieliczka",
            "center_latitude": 49.987,
            "center_longitude": 20.065,
        },
    )[0]


@pytest.fixture
def districts(city):
    from wiec.places.models import District

    return {d.slug: d for d in District.objects.filter(city=city)}


@pytest.fixture
def policy(city):
    from wiec.accounts.selectors import default_policy

    return default_policy(city)


@pytest.fixture
def make_user(db):
    from wiec.accounts.models import User

    counter = {"n": 0}

    def make(
        email: str | None = None,
        password: str = "haslo-testowe-123",
        email_verified: bool | None = True,
        **extra,
    ):
        """An account; its address is confirmed unless ``email_verified=False``
        (``None``: no allauth address row at all)."""
        from allauth.account.models import EmailAddress

        counter["n"] += 1
        user = User.objects.create_user(
            email or f"user{counter['n']}@example.org", password, **extra
        )
        if email_verified is not None:
            EmailAddress.objects.create(
                user=user, email=user.email, primary=True, verified=email_verified
            )
        return user

    return make


@pytest.fixture
def make_resident(make_user, policy, districts):
    """A verified resident of a district (by declaration)."""
    from wiec.accounts import services

    def make(district_slug: str = "stare-miasto", **extra):
        user = make_user(**extra)
        services.declare_residency(
            actor=user,
            policy=policy,
            declaration=services.Declaration(
                full_name=f"Mieszkaniec {user.pk}",
                street_address="ul. Testowa 1",
                postal_code="31-004",
                town="Kraków",
                district=districts[district_slug],
            ),
        )
        return user

    return make


@pytest.fixture
def make_role_user(make_user, districts):
    from wiec.accounts import services

    def make(role, scope: tuple[str, ...] = (), **extra):
        user = make_user(**extra)
        services.assign_role(
            actor=None, user=user, role=role, districts=[districts[s] for s in scope]
        )
        return user

    return make


class _ScratchRouter:
    """Sends every query, of current and of historical models, to the scratch database."""

    def __init__(self, alias: str):
        self.alias = alias

    def db_for_read(self, model, **hints):
        return self.alias

    def db_for_write(self, model, **hints):
        return self.alias

    def allow_relation(self, obj1, obj2, **hints):
        return True


@pytest.fixture
def migration_db(request, settings, tmp_path, django_db_blocker):
    """An empty database of the suite's engine, for a test that migrates: forwards from
    nothing to the state before a migration is far cheaper than unapplying the test
    database's every later migration and applying them again, and the test database is
    left as it was. Every query goes there; the fixture gives its connection."""
    from django.db import connections

    alias = "migration_scratch"
    config = {**connections.settings["default"], "TEST": {}}
    postgres = config["ENGINE"].endswith("postgresql")
    with django_db_blocker.unblock():
        if postgres:
            config["NAME"] = f"{connections['default'].settings_dict['NAME']}_scratch"
            with connections["default"]._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}"')
                cursor.execute(f'CREATE DATABASE "{config["NAME"]}"')
        else:
            config["NAME"] = str(tmp_path / "scratch.sqlite3")
        connections.settings[alias] = config
        settings.DATABASE_ROUTERS = [_ScratchRouter(alias)]
        try:
            yield connections[alias]
        finally:
            connections[alias].close()
            del connections[alias]
            del connections.settings[alias]
            if postgres:
                with connections["default"]._nodb_cursor() as cursor:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}"')
