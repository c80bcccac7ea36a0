"""Residency events written before 4486214 no longer name a deleted person (RODO art. 17).

Until then ``accounts.residency_declared`` and ``accounts.residency_confirmed`` had the
declaration of residence as their target, and its label is the person's full name
("Jan Kowalski (Podgórze)"). Migration 0005 blanks the labels of deleted accounts
only where the account itself is the target, so those names stayed.

- The append-only trigger now also lets a declaration's label become empty once the
  declaration is gone (it is erased with the account, ``accounts.privacy``): blanking
  can only remove a name, and a declaration that still exists belongs to a living
  account. Every other UPDATE, and every DELETE, is still refused.
- Here, once: the labels of events whose declaration no longer exists are blanked,
  and that is recorded as an audit event (``core.audit_pseudonymised``). From now on
  ``accounts.services.delete_account`` blanks them with the account's other labels.
- The log shows such an event's object as the declaration's type and number; its
  actor, when it was the person, shows as their pseudonym as before.
"""

from django.conf import settings
from django.db import migrations

DECLARATION = "accounts.ResidencyDeclaration"

FUNCTION = """
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND to_jsonb(NEW) - 'actor_label' - 'target_label'
           = to_jsonb(OLD) - 'actor_label' - 'target_label'
       AND (NEW.actor_label = OLD.actor_label
            OR (NEW.actor_label = '' AND EXISTS (
                SELECT 1 FROM {users} u
                WHERE u.id = OLD.actor_id AND u.anonymised_at IS NOT NULL)))
       AND (NEW.target_label = OLD.target_label
            OR (NEW.target_label = '' AND OLD.target_type = '{user_label}' AND EXISTS (
                SELECT 1 FROM {users} u
                WHERE u.id::text = OLD.target_id AND u.anonymised_at IS NOT NULL))
            OR (NEW.target_label = '' AND OLD.target_type = '{declaration_label}'
                AND NOT EXISTS (
                SELECT 1 FROM {declarations} d WHERE d.id::text = OLD.target_id)))
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'core_auditevent is append-only';
END;
$$ LANGUAGE plpgsql;
"""


def _function(apps, *, declarations: bool) -> str:
    users = apps.get_model(settings.AUTH_USER_MODEL)._meta.db_table
    table = apps.get_model("accounts", "ResidencyDeclaration")._meta.db_table
    sql = FUNCTION.format(
        users=users,
        user_label=settings.AUTH_USER_MODEL,
        declaration_label=DECLARATION,
        declarations=table,
    )
    if not declarations:  # as migration 0005 left it
        start = sql.index("\n            OR (NEW.target_label = '' AND OLD.target_type = 'accounts.R")
        sql = sql[:start] + ")" + sql[sql.index("\n    THEN") :]
    return sql


def allow_forgetting_declarations(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_function(apps, declarations=True))


def as_before(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_function(apps, declarations=False))


def forget_erased_declarations(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    Declaration = apps.get_model("accounts", "ResidencyDeclaration")
    existing = {str(pk) for pk in Declaration.objects.values_list("pk", flat=True)}
    named = AuditEvent.objects.filter(target_type=DECLARATION).exclude(target_label="")
    gone = [pk for pk in set(named.values_list("target_id", flat=True)) if pk not in existing]
    blanked = named.filter(target_id__in=gone).update(target_label="") if gone else 0
    if blanked:
        AuditEvent.objects.create(
            actor_label="system",
            action="core.audit_pseudonymised",
            data={"audit_labels_pseudonymised": blanked, "migration": "core.0008"},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_cache_table"),
        ("accounts", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(allow_forgetting_declarations, as_before),
        migrations.RunPython(forget_erased_declarations, migrations.RunPython.noop),
    ]
