"""A declaration of residence per person and municipality, not per person.

Someone who lives in one municipality and studies or works in another declares
(and is verified) in each.  Existing declarations stay as they are: each already
names its municipality.  The identity key is unique within a municipality (one
person, one declaration there) rather than installation-wide.

SQLite rebuilds the table to change the user column, which drops its triggers:
the municipality triggers of 0004 are created again after it (and, going back,
after the table is rebuilt once more).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from wiec.places.integrity import SameCity, city_of

DISTRICT_CITY = city_of("places_district", "NEW.district_id")
CHECKS = [
    SameCity(
        "accounts_residency_district_same_city",
        "accounts_residencydeclaration",
        "NEW.city_id",
        DISTRICT_CITY,
    ),
    SameCity(
        "accounts_residency_policy_same_city",
        "accounts_residencydeclaration",
        "NEW.city_id",
        city_of("accounts_identitypolicy", "NEW.policy_id"),
    ),
]


def recreate_triggers(apps, schema_editor):
    for check in CHECKS:
        for sql in check.create(schema_editor.connection.vendor):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_consents"),
        ("places", "0003_colour"),
    ]

    operations = [
        # Going back, the table is rebuilt by the steps below: recreate the triggers then.
        migrations.RunPython(migrations.RunPython.noop, recreate_triggers),
        migrations.AlterField(
            model_name="residencydeclaration",
            name="identity_key",
            field=models.CharField(blank=True, max_length=64, null=True),
        ),
        migrations.AlterField(
            model_name="residencydeclaration",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="residencies",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="residencydeclaration",
            constraint=models.UniqueConstraint(
                fields=("user", "city"), name="residency_one_per_city"
            ),
        ),
        migrations.AddConstraint(
            model_name="residencydeclaration",
            constraint=models.UniqueConstraint(
                fields=("city", "identity_key"), name="residency_identity_once_per_city"
            ),
        ),
        migrations.RunPython(recreate_triggers, migrations.RunPython.noop),
    ]
