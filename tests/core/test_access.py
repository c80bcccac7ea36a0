"""The one access layer: 403 to a signed-in person, the login page to an anonymous one,
and a service's errors shown on the form where they belong."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from wiec.core import access
from wiec.core.models import AuditEvent
from wiec.core.roles import Role

pytestmark = pytest.mark.django_db

# One page of each tool that needs a permission, asked for by its address.
GUARDED = [
    "/audyt/",  # core (decorator)
    "/biuro/",  # core, the office inbox
    "/bo/nowa-edycja/",  # budgets
    "/panele/nowy/",  # panels
    "/konsultacje/plan/nowy/",  # consultations (decorator)
    "/konto/zamieszkanie/do-potwierdzenia/",  # accounts
]


@pytest.mark.parametrize("path", GUARDED)
def test_an_anonymous_visitor_is_sent_to_log_in_and_back(client, path):
    response = client.get(f"{path}?strona=2")
    assert response.status_code == 302
    assert response["Location"] == f"/konto/login/?next={path}%3Fstrona%3D2"


@pytest.mark.parametrize("path", GUARDED)
def test_a_signed_in_person_without_the_permission_sees_the_403_page(client, make_resident, path):
    client.force_login(make_resident())
    response = client.get(path)
    assert response.status_code == 403
    assert "Brak dostępu" in response.content.decode()


def test_an_object_that_does_not_exist_is_404_for_anyone(client, make_resident):
    assert client.get("/bo/odwolanie/999999/").status_code == 404
    client.force_login(make_resident())
    assert client.get("/bo/odwolanie/999999/").status_code == 404


def _request(user):
    request = RequestFactory().get("/strona/?a=1")
    request.user = user
    return request


def test_require_tells_anonymous_from_signed_in(make_resident, make_role_user):
    with pytest.raises(access.LoginRequired):
        access.require(_request(AnonymousUser()), "core.view_audit_log")
    with pytest.raises(PermissionDenied) as refused:
        access.require(_request(make_resident()), "core.view_audit_log")
    assert not isinstance(refused.value, access.LoginRequired)
    access.require(_request(make_role_user(Role.ADMINISTRATOR)), "core.view_audit_log")


def test_load_finds_then_checks(make_resident, make_role_user):
    event = AuditEvent.objects.create(action="test.event")
    admin = _request(make_role_user(Role.ADMINISTRATOR))
    assert access.load(admin, AuditEvent, "core.view_audit_log", pk=event.pk) == event
    assert access.load(admin, AuditEvent.objects.all(), pk=event.pk) == event
    with pytest.raises(Http404):
        access.load(admin, AuditEvent, "core.view_audit_log", pk=10**9)
    with pytest.raises(Http404):
        # A missing object is a 404 even to someone who could not see it.
        access.load(_request(AnonymousUser()), AuditEvent, "core.view_audit_log", pk=0)
    with pytest.raises(access.LoginRequired):
        access.load(_request(AnonymousUser()), AuditEvent, "core.view_audit_log", pk=event.pk)


def test_deny_carries_its_message_to_a_signed_in_person(make_resident):
    with pytest.raises(access.LoginRequired):
        access.deny(_request(AnonymousUser()), "Nie teraz.")
    with pytest.raises(PermissionDenied, match="Nie teraz"):
        access.deny(_request(make_resident()), "Nie teraz.")


def test_the_middleware_turns_login_required_into_the_login_page():
    middleware = access.AccessMiddleware(lambda request: HttpResponse())
    request = _request(AnonymousUser())
    response = middleware.process_exception(request, access.LoginRequired())
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/strona/%3Fa%3D1"
    assert middleware.process_exception(request, PermissionDenied()) is None


def test_ensure_is_the_services_check(make_resident, make_role_user):
    access.ensure(make_role_user(Role.ADMINISTRATOR), "core.view_audit_log")
    with pytest.raises(PermissionDenied):
        access.ensure(None, "core.view_audit_log")
    with pytest.raises(PermissionDenied):
        access.ensure(make_resident(), "core.view_audit_log")
    with pytest.raises(ValidationError) as refused:
        access.ensure(make_resident(), "core.view_audit_log", refusal="Jeszcze nie.")
    assert refused.value.messages == ["Jeszcze nie."]
    assert refused.value.code == "not_allowed"


class _Form(forms.Form):
    title = forms.CharField()
    amount = forms.IntegerField()


def _valid_form() -> _Form:
    form = _Form({"title": "Ławki", "amount": "5"})
    assert form.is_valid()
    return form


def test_field_errors_go_on_their_fields_and_the_rest_on_top():
    form = _valid_form()
    access.attach_errors(
        form,
        ValidationError(
            {
                "title": "Taki tytuł już jest.",
                "amount": ["Za dużo.", "Podaj pełne złote."],
                "pool": "Pula jest zamknięta.",
            }
        ),
    )
    assert form.errors["title"] == ["Taki tytuł już jest."]
    assert form.errors["amount"] == ["Za dużo.", "Podaj pełne złote."]
    assert form.non_field_errors() == ["Pula jest zamknięta."]
    assert not form.is_valid()


def test_an_error_without_fields_is_a_non_field_error():
    form = _valid_form()
    access.attach_errors(form, ValidationError(["Nabór jest zamknięty.", "Spróbuj jutro."]))
    assert form.non_field_errors() == ["Nabór jest zamknięty.", "Spróbuj jutro."]
    assert "title" not in form.errors and "amount" not in form.errors
