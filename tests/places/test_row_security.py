"""Row-level security: PostgreSQL's own wall between municipalities, behind the code's.

PostgreSQL only (SQLite has no row-level security). A superuser bypasses every policy,
so when the tests connect as one (``postgres`` in CI) they switch, inside the test's
transaction, to a plain role that may read and write the tables.
"""

from __future__ import annotations

import pytest
from django.db import ProgrammingError, connection, transaction
from django.http import JsonResponse
from django.test import override_settings
from django.urls import path
from django.utils import timezone

from wiec.places import tenancy

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row-level security is PostgreSQL's"
    ),
]


def _everything(request):
    """A page that forgets its municipality on purpose: no ``current_city()``."""
    from wiec.budgets.models import Edition, Proposal
    from wiec.consultations.models import Consultation

    return JsonResponse(
        {
            "editions": sorted(e.slug for e in Edition.objects.all()),
            "proposals": sorted(p.title for p in Proposal.objects.all()),
            "consultations": sorted(c.slug for c in Consultation.objects.all()),
        }
    )


urlpatterns = [path("wszystko/", _everything), path("siec/wszystko/", _everything)]


@pytest.fixture
def plain_role(db):
    """The tests' connection as a role that row-level security applies to."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone()[0]:
            cursor.execute("CREATE ROLE wiec_rls_probe NOLOGIN")
            cursor.execute("GRANT USAGE ON SCHEMA public TO wiec_rls_probe")
            cursor.execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO wiec_rls_probe")
            cursor.execute("GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO wiec_rls_probe")
            cursor.execute("SET LOCAL ROLE wiec_rls_probe")
    yield
    # The role and the grants go with the test's transaction.


@pytest.fixture
def two(city, make_user):
    """Kraków and Wieliczka, each with a budget edition, a proposal and a consultation."""
    from wiec.budgets.models import Edition, Pool, Proposal
    from wiec.consultations.models import Consultation
    from wiec.places.models import City

    wieliczka, _ = City.objects.get_or_create(
        slug="wieliczka", defaults={"name": "Wieliczka", "office_name": "Urząd Miasta i Gminy"}
    )
    author = make_user()
    today = timezone.localdate()
    for place in (city, wieliczka):
        edition = Edition.objects.create(city=place, name="BO", slug=f"bo-{place.slug}")
        pool = Pool.objects.create(edition=edition, kind="city", name="Pula", amount=1)
        Proposal.objects.create(
            edition=edition, pool=pool, author=author, title=f"Park {place.slug}", description="D"
        )
        Consultation.objects.create(
            city=place,
            title="K",
            slug=f"k-{place.slug}",
            goal="C",
            target_groups="M",
            responsible_unit="W",
            coordinator_name="E",
            can_influence="W",
            starts_on=today,
            ends_on=today,
        )
    return city, wieliczka


def _rows(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def test_every_municipalitys_table_has_a_policy_the_owner_cannot_bypass(db):
    tables = tenancy.tenant_tables()
    for table in ("budgets_edition", "budgets_proposal", "consultations_consultation"):
        assert table in tables
    assert not any(t.startswith("network_") for t in tables)  # the network's rows are shared
    assert "core_auditevent" not in tables  # a deletion pseudonymises it everywhere at once
    rows = _rows(
        "SELECT c.relname FROM pg_class c JOIN pg_policy p ON p.polrelid = c.oid "
        "WHERE p.polname = %s AND c.relrowsecurity AND c.relforcerowsecurity",
        [tenancy.POLICY],
    )
    assert {name for (name,) in rows} == set(tables)


def test_scoped_to_krakow_a_raw_select_sees_none_of_wieliczkas_rows(two, plain_role):
    krakow, wieliczka = two
    proposals = "SELECT title FROM budgets_proposal ORDER BY title"
    consultations = "SELECT slug FROM consultations_consultation WHERE city_id = %s"
    assert len(_rows(proposals, [])) == 2
    with tenancy.scoped(krakow.pk):
        assert _rows(proposals, []) == [("Park krakow",)]
        assert _rows(consultations, [wieliczka.pk]) == []
        assert _rows(consultations, [krakow.pk]) == [("k-krakow",)]
    # Unset again: everything, as for the network's pages and migrations.
    assert len(_rows(proposals, [])) == 2
    assert len(_rows(consultations, [wieliczka.pk])) == 1


def test_scoped_to_krakow_a_wieliczka_row_cannot_be_written(two, plain_role):
    from wiec.budgets.models import Edition, Pool, Proposal
    from wiec.consultations.models import Topic

    krakow, wieliczka = two
    theirs = Edition.objects.get(city=wieliczka)
    with tenancy.scoped(krakow.pk):
        with pytest.raises(ProgrammingError, match="row-level security"), transaction.atomic():
            Topic.objects.create(city=wieliczka, name="Zieleń", slug="zielen")
        with pytest.raises(ProgrammingError, match="row-level security"), transaction.atomic():
            Pool.objects.create(edition=theirs, kind="city", name="Obca", amount=1)
        # Nor can a Kraków row be moved to Wieliczka.
        with pytest.raises(ProgrammingError, match="row-level security"), transaction.atomic():
            Edition.objects.filter(city=krakow).update(city=wieliczka)
        assert Topic.objects.create(city=krakow, name="Zieleń", slug="zielen").pk
    assert Proposal.objects.count() == 2 and Topic.objects.count() == 1


def test_the_same_city_triggers_still_see_the_row_they_compare_with(two, plain_role):
    """A policy must not blind the first wall: the trigger looks up the other pool."""
    from django.db import IntegrityError

    from wiec.budgets.models import Edition, Pool, Proposal

    krakow, wieliczka = two
    theirs = Pool.objects.get(edition__city=wieliczka)
    proposal = Proposal.objects.get(edition__city=krakow)
    with tenancy.scoped(krakow.pk):
        proposal.pool_id = theirs.pk
        with pytest.raises(IntegrityError, match="another municipality"), transaction.atomic():
            proposal.save(update_fields=["pool"])
        assert Edition.objects.count() == 1  # still scoped after the trigger ran


def test_activated_scopes_a_task_or_command_and_restores(two, plain_role):
    from wiec.budgets.models import Proposal
    from wiec.places.selectors import activated

    krakow, wieliczka = two
    with activated(wieliczka):
        assert list(Proposal.objects.values_list("title", flat=True)) == ["Park wieliczka"]
        with activated(krakow):
            assert list(Proposal.objects.values_list("title", flat=True)) == ["Park krakow"]
        assert Proposal.objects.count() == 1
    assert Proposal.objects.count() == 2


@override_settings(ROOT_URLCONF=__name__)
def test_a_krakow_page_sees_only_krakow_even_unscoped_and_the_network_sees_all(
    two, plain_role, client
):
    from wiec.budgets.models import Proposal

    for address in ("/g/krakow/wszystko/", "/wszystko/"):  # the path form and the default
        page = client.get(address).json()
        assert page == {
            "editions": ["bo-krakow"],
            "proposals": ["Park krakow"],
            "consultations": ["k-krakow"],
        }, address
    assert client.get("/g/wieliczka/wszystko/").json()["proposals"] == ["Park wieliczka"]
    network = client.get("/g/krakow/siec/wszystko/").json()
    assert network["proposals"] == ["Park krakow", "Park wieliczka"]
    # The request put the connection back as it found it.
    assert Proposal.objects.count() == 2


@override_settings(ROOT_URLCONF=__name__, WIEC_ROW_LEVEL_SECURITY=False)
def test_switched_off_a_page_is_left_to_the_code(two, plain_role, client):
    assert len(client.get("/g/krakow/wszystko/").json()["proposals"]) == 2
