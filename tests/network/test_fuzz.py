"""Fuzzing the newsletter's public sign-up: whatever is typed is one pending subscriber
with a confirmation to come, or a named refusal on the page, never an error page."""

from __future__ import annotations

import os

from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wiec.network.models import Subscriber

EXAMPLES = int(os.environ.get("WIEC_FUZZ_EXAMPLES", "30"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
ADDRESS = st.sampled_from(["", "a@example.org", "nie-adres", "@", "a@b", "ą@ę.pl", " x@y.pl "])


@FUZZ
@given(
    email=ADDRESS | st.text(max_size=300) | st.emails(),
    website=st.sampled_from(["", "http://spam.example"]),
)
def test_any_sign_up_is_pending_or_refused_by_name(client, db, email, website):
    cache.clear()  # the per-address limit is not what this test is about
    before = Subscriber.objects.count()
    response = client.post(reverse("network:newsletter"), {"email": email, "website": website})
    cache.clear()
    assert response.status_code == 200
    page = response.content.decode()
    if Subscriber.objects.count() == before and 'role="alert"' not in page:
        # an address already waiting gets the same answer as a new one, so the page
        # never tells whether someone is subscribed
        assert "Sprawdź pocztę" in page or website
        assert website or Subscriber.objects.filter(email__iexact=email.strip()).exists()
    if website:
        assert Subscriber.objects.count() == before
    assert not Subscriber.objects.filter(
        confirmed_at__isnull=False
    ).exists()  # only a link confirms
