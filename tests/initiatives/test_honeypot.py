"""The invisible field on a local initiative's application."""

from __future__ import annotations

import pytest

from wiec.initiatives.forms import ApplicationForm

pytestmark = pytest.mark.django_db


def _data(pool, **extra):
    return {
        "group": "Sąsiedzi z Zabłocia",
        "title": "Ogród społeczny",
        "area": pool.areas[0],
        "description": "Sadzimy warzywa.",
        "place": "ul. Zabłocie 1",
        "justification": "Sąsiedzi się poznają.",
        "schedule": "Maj–czerwiec",
        "total": "15 500,00",
        **extra,
    }


def test_an_application_with_the_field_filled_is_refused(pool):
    refused = ApplicationForm(_data(pool, website="http://spam"), pool=pool)
    assert not refused.is_valid()
    assert refused.errors["website"][0].startswith("To pole musi pozostać puste")
    accepted = ApplicationForm(_data(pool, website=""), pool=pool)
    assert accepted.is_valid(), accepted.errors
    assert "website" not in accepted.cleaned_data  # never reaches the service


def test_the_apply_page_has_the_field_off_screen(client, pool, make_resident):
    client.force_login(make_resident())
    page = client.get("/inicjatywy/wniosek/").content.decode()
    assert 'name="website"' in page and "field hp" in page
