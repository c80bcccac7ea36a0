"""Seats, replacements, sessions, recommendation votes, results and follow-up."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from wiec.core.models import Notification
from wiec.panels import services
from wiec.panels.models import (
    Denominator,
    Panelist,
    PanelistKind,
    PanelistStatus,
    Recommendation,
    RecommendationVote,
    SupportLevel,
)


def seat_users(panel, make_user):
    """Give every seated member an account, as if they had applied through the form."""
    members = list(Panelist.objects.filter(panel=panel, kind=PanelistKind.MEMBER))
    for m in members:
        m.user = make_user()
        m.save(update_fields=["user"])
    return members


def open_voting(panel, *, hours_left: int = 2):
    now = timezone.now()
    panel.voting_opens_at = now - datetime.timedelta(hours=1)
    panel.voting_closes_at = now + datetime.timedelta(hours=hours_left)
    panel.save(update_fields=["voting_opens_at", "voting_closes_at"])


def close_voting(panel):
    now = timezone.now()
    panel.voting_opens_at = now - datetime.timedelta(days=2)
    panel.voting_closes_at = now - datetime.timedelta(minutes=1)
    panel.save(update_fields=["voting_opens_at", "voting_closes_at"])


def test_drawn_panelists_with_accounts_are_notified_and_confirm(make_panel, organiser, make_user):
    from tests.panels.conftest import census_quotas, generate_pool
    from wiec.panels.models import Respondent

    panel = make_panel("deliberation")
    generate_pool(panel, 20)
    users = [make_user() for _ in range(20)]
    for r, u in zip(Respondent.objects.filter(panel=panel).order_by("pk"), users, strict=True):
        r.user = u
        r.save(update_fields=["user"])
    census_quotas(panel)
    services.announce_seed(actor=organiser, panel=panel, seed="42")
    services.start_draw(actor=organiser, panel=panel)
    member = Panelist.objects.filter(panel=panel, kind=PanelistKind.MEMBER).first()
    assert Notification.objects.filter(recipient=member.user).count() == 1
    services.confirm_seat(actor=member.user, panelist=member)
    member.refresh_from_db()
    assert member.status == PanelistStatus.CONFIRMED


def test_a_dropout_is_replaced_from_the_reserves_in_order(drawn_panel, organiser):
    members = list(Panelist.objects.filter(panel=drawn_panel, kind=PanelistKind.MEMBER))
    reserves = list(
        Panelist.objects.filter(panel=drawn_panel, kind=PanelistKind.RESERVE).order_by(
            "reserve_position"
        )
    )
    for n in range(3):
        called = services.withdraw_panelist(actor=organiser, panelist=members[n])
        assert called.pk == reserves[n].pk
        called.refresh_from_db()
        assert called.kind == PanelistKind.MEMBER and called.status == PanelistStatus.INVITED
        assert called.replaces_id == members[n].pk
    assert services.withdraw_panelist(actor=organiser, panelist=members[3]) is None
    assert (
        Panelist.objects.filter(
            panel=drawn_panel,
            kind=PanelistKind.MEMBER,
            status__in=[PanelistStatus.INVITED, PanelistStatus.CONFIRMED],
        ).count()
        == 7
    )


def test_sessions_materials_and_attendance(client, drawn_panel, organiser):
    members = list(Panelist.objects.filter(panel=drawn_panel, kind=PanelistKind.MEMBER))
    with pytest.raises(ValidationError):
        services.schedule_session(
            actor=organiser, panel=drawn_panel, title="X", starts_at=timezone.now()
        )
    session = services.schedule_session(
        actor=organiser,
        panel=drawn_panel,
        title="Spotkanie 1",
        starts_at=timezone.now(),
        place="Sala obrad",
    )
    services.add_material(
        actor=organiser,
        session=session,
        title="Wykład",
        kind="video",
        url="https://example.org/v",
    )
    services.record_attendance(actor=organiser, session=session, present=members[:5])
    page = client.get(reverse("panels:session", args=[drawn_panel.slug, session.pk]))
    text = page.content.decode()
    assert "Wykład" in text and "nagranie wideo" in text
    assert all(m.anonymous_id in text for m in members[:5])


def test_a_session_in_year_one_is_refused_not_an_error_page(client, drawn_panel, organiser):
    """0001-01-01 00:30 in Warsaw is before year 1 in UTC: storing it was an error page."""
    from wiec.panels.models import Session

    client.force_login(organiser)
    response = client.post(
        reverse("panels:session_create", args=[drawn_panel.slug]),
        {"title": "Spotkanie 1", "starts_at": "0001-01-01T00:30", "place": "Sala obrad"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Podaj tytuł, datę i miejsce albo link." in response.content.decode()
    assert not Session.objects.filter(panel=drawn_panel).exists()


@pytest.fixture
def voting_panel(drawn_panel, make_user):
    members = seat_users(drawn_panel, make_user)
    drawn_panel.refresh_from_db()
    drafter = members[0].user
    rec = services.draft_recommendation(
        actor=drafter, panel=drawn_panel, title="Więcej drzew", text="Posadzić 10 000 drzew."
    )
    return drawn_panel, members, rec


def test_votes_count_only_inside_the_window(voting_panel):
    panel, members, rec = voting_panel
    # Before the window: refused, nothing saved.
    with pytest.raises(ValidationError) as info:
        services.cast_vote(actor=members[0].user, recommendation=rec, choice="yes")
    assert info.value.code == "window_closed"
    open_voting(panel)
    services.cast_vote(actor=members[0].user, recommendation=rec, choice="no")
    services.cast_vote(actor=members[0].user, recommendation=rec, choice="yes")  # changed mind
    assert RecommendationVote.objects.get(recommendation=rec).choice == "yes"
    close_voting(panel)
    with pytest.raises(ValidationError):
        services.cast_vote(actor=members[1].user, recommendation=rec, choice="yes")
    assert RecommendationVote.objects.filter(recommendation=rec).count() == 1


def test_vote_outside_the_window_through_the_page_is_refused(client, voting_panel):
    panel, members, rec = voting_panel
    close_voting(panel)
    client.force_login(members[2].user)
    response = client.post(
        reverse("panels:vote", args=[panel.slug, rec.pk]),
        {f"r{rec.pk}-choice": "yes"},
        follow=True,
    )
    assert "Głosowanie jest zamknięte" in response.content.decode()
    assert not RecommendationVote.objects.exists()


def test_only_seated_panelists_vote(voting_panel, make_user):
    panel, members, rec = voting_panel
    open_voting(panel)
    with pytest.raises(PermissionDenied):
        services.cast_vote(actor=make_user(), recommendation=rec, choice="yes")
    services.withdraw_panelist(actor=None, panelist=members[1])
    with pytest.raises(PermissionDenied):
        services.cast_vote(actor=members[1].user, recommendation=rec, choice="yes")


@pytest.mark.parametrize(
    ("denominator", "yes", "no", "expected"),
    [
        (Denominator.ALL_PANELISTS, 7, 1, SupportLevel.BINDING),  # 7/8 = 87.5%
        (Denominator.ALL_PANELISTS, 6, 0, SupportLevel.ADVISORY),  # 6/8 = 75%
        (Denominator.VOTING, 5, 1, SupportLevel.BINDING),  # 5/6 = 83%
        (Denominator.ALL_PANELISTS, 3, 0, SupportLevel.REJECTED),  # 3/8
        (Denominator.VOTING, 3, 3, SupportLevel.ADVISORY),  # 3/6 = 50%
    ],
)
def test_support_against_thresholds_and_denominator(voting_panel, denominator, yes, no, expected):
    panel, members, rec = voting_panel
    panel.denominator = denominator
    panel.save(update_fields=["denominator"])
    open_voting(panel)
    for m in members[:yes]:
        services.cast_vote(actor=m.user, recommendation=rec, choice="yes")
    for m in members[yes : yes + no]:
        services.cast_vote(actor=m.user, recommendation=rec, choice="no")
    with pytest.raises(ValidationError):
        services.publish_results(actor=None, panel=panel)  # window still open
    close_voting(panel)
    services.publish_results(actor=None, panel=panel)
    rec.refresh_from_db()
    assert rec.support_level == expected and rec.votes_yes == yes


def test_published_results_response_and_dated_updates(client, voting_panel, organiser):
    panel, members, rec = voting_panel
    open_voting(panel)
    for m in members:
        services.cast_vote(actor=m.user, recommendation=rec, choice="yes")
    close_voting(panel)
    with pytest.raises(ValidationError):
        services.respond_to_recommendation(
            actor=organiser, recommendation=rec, response="Tak.", status="planned"
        )
    services.publish_results(actor=organiser, panel=panel)
    services.respond_to_recommendation(
        actor=organiser, recommendation=rec, response="Przyjmujemy.", status="planned"
    )
    services.add_implementation_update(
        actor=organiser,
        recommendation=rec,
        date=datetime.date(2026, 5, 1),
        status="in_progress",
        note="Posadzono 2 000 drzew.",
    )
    rec = Recommendation.objects.get(pk=rec.pk)
    assert rec.implementation_status == "in_progress"
    page = client.get(reverse("panels:recommendation", args=[panel.slug, rec.pk])).content
    text = page.decode()
    assert "Przyjmujemy." in text and "Posadzono 2 000 drzew." in text and "1 maja 2026" in text
    detail = client.get(panel.get_absolute_url()).content.decode()
    assert "wiążąca" in detail and "poparcie 100,0% (8 z 8)" in detail


def test_attendance_with_an_id_in_other_digits_is_a_bad_request(client, drawn_panel, organiser):
    session = services.schedule_session(
        actor=organiser,
        panel=drawn_panel,
        title="Spotkanie 1",
        starts_at=timezone.now(),
        place="Sala obrad",
    )
    member = Panelist.objects.filter(panel=drawn_panel).first()
    client.force_login(organiser)
    url = reverse("panels:session_update", args=[drawn_panel.slug, session.pk])
    for value in ["²", "٣", "9" * 5000]:
        response = client.post(url, {"attendance": "1", "present": [str(member.pk), value]})
        assert response.status_code == 400
    assert not session.attendance.exists()
