"""The audit log, notifications, the home page and the admin's gate."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from wiec.core.models import AppendOnlyError, AuditEvent
from wiec.core.participation import (
    OpenItem,
    Tool,
    ToolContents,
    register_tool,
    unregister_tool,
)
from wiec.core.roles import Role
from wiec.core.services import notify, record_event


@pytest.mark.django_db
def test_audit_events_cannot_be_changed_or_deleted(make_user):
    event = record_event(actor=make_user(), action="test.action", data={"x": 1})
    event.action = "tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="tampered")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.action"


@pytest.mark.django_db(transaction=True)
def test_postgresql_refuses_audit_changes_in_the_database(make_user):
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    from django.db import DatabaseError, transaction

    event = record_event(actor=make_user(), action="test.action")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET action='x' WHERE id=%s", [event.pk])


@pytest.mark.django_db
def test_audit_log_page_only_for_administrators(client, make_role_user):
    record_event(actor=None, action="budgets.proposal_verified")
    client.force_login(make_role_user(Role.OFFICIAL))
    assert client.get(reverse("core:audit_log")).status_code == 403
    client.force_login(make_role_user(Role.ADMINISTRATOR))
    response = client.get(reverse("core:audit_log"))
    assert response.status_code == 200
    assert "budgets.proposal_verified" in response.content.decode()


@pytest.mark.django_db
def test_notification_in_app_and_by_email_in_recipients_language(
    make_user, django_capture_on_commit_callbacks
):
    from django.utils.translation import gettext_lazy as _

    english = make_user(language="en", email_kinds={"status": True})
    quiet = make_user(email_kinds={"status": False})
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=english, kind="status", subject=_("Notifications"), url="/x/")
        notify(recipient=quiet, kind="status", subject=_("Notifications"))
    assert english.notifications.get().subject == "Notifications"
    assert quiet.notifications.count() == 1
    assert [m.to for m in mail.outbox] == [[english.email]]
    assert english.notifications.get().emailed_at is not None


@pytest.mark.django_db
def test_notifications_page_marks_read(client, make_user):
    user = make_user()
    notify(recipient=user, subject="Hello")
    client.force_login(user)
    assert "Hello" in client.get(reverse("core:notifications")).content.decode()
    client.post(reverse("core:notifications_mark_read"))
    assert not user.notifications.unread().exists()


@pytest.mark.django_db
def test_home_lists_open_items_from_every_tool(client, city):
    response = client.get("/")
    assert "Kraków" in response.content.decode()

    class Contents(ToolContents):
        def open_items(self):
            return [OpenItem("Głosowanie BO 2027", "/bo/", "Budżet", "Głosuj")]

    register_tool(Tool("demo", "Demo tool", "core:home"), Contents())
    try:
        assert "Głosowanie BO 2027" in client.get("/").content.decode()
    finally:
        unregister_tool("demo")


@pytest.mark.django_db
def test_admin_is_for_administrators_only(client, make_role_user):
    client.force_login(make_role_user(Role.COORDINATOR))
    assert client.get("/admin/").status_code == 302
    client.force_login(make_role_user(Role.ADMINISTRATOR))
    response = client.get("/admin/places/city/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_export_and_delete_my_data(client, make_resident):
    resident = make_resident()
    notify(recipient=resident, subject="Status")
    client.force_login(resident)
    export = client.get(reverse("accounts:my_data_export")).json()
    assert export["account"]["email"] == resident.email
    assert export["account"]["residencies"][0]["district"].endswith("Stare Miasto")
    assert export["notifications"][0]["subject"] == "Status"

    assert client.post(reverse("accounts:account_delete"), {"password": "wrong"}).status_code == 200
    resident.refresh_from_db()
    assert resident.is_active

    client.post(reverse("accounts:account_delete"), {"password": "haslo-testowe-123"})
    resident.refresh_from_db()
    assert not resident.is_active and resident.email.endswith("@invalid.invalid")
    assert not resident.residencies.exists()
    assert not resident.notifications.exists()
    assert AuditEvent.objects.filter(action="accounts.account_deleted").exists()
