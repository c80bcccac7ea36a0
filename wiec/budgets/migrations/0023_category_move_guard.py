"""A category that proposals use stays in their municipality: the database refuses to
move it to another one (``wiec.places.integrity.StaysWithReferrers``); making it shared
again (no municipality) passes, as every municipality may use a shared one.

It also makes again, on SQLite, the trigger of 0020 that refuses another municipality's
category on a proposal: the rebuild of ``budgets_proposal`` in 0022 dropped it with the
table (a no-op where it exists, and on PostgreSQL, which keeps triggers across
``ALTER TABLE``).

The new trigger reads ``budgets_proposal`` and ``budgets_edition``: a later migration
that makes SQLite rebuild either wraps its operations in ``around_rebuild(CHECKS, ...)``.
"""

import importlib

from django.db import migrations

from wiec.places.integrity import StaysWithReferrers, same_city

CATEGORY_SAME_CITY = importlib.import_module("wiec.budgets.migrations.0020_category_city").CHECKS

CHECKS = [
    StaysWithReferrers(
        "budgets_category_stays",
        "budgets_category",
        "SELECT 1 FROM budgets_proposal p JOIN budgets_edition e ON e.id = p.edition_id "
        "WHERE p.category_id = NEW.id AND e.city_id <> NEW.city_id",
    ),
]


def restore_category_same_city(apps, schema_editor):
    same_city(*CATEGORY_SAME_CITY).code(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0022_support_orderings"),
    ]

    operations = [
        migrations.RunPython(restore_category_same_city, migrations.RunPython.noop),
        same_city(*CHECKS),
    ]
