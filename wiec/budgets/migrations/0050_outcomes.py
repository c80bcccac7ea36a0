"""Outcomes keep the engine's reason code and parameters only; pages render the sentence."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("budgets", "0011_points_budget_and_voter_key")]

    operations = [
        migrations.RemoveField(model_name="projectresult", name="explanation_pl"),
        migrations.RemoveField(model_name="projectresult", name="explanation_en"),
    ]
