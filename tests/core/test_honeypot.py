"""The invisible field on public forms: bots that fill it are refused, people are not."""

from __future__ import annotations

from django.urls import reverse

from wiec.accessibility.models import AccessibilityRequest

REQUEST = {
    "requester_name": "Ala Nowak",
    "email": "ala@example.org",
    "page_url": "/bo/",
    "description": "Mapa nie działa z klawiatury.",
}


def test_a_person_leaves_the_field_empty_and_the_request_is_saved(client, city):
    response = client.post(reverse("accessibility:request"), {**REQUEST, "website": ""})
    assert response.status_code == 200
    assert AccessibilityRequest.objects.count() == 1


def test_a_bot_that_fills_every_field_is_refused_and_nothing_is_saved(client, city):
    response = client.post(reverse("accessibility:request"), {**REQUEST, "website": "http://x"})
    assert "To pole musi pozostać puste" in response.content.decode()
    assert AccessibilityRequest.objects.count() == 0


def test_the_field_is_off_screen_for_people_on_the_signup_page(client, city):
    page = client.get(reverse("account_signup")).content.decode()
    assert 'class="hp"' in page or 'class="required hp"' in page or " hp" in page
    assert 'name="website"' in page and 'tabindex="-1"' in page


def test_signup_with_the_field_filled_makes_no_account(client, city):
    from wiec.accounts.models import User

    client.post(
        reverse("account_signup"),
        {
            "email": "bot@example.org",
            "password1": "dlugie-haslo-123",
            "password2": "dlugie-haslo-123",
            "website": "spam",
        },
    )
    assert not User.objects.filter(email="bot@example.org").exists()
