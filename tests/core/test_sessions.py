"""Sessions read with one plain query behave as Django's own."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from wiec.core.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_a_live_session_is_read_and_an_expired_or_unknown_one_is_not(client, make_user):
    user = make_user()
    client.force_login(user)
    key = client.cookies["sessionid"].value
    assert SessionStore(key).load()["_auth_user_id"] == str(user.pk)
    assert client.get("/konto/profil/").status_code == 200

    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    store = SessionStore(key)
    assert store.load() == {}
    assert store.session_key is None
    assert client.get("/konto/profil/").status_code == 302  # to the login page

    assert SessionStore("nieistniejacy-klucz-sesji-1234567").load() == {}
