"""``Pool`` becomes ``InitiativePool`` (the budgets have a ``Pool`` too). Only the
migration state changes: the table keeps its name (``initiatives_pool``), so
``sqlmigrate`` prints no SQL; the content type and the default permissions follow."""

from django.db import migrations

from wiec.core.renames import rename_model_keeping_table


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0004_incubator"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        *rename_model_keeping_table("initiatives", "Pool", "InitiativePool", "initiatives_pool"),
    ]
