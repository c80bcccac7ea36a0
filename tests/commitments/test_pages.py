"""The public account, the office's part of it and the monitoring panel."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.commitments.conftest import days
from wiec.commitments import services
from wiec.commitments.models import Commitment, CommitmentSource, CommitmentStatus
from wiec.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(recommendation, organiser):
    from wiec.panels import services as panel_services

    panel_services.respond_to_recommendation(
        actor=organiser, recommendation=recommendation, response="Tak.", status="planned"
    )
    return Commitment.objects.get(tool=CommitmentSource.PANELS)


def test_the_list_shows_every_tool_and_filters(client, project, promise, accepted, districts):
    html = client.get("/zobowiazania/").content.decode()
    for title in ("Park kieszonkowy", "Dodamy 50 stojaków", "Więcej drzew na ulicach"):
        assert title in html
    assert "4 zobowiązania" in html
    html = client.get("/zobowiazania/", {"narzedzie": "budgets"}).content.decode()
    assert "Park kieszonkowy" in html and "stojaków" not in html
    html = client.get("/zobowiazania/", {"dzielnica": "podgorze"}).content.decode()
    assert "Park kieszonkowy" in html and "drzew" not in html
    html = client.get("/zobowiazania/", {"rok": "1999"}).content.decode()
    assert "0 zobowiązań" in html
    assert client.get("/zobowiazania/", {"rok": "x", "dzielnica": "?"}).status_code == 200


def test_late_filter_owner_filter_and_the_office_inbox(client, project, people, make_role_user):
    c = Commitment.objects.get()
    services.plan_commitment(
        actor=people["official_podgorze"],
        commitment=c,
        owner_unit="Zarząd Zieleni Miejskiej",
        planned_on=days(-3),
        money_planned=1000,
        acceptance="full",
    )
    html = client.get("/zobowiazania/", {"status": "late"}).content.decode()
    assert "Park kieszonkowy" in html
    html = client.get("/zobowiazania/", {"wlasciciel": "Zarząd Zieleni Miejskiej"}).content.decode()
    assert "Park kieszonkowy" in html
    from wiec.core.inbox import tasks_for

    keys = [r.task.key for r in tasks_for(people["official_podgorze"])]
    assert f"late:{c.pk}" in keys
    assert f"late:{c.pk}" not in [r.task.key for r in tasks_for(people["official_nowa_huta"])]


def test_an_update_needs_a_reason_to_abandon_and_a_permission(project, people):
    c = Commitment.objects.get()
    with pytest.raises(PermissionDenied):
        services.add_update(actor=people["resident"], commitment=c, status="done", text="x")
    with pytest.raises(PermissionDenied):
        services.add_update(
            actor=people["official_nowa_huta"], commitment=c, status="done", text="x"
        )
    with pytest.raises(ValidationError) as error:
        services.add_update(
            actor=people["official_podgorze"], commitment=c, status="abandoned", text=" "
        )
    assert "text" in error.value.error_dict
    services.add_update(
        actor=people["official_podgorze"],
        commitment=c,
        status="abandoned",
        text="Teren okazał się prywatny.",
        link="https://bip.krakow.pl/uchwala",
    )
    c.refresh_from_db()
    assert (
        c.status == CommitmentStatus.ABANDONED
        and c.abandoned_reason == "Teren okazał się prywatny."
    )


def test_the_office_form_rejects_bad_input_with_a_message(client, project, people):
    c = Commitment.objects.get()
    client.force_login(people["official_podgorze"])
    response = client.post(
        f"/zobowiazania/{c.pk}/aktualizacja/",
        {"status": "done", "day": "2020-01-01", "text": "Gotowe", "money_spent": "dużo"},
    )
    assert response.status_code == 400
    assert "Podaj kwotę w złotych" in response.content.decode()
    assert not c.updates.exists()
    response = client.post(
        f"/zobowiazania/{c.pk}/aktualizacja/",
        {"status": "done", "day": "2020-01-01", "text": "Gotowe", "money_spent": "1 250,50"},
    )
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.money_spent == 125050 and c.status == CommitmentStatus.DONE


def test_the_monitoring_panel_asks_and_the_owner_answers(
    client, accepted, recommendation, organiser, make_role_user, make_resident
):
    panel = recommendation.panel
    member = panel.panelists.get().user
    outsider = make_resident("podgorze")
    with pytest.raises(PermissionDenied):
        services.ask_question(actor=member, commitment=accepted, text="Kiedy?")
    services.oversee(actor=organiser, panel=panel, commitments=[accepted])
    with pytest.raises(PermissionDenied):
        services.ask_question(actor=outsider, commitment=accepted, text="Kiedy?")
    question = services.ask_question(actor=member, commitment=accepted, text="Kiedy posadzicie?")
    assert question.due_on == timezone.localdate() + datetime.timedelta(days=14)
    from wiec.core.inbox import tasks_for

    official = make_role_user(Role.OFFICIAL)
    row = next(r for r in tasks_for(official) if r.task.key == f"question:{question.pk}")
    assert row.task.due == question.due_on
    services.answer_question(actor=official, question=question, answer="Jesienią.")
    assert f"question:{question.pk}" not in [r.task.key for r in tasks_for(official)]
    with pytest.raises(ValidationError):
        services.answer_question(actor=official, question=question, answer="Jeszcze raz.")
    services.publish_assessment(
        actor=member, commitment=accepted, verdict="late", note="Opóźnione."
    )
    html = client.get(f"/zobowiazania/{accepted.pk}/").content.decode()
    assert "Jesienią." in html and "opóźnione" in html.lower()
    html = client.get(f"/zobowiazania/panel/{panel.slug}/").content.decode()
    assert "Więcej drzew na ulicach" in html


def test_the_atom_feed_lists_updates_of_this_city_only(client, project, people):
    c = Commitment.objects.get()
    services.add_update(
        actor=people["official_podgorze"], commitment=c, status="in_progress", text="Ruszyły prace."
    )
    response = client.get("/zobowiazania/aktualnosci.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Ruszyły prace." in body and "<feed" in body


def test_another_municipality_does_not_see_the_commitments(client, project):
    from wiec.places.models import City
    from wiec.places.selectors import activated

    other = City.objects.create(name="Tarnów", slug="tarnow")
    c = Commitment.objects.get()
    with activated(other):
        from wiec.commitments.selectors import commitments

        assert not commitments().exists()
    with activated(c.city):
        from wiec.commitments.selectors import commitments

        assert list(commitments()) == [c]


def test_the_platform_calendar_and_map_know_the_commitments(project):
    from wiec.core.participation import each_tool

    contents = dict((t.key, c) for t, c in each_tool())["commitments"]
    assert [e.title for e in contents.calendar_entries()] == ["Park kieszonkowy"]
    assert [f.title for f in contents.map_features()] == ["Park kieszonkowy"]
    assert [d.title for d in contents.search_documents()] == ["Park kieszonkowy"]
