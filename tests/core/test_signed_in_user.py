"""The session's user comes with residency, roles held and unread count, in one query."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wiec.accounts.backends import AccountBackend
from wiec.accounts.selectors import residency_of
from wiec.core import services
from wiec.core.roles import Role
from wiec.places.selectors import activated

pytestmark = pytest.mark.django_db


def test_the_user_is_loaded_with_what_every_page_asks(
    city, make_resident, make_role_user, django_assert_num_queries
):
    resident = make_resident("podgorze")
    official = make_role_user(Role.OFFICIAL, scope=("podgorze",))
    for n in range(3):
        services.notify(recipient=resident, subject=f"Wiadomość {n}")
    services.mark_notifications_read(
        actor=resident, ids=[resident.notifications.order_by("pk").first().pk]
    )
    # A page knows its municipality before it loads the user (the layout names it).
    declared = resident.residencies.get(city=city)
    with activated(city), django_assert_num_queries(1):
        loaded = AccountBackend().get_user(resident.pk)
        residency = residency_of(loaded)
        assert residency.district_id == declared.district_id
        assert residency.created_at == declared.created_at
        assert residency.declared_by_guardian is False
        assert loaded.date_joined == resident.date_joined and loaded.is_active is True
        assert residency.user is loaded
        assert loaded.holds_roles is False
        assert loaded.unread_notifications == 2
    with activated(city):
        other = AccountBackend().get_user(official.pk)
        with django_assert_num_queries(0):
            assert residency_of(other) is None
            assert other.holds_roles is True
            assert other.unread_notifications == 0
    assert AccountBackend().get_user(10**9) is None


def test_a_role_holder_keeps_their_permissions_and_a_resident_gets_none(
    client, make_resident, make_role_user
):
    administrator = make_role_user(Role.ADMINISTRATOR)
    client.force_login(administrator)
    assert client.get("/audyt/").status_code == 200
    client.force_login(make_resident())
    assert client.get("/audyt/").status_code == 403


def test_the_layout_shows_the_unread_count_without_a_query_of_its_own(client, make_resident):
    resident = make_resident()
    services.notify(recipient=resident, subject="Jedna")
    services.notify(recipient=resident, subject="Druga")
    client.force_login(resident)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/deklaracja-dostepnosci/").content.decode()
    assert '<span class="count">2<span class="visually-hidden"> nieprzeczytane' in page
    reads = [q["sql"] for q in queries.captured_queries]
    assert not [sql for sql in reads if "core_notification" in sql and "accounts_user" not in sql]
    assert not [sql for sql in reads if "auth_permission" in sql]
