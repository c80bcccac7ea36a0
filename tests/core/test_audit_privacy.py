"""A deleted person's name and e-mail leave the audit log; their events stay."""

from __future__ import annotations

import re

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from wiec.core.models import AppendOnlyError, AuditEvent
from wiec.core.pseudonyms import deleted_account_pseudonym
from wiec.core.roles import Role
from wiec.core.services import record_event

PSEUDONYM = re.compile(r"usunięte konto #([0-9a-f]{12})")


def _old_style_event(person, action: str) -> AuditEvent:
    """An event as it was written before: the e-mail and the name in its labels."""
    return AuditEvent.objects.create(
        actor=person,
        actor_label=person.email,
        action=action,
        target_type="accounts.User",
        target_id=str(person.pk),
        target_label=person.display_name,
    )


@pytest.mark.django_db
def test_new_events_store_no_email_or_name(make_user):
    person = make_user(email="ola@example.org", display_name="Ola Nowak")
    event = record_event(actor=person, action="test.action", target=person)
    assert event.actor_label == "" and event.target_label == ""
    assert event.who() == "ola@example.org"
    assert event.what() == "ola@example.org"
    assert record_event(actor=None, action="test.system").who() == "system"


@pytest.mark.django_db
def test_deleted_person_is_a_stable_pseudonym_on_the_audit_page_and_in_the_admin(
    client, make_user, make_role_user
):
    anna = make_user(email="anna.kowalska@example.org", display_name="Anna Kowalska")
    _old_style_event(anna, "accounts.profile_changed")
    record_event(actor=anna, action="accounts.email_unsubscribed", target=anna)
    administrator = make_role_user(Role.ADMINISTRATOR)
    record_event(actor=administrator, action="accounts.role_assigned", target=anna)
    client.force_login(anna)
    client.post(reverse("accounts:account_delete"), {"password": "haslo-testowe-123"})

    assert AuditEvent.objects.about_person(anna).count() == 4
    deleted = AuditEvent.objects.get(action="accounts.account_deleted")
    assert deleted.data == {"audit_labels_pseudonymised": 2}
    client.force_login(administrator)
    for url in (reverse("core:audit_log"), reverse("admin:core_auditevent_changelist")):
        page = client.get(url, headers={"accept-language": "pl"}).content.decode()
        assert "anna.kowalska" not in page and "Kowalska" not in page, url
        pseudonyms = PSEUDONYM.findall(page)
        assert len(pseudonyms) == 6, url  # two as the actor, four as the object
        assert set(pseudonyms) == {deleted_account_pseudonym(anna.pk)}
        assert administrator.email in page
    for event in AuditEvent.objects.about_person(anna):
        url = reverse("admin:core_auditevent_change", args=[event.pk])
        page = client.get(url).content.decode()
        assert "Kowalska" not in page and "anna.kowalska" not in page


@pytest.mark.django_db
def test_labels_of_a_living_person_cannot_be_forgotten(make_user):
    person = make_user()
    _old_style_event(person, "test.action")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.forget_labels_of(person)
    assert AuditEvent.objects.get().actor_label == person.email


def test_pseudonyms_differ_between_people_and_hide_the_id():
    assert deleted_account_pseudonym(1) == deleted_account_pseudonym("1")
    assert deleted_account_pseudonym(1) != deleted_account_pseudonym(2)
    assert deleted_account_pseudonym(1) not in {"1", ""}


def _refused(sql: str, params: list) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError:
        return True
    return False


@pytest.mark.django_db(transaction=True)
def test_postgresql_lets_only_a_deleted_persons_labels_be_blanked(make_user):
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    from wiec.accounts.services import delete_account

    living = make_user(display_name="Jan Żywy")
    leaving = make_user(display_name="Ewa Odchodząca")
    kept = _old_style_event(living, "test.living")
    old = _old_style_event(leaving, "test.leaving")
    update = "UPDATE core_auditevent SET {} WHERE id=%s"
    assert _refused(update.format("actor_label=''"), [kept.pk])
    assert _refused(update.format("target_label=''"), [kept.pk])
    delete_account(actor=leaving)
    old = AuditEvent.objects.get(pk=old.pk)
    assert (old.actor_label, old.target_label, old.action) == ("", "", "test.leaving")
    assert _refused(update.format("actor_label='someone else'"), [old.pk])
    assert _refused(update.format("action='x'"), [old.pk])
    assert _refused(update.format("actor_id=%s"), [living.pk, old.pk])
    assert _refused("DELETE FROM core_auditevent WHERE id=%s", [old.pk])


@pytest.mark.django_db
def test_migration_blanks_labels_of_accounts_deleted_before_and_records_it(make_user):
    from importlib import import_module

    from django.db.migrations.executor import MigrationExecutor
    from django.utils import timezone

    migration = import_module("wiec.core.migrations.0005_pseudonymise")
    gone = make_user(email="stary@example.org", display_name="Stary Wpis")
    living = make_user()
    _old_style_event(gone, "test.gone")
    _old_style_event(living, "test.living")
    type(gone).objects.filter(pk=gone.pk).update(anonymised_at=timezone.now())
    state = MigrationExecutor(connection).loader.project_state(("core", "0005_pseudonymise"))
    migration.forget_deleted_accounts(state.apps, None)

    gone_event = AuditEvent.objects.get(action="test.gone")
    assert (gone_event.actor_label, gone_event.target_label) == ("", "")
    assert AuditEvent.objects.get(action="test.living").actor_label == living.email
    record = AuditEvent.objects.get(action="core.audit_pseudonymised")
    assert record.data["audit_labels_pseudonymised"] == 2


@pytest.mark.django_db
def test_residency_events_keep_no_full_name_after_deletion(client, make_resident, make_role_user):
    resident = make_resident()
    full_name = f"Mieszkaniec {resident.pk}"
    client.force_login(resident)
    client.post(reverse("accounts:account_delete"), {"password": "haslo-testowe-123"})

    client.force_login(make_role_user(Role.ADMINISTRATOR))
    page = client.get(reverse("core:audit_log")).content.decode()
    assert "accounts.residency_declared" in page
    assert full_name not in page
    assert deleted_account_pseudonym(resident.pk) in page
