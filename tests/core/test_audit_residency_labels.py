"""Residency events written before they named the person keep no name after deletion.

Those events had the declaration of residence as their target, labelled with the
person's full name (migration core 0008).
"""

from __future__ import annotations

from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from tests.core.test_audit_privacy import _refused
from wiec.core.models import AuditEvent
from wiec.core.pseudonyms import deleted_account_pseudonym
from wiec.core.roles import Role

DECLARATION = "accounts.ResidencyDeclaration"


def _old_residency_events(person, official) -> list[AuditEvent]:
    """As ``declare_residency`` and ``confirm_residency`` wrote them before 4486214."""
    declaration = person.residencies.get()
    label = str(declaration)  # "Mieszkaniec 7 (Stare Miasto)": the full name
    return [
        AuditEvent.objects.create(
            actor=actor,
            action=action,
            target_type=DECLARATION,
            target_id=str(declaration.pk),
            target_label=label,
        )
        for actor, action in (
            (person, "accounts.residency_declared"),
            (official, "accounts.residency_confirmed"),
        )
    ]


@pytest.mark.django_db
def test_deleting_an_account_blanks_its_old_declaration_labels(
    client, make_resident, make_role_user
):
    official = make_role_user(Role.OFFICIAL)
    leaving, staying = make_resident(), make_resident()
    full_name = leaving.residencies.get().full_name
    _old_residency_events(leaving, official)
    kept = _old_residency_events(staying, official)
    client.force_login(leaving)
    client.post(reverse("accounts:account_delete"), {"password": "haslo-testowe-123"})

    old = AuditEvent.objects.filter(target_type=DECLARATION).exclude(pk__in=[e.pk for e in kept])
    assert [e.target_label for e in old] == ["", ""]
    assert all(
        e.target_label == str(staying.residencies.get())
        for e in AuditEvent.objects.filter(pk__in=[e.pk for e in kept])
    )
    client.force_login(make_role_user(Role.ADMINISTRATOR))
    page = client.get(reverse("core:audit_log")).content.decode()
    assert full_name not in page
    assert deleted_account_pseudonym(leaving.pk) in page  # who declared: the pseudonym
    assert f"{DECLARATION} #" in page


@pytest.mark.django_db
def test_the_migration_blanks_labels_of_declarations_already_erased(make_resident, make_role_user):
    from wiec.accounts.models import ResidencyDeclaration

    official = make_role_user(Role.OFFICIAL)
    gone, living = make_resident(), make_resident()
    _old_residency_events(gone, official)
    _old_residency_events(living, official)
    ResidencyDeclaration.objects.filter(user=gone).delete()  # erased with the account
    migration = import_module("wiec.core.migrations.0008_pseudonymise_residency")
    state = MigrationExecutor(connection).loader.project_state(
        ("core", "0008_pseudonymise_residency")
    )
    migration.forget_erased_declarations(state.apps, None)

    labels = sorted(
        AuditEvent.objects.filter(target_type=DECLARATION).values_list("target_label", flat=True)
    )
    assert labels == ["", "", str(living.residencies.get()), str(living.residencies.get())]
    record = AuditEvent.objects.get(action="core.audit_pseudonymised")
    assert record.data == {"audit_labels_pseudonymised": 2, "migration": "core.0008"}


@pytest.mark.django_db(transaction=True)
def test_postgresql_lets_a_declaration_label_go_only_once_the_declaration_is_gone(
    make_resident, make_role_user
):
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    official = make_role_user(Role.OFFICIAL)
    person = make_resident()
    declared, _confirmed = _old_residency_events(person, official)
    blank = "UPDATE core_auditevent SET target_label='' WHERE id=%s"
    assert _refused(blank, [declared.pk])  # the declaration still exists
    person.residencies.get().delete()
    assert not _refused(blank, [_confirmed.pk])
    assert _refused("UPDATE core_auditevent SET target_label='Ktoś' WHERE id=%s", [declared.pk])
    assert _refused("DELETE FROM core_auditevent WHERE id=%s", [declared.pk])
