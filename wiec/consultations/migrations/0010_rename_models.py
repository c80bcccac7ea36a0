"""``Choice`` becomes ``SurveyOption`` (the class name collided with the panels' vote
choice). Only the migration state changes: the table keeps its name,
``consultations_choice``, so ``sqlmigrate`` prints no SQL; the content type and the
default permissions follow the new name."""

from django.db import migrations

from wiec.core.renames import rename_model_keeping_table


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0009_request_support_to_commons"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = rename_model_keeping_table(
        "consultations", "Choice", "SurveyOption", "consultations_choice"
    )
