"""``Follow`` becomes ``CommitmentFollow``, ``Question`` ``MonitoringQuestion`` and
``EvaluationInvitation`` ``ProcessEvaluationInvitation`` (their class names collided
with the budgets' and the consultations'). Only the migration state changes: the tables
keep their names, so ``sqlmigrate`` prints no SQL; the content types and the default
permissions follow the new names. The enums ``Source`` and ``Status``, renamed
``CommitmentSource`` and ``CommitmentStatus`` in the same change, need nothing here:
their stored values stay."""

from django.db import migrations

from wiec.core.renames import rename_model_keeping_table


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0005_yearly_report"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        *rename_model_keeping_table(
            "commitments", "Follow", "CommitmentFollow", "commitments_follow"
        ),
        *rename_model_keeping_table(
            "commitments", "Question", "MonitoringQuestion", "commitments_question"
        ),
        *rename_model_keeping_table(
            "commitments",
            "EvaluationInvitation",
            "ProcessEvaluationInvitation",
            "commitments_evaluationinvitation",
        ),
    ]
