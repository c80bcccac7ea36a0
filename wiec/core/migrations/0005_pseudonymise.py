"""Deleted accounts leave no name or e-mail in the audit log (RODO art. 17).

The audit log is append-only (migration 0002). A deleted person's events must stay,
but their e-mail in ``actor_label`` and their name in ``target_label`` must go. What
this migration allows, and why it is sound:

- The trigger now lets exactly one kind of UPDATE through: a label (``actor_label``
  or ``target_label``) becomes the empty string, every other column stays as it
  was (the row, less the two labels, compared as ``jsonb``, so a column added later
  is covered too), and the label belonged to an account already deleted
  (``anonymised_at`` set). DELETE is still refused, as is any other UPDATE.
- Blanking can only remove a name; it cannot write one. Who did what stays in the
  columns nobody may change: ``actor_id`` and ``target_type``/``target_id``. The
  page shows a deleted account as "usunięte konto #<pseudonym>", a keyed HMAC of
  that id worked out when the log is read (``wiec.core.pseudonyms``), so the same
  person has the same pseudonym on every event and the key never enters the
  database. Storing the pseudonym itself would have needed the key in the trigger
  or a rule that accepts any string of the right shape, which could be forged.
- Events recorded from now on name nobody (``record_event``), and deleting an
  account blanks that account's older labels in the same transaction
  (``accounts.services.delete_account``), recording how many in its audit event.

Here, once: labels of accounts deleted before this migration are blanked, and that
is itself recorded as an audit event (``core.audit_pseudonymised``).
"""

from django.conf import settings
from django.db import migrations

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
                WHERE u.id::text = OLD.target_id AND u.anonymised_at IS NOT NULL)))
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'core_auditevent is append-only';
END;
$$ LANGUAGE plpgsql;
"""

STRICT = """
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'core_auditevent is append-only';
END;
$$ LANGUAGE plpgsql;
"""


def allow_forgetting(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    users = apps.get_model(settings.AUTH_USER_MODEL)._meta.db_table
    user_label = settings.AUTH_USER_MODEL
    schema_editor.execute(FUNCTION.format(users=users, user_label=user_label))


def strict_again(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(STRICT)


def forget_deleted_accounts(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    deleted = User.objects.filter(anonymised_at__isnull=False)
    by_deleted = AuditEvent.objects.filter(actor__in=deleted).exclude(actor_label="")
    blanked = by_deleted.update(actor_label="")
    ids = [str(pk) for pk in deleted.values_list("pk", flat=True)]
    to_deleted = AuditEvent.objects.filter(
        target_type=settings.AUTH_USER_MODEL, target_id__in=ids
    ).exclude(target_label="")
    blanked += to_deleted.update(target_label="")
    if blanked:
        AuditEvent.objects.create(
            actor_label="system",
            action="core.audit_pseudonymised",
            data={"audit_labels_pseudonymised": blanked, "migration": "core.0050"},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_task_assignment"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(allow_forgetting, strict_again),
        migrations.RunPython(forget_deleted_accounts, migrations.RunPython.noop),
    ]
