"""Notification kinds from the registry, delivery at once or in summaries (issue 15)."""

from __future__ import annotations

import datetime
import io
import re
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wiec.core.models import EmailDelivery, Notification
from wiec.core.participation import (
    NotificationKind,
    Tool,
    ToolContents,
    register_notification_kind,
    register_tool,
    unregister_notification_kind,
    unregister_tool,
)
from wiec.core.services import notify
from wiec.core.tasks import send_digest


class DummyContents(ToolContents):
    notification_kinds = (
        NotificationKind("dummy_reply", "Odpowiedź na mój wniosek", "Urząd odpowiada na wniosek."),
    )


@pytest.fixture
def dummy_tool():
    register_tool(Tool("dummy", "Wnioski lokalne", "core:home"), DummyContents())
    yield
    unregister_tool("dummy")


@pytest.mark.django_db
def test_profile_page_lists_every_registered_kind_grouped_by_tool(client, make_user, dummy_tool):
    register_notification_kind(NotificationKind("dummy_platform", "Komunikaty o awariach"))
    try:
        user = make_user()
        client.force_login(user)
        page = client.get(reverse("accounts:profile_edit")).content.decode()
    finally:
        unregister_notification_kind("dummy_platform")
    assert "Wnioski lokalne" in page  # the tool's label heads its group
    assert "Odpowiedź na mój wniosek" in page
    assert "Urząd odpowiada na wniosek." in page
    assert "Komunikaty o awariach" in page
    assert "Zaproszenia do współautorstwa projektu" in page  # budgets' own kind
    assert re.search(r'<input type="checkbox" name="email_kind_dummy_reply"[^>]* checked', page)
    assert not re.search(r'<input type="checkbox" name="email_kind_news"[^>]* checked', page)


@pytest.mark.django_db
def test_saving_the_profile_stores_kinds_and_delivery(client, make_user, dummy_tool):
    user = make_user()
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile_edit"),
        {
            "display_name": "Ola",
            "language": "pl",
            "email_delivery": "weekly",
            "email_kind_status": "on",
            "email_kind_news": "on",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email_delivery == EmailDelivery.WEEKLY
    assert user.wants_kind("news") and user.wants_kind("status")
    assert not user.wants_kind("followed") and not user.wants_kind("dummy_reply")


@pytest.mark.django_db
def test_kinds_follow_their_default_until_chosen(make_user):
    user = make_user()
    assert user.wants_email("status") and not user.wants_email("news")
    assert user.wants_email("something-unregistered")


@pytest.mark.django_db
def test_immediate_delivery_sends_at_once_with_unsubscribe_headers(
    make_user, django_capture_on_commit_callbacks
):
    user = make_user(email_delivery=EmailDelivery.IMMEDIATELY)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=user, kind="status", subject="Projekt zweryfikowany", url="/bo/1/")
    [message] = mail.outbox
    assert message.subject == "Projekt zweryfikowany"
    link = message.extra_headers["List-Unsubscribe"]
    assert link.startswith("<http") and "/konto/wypisz/" in link
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link.strip("<>") in message.body  # the same link in the footer


@pytest.mark.django_db
@pytest.mark.parametrize("delivery", [EmailDelivery.DAILY, EmailDelivery.WEEKLY, "never"])
def test_summary_and_no_email_people_get_nothing_at_once(
    make_user, django_capture_on_commit_callbacks, delivery
):
    user = make_user(email_delivery=delivery)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=user, kind="status", subject="Projekt zweryfikowany")
    assert mail.outbox == []
    assert user.notifications.count() == 1  # still in the app


@pytest.mark.django_db
def test_digest_lists_only_unsent_wanted_unread_and_marks_them(make_user):
    user = make_user(email_delivery=EmailDelivery.DAILY, email_kinds={"followed": False})
    old = notify(recipient=user, kind="status", subject="Już wysłane")
    Notification.objects.filter(pk=old.pk).update(emailed_at=timezone.now())
    read = notify(recipient=user, kind="status", subject="Już przeczytane")
    Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())
    notify(recipient=user, kind="followed", subject="Niechciany rodzaj")
    first = notify(recipient=user, kind="status", subject="Projekt zweryfikowany", url="/bo/1/")
    second = notify(recipient=user, kind="general", subject="Nowa wiadomość", body="Treść")

    call_command("send_digests", stdout=io.StringIO())

    [message] = mail.outbox
    assert message.to == [user.email]
    assert "2 nowe powiadomienia" in message.subject
    assert "Projekt zweryfikowany" in message.body and "/bo/1/" in message.body
    assert "Nowa wiadomość" in message.body and "Treść" in message.body
    for absent in ("Już wysłane", "Już przeczytane", "Niechciany rodzaj"):
        assert absent not in message.body
    assert "/konto/wypisz/" in message.extra_headers["List-Unsubscribe"]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.emailed_at is not None and second.emailed_at is not None
    user.refresh_from_db()
    assert user.last_digest_at is not None

    call_command("send_digests", stdout=io.StringIO())  # again the same day
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_next_digest_sends_only_what_is_new(make_user):
    user = make_user(email_delivery=EmailDelivery.DAILY)
    notify(recipient=user, kind="status", subject="Pierwsza")
    assert send_digest(user.pk) == 1
    notify(recipient=user, kind="status", subject="Druga")
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert send_digest(user.pk, now=tomorrow) == 1
    assert "Druga" in mail.outbox[1].body and "Pierwsza" not in mail.outbox[1].body


@pytest.mark.django_db
def test_weekly_digest_waits_a_week(make_user):
    user = make_user(email_delivery=EmailDelivery.WEEKLY)
    notify(recipient=user, kind="status", subject="Pierwsza")
    assert send_digest(user.pk) == 1
    notify(recipient=user, kind="status", subject="Druga")
    assert send_digest(user.pk, now=timezone.now() + datetime.timedelta(days=3)) == 0
    assert send_digest(user.pk, now=timezone.now() + datetime.timedelta(days=7)) == 1
    assert "Twoje cotygodniowe podsumowanie" in mail.outbox[1].subject


@pytest.mark.django_db
def test_digest_in_the_recipients_language(make_user):
    user = make_user(email_delivery=EmailDelivery.DAILY, language="en")
    notify(recipient=user, kind="status", subject="Proposal verified")
    send_digest(user.pk)
    [message] = mail.outbox
    assert message.subject.startswith("Your daily summary: 1 new notification")
    assert "To stop these e-mails" in message.body


@pytest.mark.django_db
def test_a_failed_send_marks_nothing(make_user, monkeypatch):
    user = make_user(email_delivery=EmailDelivery.DAILY)
    notification = notify(recipient=user, kind="status", subject="Pierwsza")

    def fail(*args, **kwargs):
        raise OSError("smtp down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", fail)
    call_command("send_digests", stdout=io.StringIO())  # logged, not raised
    notification.refresh_from_db()
    user.refresh_from_db()
    assert notification.emailed_at is None and user.last_digest_at is None


@pytest.mark.django_db
def test_send_digests_queues_in_batches(make_user, monkeypatch):
    people = [make_user(email_delivery=EmailDelivery.DAILY) for _ in range(5)]
    make_user(email_delivery=EmailDelivery.IMMEDIATELY)
    queued = []
    monkeypatch.setattr(
        "wiec.core.management.commands.send_digests.send_digests_batch",
        SimpleNamespace(enqueue=queued.append),
    )
    call_command("send_digests", "--batch-size", "2", stdout=io.StringIO())
    assert queued == [[p.pk for p in people[:2]], [p.pk for p in people[2:4]], [people[4].pk]]


@pytest.mark.django_db
def test_a_deleted_account_gets_no_summary(make_user):
    from wiec.accounts.services import delete_account
    from wiec.core.tasks import due_for_digest

    user = make_user(email_delivery=EmailDelivery.DAILY)
    delete_account(actor=user)
    assert user.pk not in list(due_for_digest(timezone.now()))
    assert send_digest(user.pk) == 0
    assert mail.outbox == []
