"""Kraków 2019 from pabulib (19 files, 50,004 people), imported once for every test here.

The import is the slowest thing the budget tests do, so the module loads it once, as
the demo does (``demo.load_krakow_2019``, through ``import_pabulib``), inside a
transaction that is rolled back after the last test: the tests only read it, each in
its own savepoint, and the tests of other modules find an empty database.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation

from wiec import tally
from wiec.budgets import demo, results
from wiec.budgets.models import Edition
from wiec.budgets.phases import PhaseType

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def krakow_2019(django_db_setup, django_db_blocker):
    from wiec.places import demo as places_demo

    assert len(list(demo.PABULIB_DIR.glob("Poland_Krakow_2019*.pb"))) == 19, (
        "demo_data/pabulib holds Kraków 2019 (19 files)"
    )
    with django_db_blocker.unblock(), transaction.atomic():
        city = places_demo.load()
        report = demo.load_krakow_2019(city)
        # Check the deferred foreign keys of the import now, once: otherwise each test's
        # teardown checks them all again (its savepoint's rollback undoes the check).
        connection.check_constraints()
        yield city, report
        transaction.set_rollback(True)


def test_krakow_2019_is_named_and_dated_as_it_happened(krakow_2019):
    edition = Edition.objects.get(slug=demo.KRAKOW_2019)
    assert edition.name.startswith("Budżet Obywatelski Krakowa 2019")
    assert edition.phase(PhaseType.VOTING).ends_on == datetime.date(2019, 10, 7)
    runs = edition.counts.filter(published=True)
    assert runs.exists()
    for run in runs:
        assert timezone.localtime(run.published_at).year == 2019


def test_krakow_2019_import_selects_what_the_city_selected(krakow_2019):
    _city, report = krakow_2019
    assert report.disagreements == []
    run = report.edition.counts.get(published=True)
    by_district = {}
    for f in sorted(demo.PABULIB_DIR.glob("Poland_Krakow_2019*.pb")):
        election = tally.read_pabulib(str(f))
        by_district[election.meta.get("district")] = election
    assert run.pools.count() == 19
    for pool_result in run.pools.select_related("pool", "pool__district"):
        name = pool_result.pool.district.name if pool_result.pool.district else None
        declared = {p.name for p in by_district[name].projects if p.selected}
        stored = set(
            pool_result.projects.filter(selected=True).values_list("proposal__title", flat=True)
        )
        assert stored == {n[:150] for n in declared}, pool_result.pool.name
    assert results.recount(run) == []


def test_krakow_2019_statistics_show_50004_voters_not_100008(client, krakow_2019):
    city, report = krakow_2019
    assert (report.ballots, report.voters) == (100_008, 50_004)
    with translation.override("pl"):
        url = reverse("budgets:statistics", args=[report.edition.slug])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="pl")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<td>osoby, które głosowały</td><td>50004</td>" in page
    assert "100008" not in page and "100 008" not in page
    population = city.population
    assert f"<td>{round(100 * 50004 / population, 2)}".replace(".", ",") in page
    assert "Wiek i płeć nie są pokazane" in page
