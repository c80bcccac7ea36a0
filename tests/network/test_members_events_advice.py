"""Members (a directory only of those who consent), events (capacity, cancelling,
iCalendar) and advice requests (a thread with a deadline, in the office's inbox)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from wiec.network import services
from wiec.network.models import AdviceStatus, Event


def test_the_directory_shows_only_members_who_consent(client, member, city):
    assert "Ala Aktywna" not in client.get(reverse("network:members")).content.decode()
    services.join_network(actor=member, data={"city": city}, listed=True)
    assert "Ala Aktywna" in client.get(reverse("network:members")).content.decode()
    client.force_login(member)
    client.post(reverse("network:withdraw"))
    client.logout()
    assert "Ala Aktywna" not in client.get(reverse("network:members")).content.decode()


@pytest.fixture
def event(db):
    start = timezone.now() + datetime.timedelta(days=10)
    return Event.objects.create(
        title="Forum sieci", kind="forum", description="Spotkanie.", place="Kraków",
        starts_at=start, ends_at=start + datetime.timedelta(hours=4), capacity=1,
    )  # fmt: skip


def test_registration_stops_at_capacity_and_a_place_can_be_given_back(event, make_user):
    first, second = make_user(), make_user()
    services.register_for_event(actor=first, event=event)
    services.register_for_event(actor=first, event=event)  # twice is once
    with pytest.raises(ValidationError):
        services.register_for_event(actor=second, event=event)
    assert services.cancel_registration(actor=first, event=event)
    services.register_for_event(actor=second, event=event)


def test_the_events_feed_is_icalendar(client, event):
    response = client.get(reverse("network:events_ics"))
    assert response["Content-Type"].startswith("text/calendar")
    assert b"SUMMARY:Forum sieci" in response.content


def test_an_anonymous_visitor_is_sent_to_log_in_to_register(client, event):
    response = client.post(reverse("network:event_register", args=[event.pk]))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_advice_thread_with_deadline_and_inbox(client, official, editor, city, make_user):
    advice = services.ask_advice(
        actor=official, city=city, subject="Jak ocenić konsultacje?", stage="evaluating",
        text="Prosimy o ankietę ewaluacyjną.",
    )  # fmt: skip
    assert advice.due_on > timezone.localdate()
    client.force_login(editor)
    inbox = client.get(reverse("core:inbox")).content.decode()
    assert "Jak ocenić konsultacje?" in inbox
    client.post(reverse("network:advice", args=[advice.pk]), {"text": "Przesyłamy wzór."})
    advice.refresh_from_db()
    assert advice.status == AdviceStatus.ANSWERED
    assert advice.messages.filter(from_foundation=True).exists()
    assert "Jak ocenić konsultacje?" not in client.get(reverse("core:inbox")).content.decode()
    client.force_login(official)
    page = client.get(reverse("network:advice", args=[advice.pk])).content.decode()
    assert "Przesyłamy wzór." in page
    client.force_login(make_user())
    assert client.get(reverse("network:advice", args=[advice.pk])).status_code == 403


def test_only_a_municipalitys_team_asks_for_advice(make_user, city):
    with pytest.raises(PermissionDenied):
        services.ask_advice(actor=make_user(), city=city, subject="?", stage="other", text="?")
