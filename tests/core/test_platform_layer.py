"""The shared layer: a tool that registers once appears on the home page, in search, on
the map, in the calendar, under "my activity" and in the office's inbox, with no other
change anywhere."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from wiec.core import search
from wiec.core.models import AuditEvent, TaskAssignment
from wiec.core.participation import (
    CalendarEntry,
    Decision,
    MapFeature,
    MyItem,
    OfficeTask,
    OpenItem,
    SearchDocument,
    Tool,
    ToolContents,
    register_tool,
    unregister_tool,
)
from wiec.core.roles import Role


class DummyContents(ToolContents):
    """A tool none of the pages knows: everything it shows comes through the registry."""

    def __init__(self, district_id=None):
        self.district_id = district_id

    def open_items(self):
        today = timezone.localdate()
        yield OpenItem(
            "Inicjatywa lokalna: skwer", "/dummy/1/", "Inicjatywy", "Złóż wniosek",
            closes_at=today + datetime.timedelta(days=9),
        )  # fmt: skip

    def decisions(self):
        yield Decision(
            "Skwer przy Rynku", "/dummy/1/", "Inicjatywy", "Przyjęta", timezone.localdate()
        )

    def search_documents(self):
        yield SearchDocument(
            key="1", title="Nowe ławki na skwerze", url="/dummy/1/",
            body="Mieszkańcy proponują ławki i zieleń.", kind_label="Inicjatywa",
            status="open", status_label="otwarta", year=2026, district_id=self.district_id,
        )  # fmt: skip

    def map_features(self):
        yield MapFeature(
            "1", "Skwer z ławkami", "/dummy/1/", "Inicjatywa", lat=50.06, lon=19.94,
            district_id=self.district_id,
        )  # fmt: skip

    def calendar_entries(self):
        yield CalendarEntry(
            "meeting:1", "Spotkanie o skwerze", "/dummy/1/", "Inicjatywa",
            starts=timezone.localdate() + datetime.timedelta(days=3),
        )  # fmt: skip

    def my_items(self, user):
        yield MyItem("Mój wniosek", "Skwer dla sąsiadów", "/dummy/1/", status_label="w ocenie")

    def office_tasks(self, user):
        yield OfficeTask(
            "assess:1", "Ocenić wniosek o skwer", "/dummy/1/", "Ocena wniosku",
            perm="core.view_inbox", due=timezone.localdate() - datetime.timedelta(days=2),
            district_id=self.district_id,
        )  # fmt: skip


@pytest.fixture
def dummy_tool(city):
    register_tool(Tool("dummy", "Inicjatywy", "core:home", "Wnioski mieszkańców"), DummyContents())
    search.rebuild("dummy")
    yield
    unregister_tool("dummy")


@pytest.mark.django_db
def test_a_registered_tool_appears_everywhere(client, dummy_tool, make_resident, make_role_user):
    home = client.get("/").content.decode()
    assert "Inicjatywa lokalna: skwer" in home and "Skwer przy Rynku" in home
    found = client.get(reverse("core:search"), {"q": "lawka"}).content.decode()
    assert "Nowe ławki na skwerze" in found
    assert "Skwer z ławkami" in client.get(reverse("core:map")).content.decode()
    assert "Spotkanie o skwerze" in client.get(reverse("core:calendar")).content.decode()
    assert b"Spotkanie o skwerze" in client.get(reverse("core:calendar_ics")).content
    client.force_login(make_resident())
    assert "Skwer dla sąsiadów" in client.get(reverse("core:my_activity")).content.decode()
    client.force_login(make_role_user(Role.OFFICIAL))
    inbox = client.get(reverse("core:inbox")).content.decode()
    assert "Ocenić wniosek o skwer" in inbox and "2 dni po terminie" in inbox


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["ławka", "lawka", "ŁAWKI", "ławkę", "zielen", "skwerze ławki"])
def test_search_forgives_inflection_case_and_missing_diacritics(client, dummy_tool, query):
    page = client.get(reverse("core:search"), {"q": query}).content.decode()
    assert "Nowe ławki na skwerze" in page, query


@pytest.mark.django_db
def test_search_requires_every_word_and_says_when_nothing_matches(client, dummy_tool):
    page = client.get(reverse("core:search"), {"q": "ławka basen"}).content.decode()
    assert "Nowe ławki na skwerze" not in page
    assert "Nic nie znaleziono" in page


@pytest.mark.django_db
def test_search_filters_by_tool_and_district(client, city, districts):
    register_tool(Tool("dummy", "Inicjatywy", "core:home"), DummyContents(districts["podgorze"].pk))
    try:
        search.rebuild("dummy")
        url = reverse("core:search")
        assert (
            "Nowe ławki"
            in client.get(url, {"q": "ławki", "dzielnica": "podgorze"}).content.decode()
        )
        assert (
            "Nowe ławki"
            not in client.get(url, {"q": "ławki", "dzielnica": "debniki"}).content.decode()
        )
        assert (
            "Nowe ławki"
            not in client.get(url, {"q": "ławki", "narzedzie": "budgets"}).content.decode()
        )
    finally:
        unregister_tool("dummy")


@pytest.mark.django_db
def test_search_ignores_mangled_filters(client, dummy_tool):
    response = client.get(reverse("core:search"), {"q": "ławki", "rok": "²", "page": "x"})
    assert response.status_code == 200
    assert "Nowe ławki na skwerze" in response.content.decode()


@pytest.mark.django_db
def test_the_index_follows_a_tools_changes_after_commit(
    city, make_user, django_capture_on_commit_callbacks
):
    from wiec.budgets.models import Edition, Pool, Proposal

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        edition = Edition.objects.create(city=city, name="BO 2030", slug="bo-2030")
        pool = Pool.objects.create(edition=edition, kind="city", name="Miasto", amount=10**8)
        for title in ("Fontanna z pitną wodą", "Ławki przy fontannie"):
            Proposal.objects.create(
                edition=edition, pool=pool, author=make_user(), title=title,
                description="Woda dla wszystkich", status="ready",
            )  # fmt: skip
    # One search refresh for the whole transaction, not one per row (the network's map
    # index queues its own, also once).
    assert len([c for c in callbacks if getattr(c, "search_tool", None)]) == 1
    assert len([c for c in callbacks if getattr(c, "network_index", None)]) == 1
    assert [h.title for h in search.search("fontanna").hits] == [
        "Fontanna z pitną wodą",
        "Ławki przy fontannie",
    ]


@pytest.mark.django_db
def test_the_inbox_shows_each_official_only_their_tasks_and_audits_assignment(
    client, dummy_tool, make_role_user, make_resident
):
    official = make_role_user(Role.OFFICIAL)
    colleague = make_role_user(Role.OFFICIAL, display_name="Maria Kowalska")
    client.force_login(make_resident())
    assert client.get(reverse("core:inbox")).status_code == 403
    client.force_login(official)
    response = client.post(
        reverse("core:inbox_assign"),
        {"tool": "dummy", "key": "assess:1", "assignee": colleague.pk, "note": "Pilne"},
    )
    assert response.status_code == 302
    assignment = TaskAssignment.objects.get(tool="dummy", key="assess:1")
    assert assignment.assignee == colleague and assignment.note == "Pilne"
    assert AuditEvent.objects.filter(action="core.assign_task", actor=official).exists()
    page = client.get(reverse("core:inbox")).content.decode()
    assert "Maria Kowalska" in page and "Pilne" in page
    resident = make_resident()
    response = client.post(
        reverse("core:inbox_assign"),
        {"tool": "dummy", "key": "assess:1", "assignee": resident.pk, "note": ""},
    )
    assert TaskAssignment.objects.get(tool="dummy", key="assess:1").assignee is None


@pytest.mark.django_db
def test_an_anonymous_person_is_sent_to_log_in_for_my_activity(client, city):
    response = client.get(reverse("core:my_activity"))
    assert response.status_code == 302 and "login" in response["Location"]
