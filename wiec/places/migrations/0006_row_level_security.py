"""Row-level security on PostgreSQL (wiec.places.tenancy); nothing on SQLite.

The tables of a municipality's records that exist now get their policy here; tables
that later migrations create get it from the ``post_migrate`` hook, which runs the
same idempotent :func:`wiec.places.tenancy.apply` after every ``migrate``.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from wiec.places import tenancy

    tenancy.apply(schema_editor.connection)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from wiec.places import tenancy

    with schema_editor.connection.cursor() as cursor:
        _enforced, with_policy = tenancy._state(cursor)
    for table in sorted(with_policy):
        for sql in tenancy.remove_sql(schema_editor.connection, table):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0005_gazetteer"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
