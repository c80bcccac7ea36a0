"""An edition's address is unique within its municipality, not installation-wide:
Kraków and Wieliczka may each have ``/bo/2026/``."""

from importlib import import_module

from django.db import migrations, models

#: The triggers of 0013 read ``budgets_edition``: SQLite cannot rebuild that table
#: under them, so they are dropped first and created again after it.
CHECKS = import_module("wiec.budgets.migrations.0013_same_city").CHECKS


def drop_triggers(apps, schema_editor):
    for check in CHECKS:
        for sql in check.drop(schema_editor.connection.vendor):
            schema_editor.execute(sql)


def create_triggers(apps, schema_editor):
    for check in CHECKS:
        for sql in check.create(schema_editor.connection.vendor):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0013_same_city"),
        ("places", "0003_colour"),
    ]

    operations = [
        migrations.RunPython(drop_triggers, create_triggers),
        migrations.AlterField(
            model_name="edition",
            name="slug",
            field=models.SlugField(verbose_name="address"),
        ),
        migrations.AddConstraint(
            model_name="edition",
            constraint=models.UniqueConstraint(
                fields=("city", "slug"), name="budgets_edition_slug_per_city"
            ),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
