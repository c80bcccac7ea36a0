"""Outcomes and count errors keep the engine's codes and parameters only; pages render
the sentences in the reader's language."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("budgets", "0011_points_budget_and_voter_key")]

    operations = [
        migrations.RemoveField(model_name="projectresult", name="explanation_pl"),
        migrations.RemoveField(model_name="projectresult", name="explanation_en"),
        migrations.AddField(
            model_name="countrun",
            name="error",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
