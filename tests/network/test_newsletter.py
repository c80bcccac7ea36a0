"""The newsletter: double opt-in, one-click unsubscribe, an issue sent in batches to the
confirmed subscribers only, with progress and an archive."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from wiec.network import services, tasks
from wiec.network.models import IssueStatus, NewsItem, Subscriber


def _link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def _subscribe(client, email, callbacks):
    with callbacks(execute=True):
        return client.post(reverse("network:newsletter"), {"email": email})


def test_subscribing_needs_the_confirmation_link(client, db, django_capture_on_commit_callbacks):
    response = _subscribe(client, " Ola@Example.org ", django_capture_on_commit_callbacks)
    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ola@example.org" and not subscriber.active
    assert len(mail.outbox) == 1
    link = _link(mail.outbox[0])
    path = link.split("testserver", 1)[1]
    assert client.get(path).status_code == 200  # a mail scanner opening it confirms nothing
    subscriber.refresh_from_db()
    assert not subscriber.active
    client.post(path)
    subscriber.refresh_from_db()
    assert subscriber.active


def test_a_tampered_link_confirms_nothing(client, db, django_capture_on_commit_callbacks):
    _subscribe(client, "ola@example.org", django_capture_on_commit_callbacks)
    path = _link(mail.outbox[0]).split("testserver", 1)[1]
    response = client.post(path.replace(":", "x", 1))
    assert response.status_code == 400
    assert not Subscriber.objects.get().active


def test_a_bad_address_is_a_message_not_an_error(client, db):
    response = client.post(reverse("network:newsletter"), {"email": "nie-adres"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Subscriber.objects.exists()


def test_an_active_address_gets_no_second_link(client, db, django_capture_on_commit_callbacks):
    _subscribe(client, "ola@example.org", django_capture_on_commit_callbacks)
    client.post(_link(mail.outbox[0]).split("testserver", 1)[1])
    _subscribe(client, "ola@example.org", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


@pytest.fixture
def subscribers(db):
    from django.utils import timezone

    now = timezone.now()
    confirmed = [
        Subscriber.objects.create(email=f"s{n}@example.org", confirmed_at=now) for n in range(7)
    ]
    Subscriber.objects.create(email="unconfirmed@example.org")
    Subscriber.objects.create(email="left@example.org", confirmed_at=now, unsubscribed_at=now)
    return confirmed


def test_an_issue_goes_to_confirmed_subscribers_in_batches(
    client, editor, subscribers, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(tasks, "BATCH_SIZE", 3)
    news = NewsItem.objects.create(title="Nowa gmina w sieci", text="Witamy Wieliczkę.")
    issue = services.compose_issue(
        actor=editor, title="Numer pierwszy", introduction="Dzień dobry!", news=[news],
        practices=[], events=[],
    )  # fmt: skip
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("network:issue_progress", args=[issue.number]))
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    assert (issue.recipients_done, issue.recipients_total) == (7, 7)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in subscribers)
    message = mail.outbox[0]
    assert "Nowa gmina w sieci" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>").split("testserver", 1)[1]
    # RFC 8058: the mail client posts without a CSRF token.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    assert csrf_client.post(unsubscribe, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Subscriber.objects.get(email=message.to[0]).active
    assert "Numer pierwszy" in client.get(reverse("network:newsletter")).content.decode()


def test_the_progress_bar_alone_for_htmx(client, editor, subscribers):
    issue = services.compose_issue(
        actor=editor, title="Numer", introduction="", news=[], practices=[], events=[]
    )
    client.force_login(editor)
    page = client.get(
        reverse("network:issue_progress", args=[issue.number]), HTTP_HX_REQUEST="true"
    )
    assert page.templates[0].name == "network/includes/progress.html"


def test_only_editors_compose_and_drafts_are_not_in_the_archive(client, editor, make_user):
    issue = services.compose_issue(
        actor=editor, title="Szkic", introduction="", news=[], practices=[], events=[]
    )
    assert client.get(reverse("network:issue", args=[issue.number])).status_code == 404
    client.force_login(make_user())
    assert client.get(reverse("network:compose")).status_code == 403
