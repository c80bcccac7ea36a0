"""``Vote`` becomes ``RecommendationVote`` and ``ImplementationUpdate`` becomes
``RecommendationUpdate`` (their class names collided with the budgets'). Only the
migration state changes: the tables keep their names, so ``sqlmigrate`` prints no SQL;
the content types and the default permissions follow the new names."""

from django.db import migrations

from wiec.core.renames import rename_model_keeping_table


class Migration(migrations.Migration):
    dependencies = [
        ("panels", "0006_slug_per_city"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        *rename_model_keeping_table("panels", "Vote", "RecommendationVote", "panels_vote"),
        *rename_model_keeping_table(
            "panels",
            "ImplementationUpdate",
            "RecommendationUpdate",
            "panels_implementationupdate",
        ),
    ]
