"""The accessibility statement (ids for the national validator) and the 7-day requests."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from wiec.accessibility.models import AccessibilityRequest
from wiec.core.roles import Role

VALIDATOR_IDS = [
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-data-sporzadzenie",
    "a11y-kontakt",
    "a11y-osoba",
    "a11y-email",
    "a11y-telefon",
    "a11y-procedura",
    "a11y-architektura",
    "a11y-aplikacje",
]


@pytest.fixture
def statement(city):
    from wiec.accessibility import demo

    demo.load(city)


@pytest.mark.django_db
def test_statement_carries_every_validator_id(client, statement):
    html = client.get(reverse("accessibility:statement")).content.decode()
    for element_id in VALIDATOR_IDS:
        assert f'id="{element_id}"' in html, element_id
    assert '<span id="a11y-data-publikacja">2026-01-15</span>' in html


@pytest.mark.django_db
def test_request_gets_seven_day_deadline_and_office_sees_it(client, city, make_role_user):
    response = client.post(
        reverse("accessibility:request"),
        {
            "requester_name": "Jan",
            "email": "jan@example.org",
            "page_url": "/",
            "description": "Za mały kontrast.",
        },
    )
    assert response.status_code == 200
    request = AccessibilityRequest.objects.get()
    assert request.deadline - request.created_at == datetime.timedelta(days=7)
    assert request.days_left() == 7

    client.force_login(make_role_user(Role.COORDINATOR))
    page = client.get(reverse("accessibility:requests")).content.decode()
    assert "Za mały kontrast." not in page  # the list shows who and where, not the body
    assert "Jan" in page


@pytest.mark.django_db
def test_overdue_request_is_shown_as_overdue(city):
    created = timezone.now() - datetime.timedelta(days=9)
    request = AccessibilityRequest.objects.create(
        city=city,
        requester_name="A",
        email="a@example.org",
        page_url="/",
        description="x",
        created_at=created,
    )
    assert request.days_left() == -2 and request.days_overdue() == 2


@pytest.mark.django_db
def test_request_without_contact_is_refused(client, city):
    response = client.post(
        reverse("accessibility:request"),
        {"requester_name": "Jan", "page_url": "/", "description": "x"},
    )
    assert response.status_code == 200
    assert not AccessibilityRequest.objects.exists()


@pytest.mark.django_db
def test_extension_is_limited_to_two_months(client, city, make_role_user):
    request = AccessibilityRequest.objects.create(
        city=city, requester_name="A", email="a@example.org", page_url="/", description="x"
    )
    client.force_login(make_role_user(Role.COORDINATOR))
    url = reverse("accessibility:request_answer", args=[request.pk])
    too_late = (timezone.localdate() + datetime.timedelta(days=90)).isoformat()
    client.post(
        url, {"status": "extended", "response": "Potrzebujemy czasu.", "new_deadline": too_late}
    )
    request.refresh_from_db()
    assert request.status == "new"
    client.post(url, {"status": "answered", "response": "Poprawiliśmy kontrast."})
    request.refresh_from_db()
    assert request.status == "answered" and request.answered_at is not None
