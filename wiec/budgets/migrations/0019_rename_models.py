"""``Phase`` becomes ``EditionPhase`` and ``Vote`` becomes ``BallotChoice`` (their class
names collided with other apps'). Only the migration state changes: the tables keep
their names (``budgets_phase``, ``budgets_vote``), which the triggers of 0011 and raw SQL
name, so ``sqlmigrate`` prints no SQL; the content types and the default permissions
follow the new names."""

from django.db import migrations

from wiec.core.renames import rename_model_keeping_table


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0018_api_orderings"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        *rename_model_keeping_table("budgets", "Phase", "EditionPhase", "budgets_phase"),
        *rename_model_keeping_table("budgets", "Vote", "BallotChoice", "budgets_vote"),
    ]
