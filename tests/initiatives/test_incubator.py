"""The incubator: drafts, their versions, advisers' comments and meetings, the office's
inbox, filing a draft."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.initiatives.conftest import ITEMS, TOTAL, draft
from wiec.core.inbox import tasks_for
from wiec.core.models import Notification
from wiec.initiatives.models import Advice, ApplicationStatus, Contact, ContactRole
from wiec.initiatives.services import incubator as services

pytestmark = pytest.mark.django_db

UNBALANCED = ITEMS[:-1]  # the city's line is missing: the draft does not add up yet


@pytest.fixture
def ambassador(city, make_user):
    user = make_user(email="ambasadorka@example.org")
    Contact.objects.create(
        city=city, role=ContactRole.AMBASSADOR, name="Anna Nowak", email=user.email, user=user
    )
    return user


@pytest.fixture
def saved(pool, make_resident):
    group = make_resident(email="grupa@example.org")
    return group, services.save_draft(actor=group, pool=pool, draft=draft(), items=UNBALANCED)


def test_a_draft_need_not_add_up_and_each_save_is_a_version(pool, saved):
    group, application = saved
    assert application.status == ApplicationStatus.DRAFT
    changed = draft(title="Ogród przy szkole nr 2")
    services.save_draft(
        actor=group, pool=pool, draft=changed, items=UNBALANCED, application=application
    )
    versions = list(application.draft_versions.values_list("number", "content__fields__title"))
    assert versions == [(1, "Ogród przy szkole"), (2, "Ogród przy szkole nr 2")]
    assert application.ledger.items.count() == len(UNBALANCED)


def test_asking_for_help_puts_the_draft_in_the_inbox_until_advised(
    saved, ambassador, official, make_resident
):
    group, application = saved
    services.ask_for_help(actor=group, application=application)
    asked = Notification.objects.get(recipient=ambassador, kind="initiative_advice")
    assert asked.body == "Sąsiedzi: Ogród przy szkole"
    rows = [r for r in tasks_for(official) if r.task.key == f"advise:{application.pk}"]
    assert len(rows) == 1
    assert rows[0].task.due == timezone.localdate() + datetime.timedelta(days=14)
    assert [r.task.key for r in tasks_for(ambassador)] == [f"advise:{application.pk}"]
    assert not tasks_for(make_resident(email="obcy@example.org"))

    services.give_advice(
        actor=ambassador, application=application, kind="comment", text="Dopiszcie koszty miasta."
    )
    assert not [r for r in tasks_for(official) if r.task.key.startswith("advise:")]
    note = Notification.objects.get(recipient=group, kind="initiative_advice")
    assert "Anna Nowak" in note.body and "Dopiszcie koszty miasta." in note.body


def test_a_meeting_needs_its_date_and_place_and_only_advisers_advise(
    saved, ambassador, make_resident
):
    _group, application = saved
    with pytest.raises(ValidationError) as error:
        services.give_advice(actor=ambassador, application=application, kind="meeting", text="Ok")
    assert set(error.value.error_dict) == {"met_on", "meeting_place"}
    with pytest.raises(PermissionDenied):
        services.give_advice(
            actor=make_resident(email="obcy@example.org"),
            application=application,
            kind="comment",
            text="Hej",
        )
    assert not Advice.objects.exists()


def test_the_history_shows_versions_and_advice_in_order(pool, saved, ambassador):
    group, application = saved
    services.give_advice(
        actor=ambassador,
        application=application,
        kind="meeting",
        text="Umówiliśmy podział prac.",
        met_on=timezone.localdate(),
        meeting_place="Świetlica",
    )
    services.save_draft(actor=group, pool=pool, draft=draft(), items=ITEMS, application=application)
    services.give_advice(actor=ambassador, application=application, kind="comment", text="Gotowe.")
    lines = [
        f"v{e.version.number}" if e.version else f"{e.advice.kind}@v{e.advice.on_version}"
        for e in services.history(application)
    ]
    assert lines == ["v1", "meeting@v1", "v2", "comment@v2"]


def test_filing_a_draft_runs_the_application_checks(pool, saved, ambassador):
    group, application = saved
    with pytest.raises(ValidationError) as error:
        services.file_draft(actor=group, application=application)
    assert error.value.code == "does_not_add_up"
    services.save_draft(
        actor=group, pool=pool, draft=draft(total=TOTAL), items=ITEMS, application=application
    )
    filed = services.file_draft(actor=group, application=application)
    assert filed.status == ApplicationStatus.SUBMITTED
    with pytest.raises(PermissionDenied):
        services.give_advice(actor=ambassador, application=filed, kind="comment", text="Za późno")


def test_the_draft_page_is_for_the_group_and_its_advisers(client, saved, ambassador, make_resident):
    group, application = saved
    url = reverse("initiatives:draft", args=[application.pk])
    client.force_login(make_resident(email="obcy@example.org"))
    assert client.get(url).status_code in (403, 404)
    client.force_login(ambassador)
    response = client.post(
        reverse("initiatives:advise", args=[application.pk]),
        {"kind": "meeting", "text": "Spotkanie", "met_on": "", "meeting_place": ""},
    )
    assert response.status_code == 400
    assert "Podaj datę spotkania." in response.content.decode()
    client.force_login(group)
    page = client.get(reverse("initiatives:application", args=[application.pk]), follow=True)
    assert "Historia szkicu" in page.content.decode()


def test_who_may_do_what_with_a_draft(saved, ambassador, official, make_resident, make_user):
    group, application = saved
    stranger, nobody = make_resident(email="obcy@example.org"), make_user(email="x@example.org")
    table = {
        "initiatives.edit_draft": {group},
        "initiatives.advise": {ambassador, official},
        "initiatives.view_application": {group, ambassador, official},
    }
    for perm, allowed in table.items():
        for user in (group, ambassador, official, stranger, nobody):
            assert user.has_perm(perm, application) == (user in allowed), (perm, user)
    assert ambassador.has_perm("initiatives.view_drafts")
    assert not stranger.has_perm("initiatives.view_drafts")
    application.status = ApplicationStatus.SUBMITTED
    assert not group.has_perm("initiatives.edit_draft", application)
    assert not ambassador.has_perm("initiatives.advise", application)
