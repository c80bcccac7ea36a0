"""Every panels permission, per role and phase state (the rows of docs/permissions.md)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from wiec.core.roles import Role
from wiec.panels.models import Panelist, PanelistKind, PanelistStatus

ROLES = [
    "anonymous",
    "resident",
    "panelist",
    "reserve",
    "official",
    "district_official",
    "coordinator",
    "moderator",
    "administrator",
]


@pytest.fixture
def people(drawn_panel, make_user, make_resident, make_role_user):
    member = Panelist.objects.filter(panel=drawn_panel, kind=PanelistKind.MEMBER).first()
    member.user = make_user()
    member.save(update_fields=["user"])
    reserve = Panelist.objects.filter(panel=drawn_panel, kind=PanelistKind.RESERVE).first()
    reserve.user = make_user()
    reserve.save(update_fields=["user"])
    return {
        "anonymous": AnonymousUser(),
        "resident": make_resident(),
        "panelist": member.user,
        "reserve": reserve.user,
        "official": make_role_user(Role.OFFICIAL),
        "district_official": make_role_user(Role.OFFICIAL, scope=("podgorze",)),
        "coordinator": make_role_user(Role.COORDINATOR),
        "moderator": make_role_user(Role.MODERATOR),
        "administrator": make_role_user(Role.ADMINISTRATOR),
    }


def allowed(people, perm, obj):
    return {role for role in ROLES if people[role].has_perm(perm, obj)}


ORGANISERS = {"official", "coordinator"}


def test_public_reads(people, drawn_panel):
    assert allowed(people, "panels.view_panel", drawn_panel) == set(ROLES)


def test_organisers_manage_and_respond(people, drawn_panel):
    assert allowed(people, "panels.manage_panel", drawn_panel) == ORGANISERS
    assert allowed(people, "panels.respond", drawn_panel) == ORGANISERS
    assert allowed(people, "panels.view_applicants", drawn_panel) == ORGANISERS | {"administrator"}


@pytest.mark.parametrize(
    ("phase", "expected"),
    [
        ("announced", set()),
        ("recruitment", set(ROLES) - {"anonymous"}),
        ("selection", set()),
        ("deliberation", set()),
    ],
)
def test_apply_only_during_recruitment(people, drawn_panel, phase, expected):
    from tests.panels.conftest import panel_dates

    for field, value in panel_dates(phase).items():
        setattr(drawn_panel, field, value)
    assert allowed(people, "panels.apply", drawn_panel) == expected


@pytest.mark.parametrize(
    ("window", "expected"),
    [("before", set()), ("open", {"panelist"}), ("after", set())],
)
def test_vote_only_seated_panelists_inside_the_window(people, drawn_panel, window, expected):
    now = timezone.now()
    hour = datetime.timedelta(hours=1)
    start = {"before": now + hour, "open": now - hour, "after": now - 3 * hour}[window]
    drawn_panel.voting_opens_at = start
    drawn_panel.voting_closes_at = start + 2 * hour
    assert allowed(people, "panels.vote", drawn_panel) == expected


def test_vote_only_on_ones_own_panel(people, drawn_panel, make_panel):
    other = make_panel("deliberation")
    now = timezone.now()
    other.voting_opens_at = now - datetime.timedelta(hours=1)
    other.voting_closes_at = now + datetime.timedelta(hours=1)
    assert allowed(people, "panels.vote", other) == set()


def test_a_panelist_who_dropped_out_no_longer_votes(people, drawn_panel):
    now = timezone.now()
    drawn_panel.voting_opens_at = now - datetime.timedelta(hours=1)
    drawn_panel.voting_closes_at = now + datetime.timedelta(hours=1)
    Panelist.objects.filter(user=people["panelist"]).update(status=PanelistStatus.DROPPED_OUT)
    assert allowed(people, "panels.vote", drawn_panel) == set()


@pytest.mark.parametrize(
    ("phase", "expected"),
    [
        ("selection", set()),
        ("deliberation", {"panelist"}),
        ("recommendations", {"panelist"}),
        ("monitoring", set()),
    ],
)
def test_draft_recommendations_in_deliberation(people, drawn_panel, phase, expected):
    from tests.panels.conftest import panel_dates

    for field, value in panel_dates(phase).items():
        setattr(drawn_panel, field, value)
    assert allowed(people, "panels.draft_recommendation", drawn_panel) == expected


def test_confirm_seat_only_ones_own(people, drawn_panel):
    seat = Panelist.objects.get(user=people["panelist"])
    assert allowed(people, "panels.confirm_seat", seat) == {"panelist"}


def test_manage_pages_are_forbidden_to_residents(client, people, drawn_panel):
    from django.urls import reverse

    client.force_login(people["resident"])
    for name in ("manage", "quotas"):
        assert client.get(reverse(f"panels:{name}", args=[drawn_panel.slug])).status_code == 403
    assert client.post(reverse("panels:seed", args=[drawn_panel.slug])).status_code == 403
    client.force_login(people["coordinator"])
    assert client.get(reverse("panels:manage", args=[drawn_panel.slug])).status_code == 200


def test_applying_by_letter_needs_no_account(people, drawn_panel):
    from tests.panels.conftest import panel_dates

    drawn_panel.uses_invitations = True
    for phase, expected in (("recruitment", set(ROLES)), ("selection", set())):
        for field, value in panel_dates(phase).items():
            setattr(drawn_panel, field, value)
        assert allowed(people, "panels.apply", drawn_panel) == expected


def test_claim_a_seat_once_the_panel_is_drawn(people, drawn_panel, make_panel):
    assert allowed(people, "panels.claim_seat", drawn_panel) == set(ROLES) - {"anonymous"}
    assert allowed(people, "panels.claim_seat", make_panel("selection")) == set()


def test_the_desk_names_applicants_only_to_those_who_may_see_them(client, people, drawn_panel):
    from django.urls import reverse

    # A person the stored draw put on the panel: which of several equally fair panels
    # the solver returns is its own business, so the test reads it, never guesses it.
    name = drawn_panel.panelists.filter(kind="member").first().respondent.full_name
    desk = reverse("panels:manage", args=[drawn_panel.slug])
    pool = reverse("panels:applicants", args=[drawn_panel.slug])
    for role in ROLES[1:]:
        client.force_login(people[role])
        can_see = role in ORGANISERS | {"administrator"}
        for url in (desk, pool):
            response = client.get(url)
            assert response.status_code == (200 if can_see else 403), (role, url)
            if can_see:
                assert name in response.content.decode()
    client.force_login(people["administrator"])
    page = client.get(desk).content.decode()
    assert "Możesz przeglądać to biurko" in page and "Pobierz listy z kodami" not in page
    assert client.post(reverse("panels:claim_codes", args=[drawn_panel.slug])).status_code == 403
