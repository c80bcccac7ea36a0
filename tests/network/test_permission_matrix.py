"""Every page of the network, for every role and every state of its object, answers as
``tests/network/permission_table.py`` says, and docs/permissions.md shows that table.

Municipality A is the request's (Kraków, the demo city); B is Wieliczka. Each state's
objects are made once per row; each role's request runs in a savepoint rolled back after
it, so a POST by one role does not change what the next one sees.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from django.urls import URLPattern, reverse
from django.utils import timezone

from tests.network import permission_table
from tests.network.permission_table import ROLES, TABLE
from wiec.core.roles import Role
from wiec.network import urls as network_urls
from wiec.network.models import (
    AdviceRequest,
    AdviceStatus,
    Area,
    Event,
    EventRegistration,
    IssueStatus,
    Member,
    NetworkRole,
    NetworkRoleKind,
    NewsletterIssue,
    Practice,
    SelfAssessment,
    Theme,
)


class _Rollback(Exception):
    pass


@pytest.fixture
def people(make_user, make_role_user, city, wieliczka):
    from wiec.accounts import services as accounts

    member = make_user("czlonkini@example.org")
    Member.objects.create(user=member, city=city, name="Ala", kind="leader")
    official_b = make_user("urzedniczka.b@example.org")
    accounts.assign_role(actor=None, user=official_b, role=Role.OFFICIAL, city=wieliczka)
    editor, administrator = make_user("redakcja@example.org"), make_user("admin@example.org")
    NetworkRole.objects.create(user=editor, role=NetworkRoleKind.EDITOR)
    NetworkRole.objects.create(user=administrator, role=NetworkRoleKind.ADMINISTRATOR)
    return {
        "anonymous": None,
        "resident": make_user("mieszkanka@example.org"),
        "member": member,
        "official_a": make_role_user(Role.OFFICIAL),
        "official_b": official_b,
        "editor": editor,
        "administrator": administrator,
    }


def _practice(state, people, city):
    now = timezone.now()
    return Practice.objects.create(
        city=city, author=people["member"], title="Spacer", problem="p", method="m",
        participants="u", outcome="o", lessons="l", contact="c", status=state,
        review_comment="Popraw." if state == "returned" else "",
        published_at=now if state == "published" else None,
    )  # fmt: skip


def _event(state, people, make_user):
    start = timezone.now() + datetime.timedelta(days=10)
    event = Event.objects.create(
        title="Forum", kind="forum", description="d", place="Kraków", starts_at=start,
        ends_at=start + datetime.timedelta(hours=2), capacity=1,
        cancelled_at=timezone.now() if state == "cancelled" else None,
        cancel_reason="Powód." if state == "cancelled" else "",
    )  # fmt: skip
    if state == "full":
        EventRegistration.objects.create(event=event, user=make_user())
    return event


def _args(name, state, people, city, make_user):
    """The URL's arguments, making the row's object in its state."""
    if name in ("practice", "practice_edit", "practice_submit", "practice_review"):
        return [_practice(state, people, city).pk]
    if name.startswith("event") and name not in ("events", "events_ics", "event_create"):
        return [_event(state, people, make_user).pk]
    if name in ("advice", "advice_close"):
        advice = AdviceRequest.objects.create(
            city=city, author=people["official_a"], subject="s", stage="planning",
            due_on=timezone.localdate(), status=AdviceStatus(state),
        )  # fmt: skip
        return [advice.pk]
    if name in ("issue", "issue_progress", "compose_edit"):
        issue = NewsletterIssue.objects.create(number=7, title="Numer", status=IssueStatus(state))
        return [issue.number]
    if name in ("profile", "advice_create", "assessment_answer"):
        return [city.slug]
    if name == "assessment":
        SelfAssessment.objects.create(city=city, year=2025, team="Zespół")
        return [city.slug, 2025]
    if name in ("newsletter_confirm", "newsletter_unsubscribe"):
        return ["zly-link"]
    if name == "area_edit":
        return [Area.objects.first().pk]
    if name == "theme_edit":
        return [Theme.objects.current().first().pk]
    return []


POST_DATA = {"practice_review": {"decision": "publish"}, "ranking_publish": {"rok": "2025"}}


def _answer(response) -> str:
    if response.status_code == 302:
        return "login" if "/konto/login/" in response["Location"] else "done"
    return str(response.status_code)


def test_every_network_page_is_in_the_table():
    names = {p.name for p in network_urls.urlpatterns if isinstance(p, URLPattern)}
    assert names == {row[0] for row in TABLE}


def test_the_documentation_shows_the_table():
    assert permission_table.documented() == permission_table.render(), (
        "run: .venv/bin/python -m tests.network.permission_table"
    )


@pytest.mark.parametrize(
    ("name", "state", "method", "expected"),
    TABLE,
    ids=[f"{name}-{state or 'any'}-{method}" for name, state, method, _e in TABLE],
)
def test_each_role_gets_what_the_table_says(
    client, people, city, make_user, name, state, method, expected
):
    url = reverse(f"network:{name}", args=_args(name, state, people, city, make_user))
    got = {}
    for role in ROLES:
        try:
            with transaction.atomic():
                client.logout()
                if people[role] is not None:
                    client.force_login(people[role])
                if method == "POST":
                    response = client.post(url, POST_DATA.get(name, {}))
                else:
                    response = client.get(url)
                got[role] = _answer(response)
                raise _Rollback
        except _Rollback:
            pass
    assert got == dict(zip(ROLES, expected, strict=True))
