"""The newsletter's sign-up, open to anyone without an account, has the invisible field."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse

from wiec.network.models import Subscriber


def test_a_bot_filling_the_field_subscribes_nobody(client, db, django_capture_on_commit_callbacks):
    url = reverse("network:newsletter")
    assert 'name="website"' in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "bot@example.org", "website": "http://spam"})
    assert "To pole musi pozostać puste" in response.content.decode()
    assert not Subscriber.objects.exists() and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"email": "ola@example.org", "website": ""})
    assert Subscriber.objects.count() == 1
