"""The database cache's table (settings.CACHES), made by `migrate` wherever it runs.

Rate limits must be counted in one place for every worker and host; the database is
that place, with no new server. ``createcachetable`` makes the table named in the
settings and does nothing if it exists, so the migration is safe to run again.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("core", "0006_municipality")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
