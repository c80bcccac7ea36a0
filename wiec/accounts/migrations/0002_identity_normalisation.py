"""Store e-mail addresses as wiec.core.normalise.email reads them (issue 13).

Addresses stored before could be a spelling of another account's mailbox
(``kasia@ｅｘａｍｐｌｅ.org``).  Each is rewritten to its normalised form unless that form
is, or would become, another row's: those are left as they are, for
``manage.py find_identity_collisions`` to report and the office to resolve.
Identity keys are not rewritten here: a key that changes would stop matching ballots
already cast; the command reports such keys too.
"""

from collections import defaultdict

from django.db import migrations

from wiec.core import normalise


def _rewrite(rows, field: str) -> list:
    by_normal = defaultdict(list)
    for row in rows:
        by_normal[normalise.email(getattr(row, field))].append(row)
    changed = []
    for normal, group in by_normal.items():
        if len(group) == 1 and getattr(group[0], field) != normal:
            setattr(group[0], field, normal)
            changed.append(group[0])
    return changed


def normalise_emails(apps, schema_editor) -> None:
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    users = _rewrite(User.objects.only("pk", "email"), "email")
    User.objects.bulk_update(users, ["email"], batch_size=500)
    addresses = _rewrite(EmailAddress.objects.only("pk", "email"), "email")
    EmailAddress.objects.bulk_update(addresses, ["email"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(normalise_emails, migrations.RunPython.noop)]
