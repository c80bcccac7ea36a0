"""Indexes for the API's and the list's orders within an edition (newest first, by cost),
so a deep page of ``/api/v1/budgets/proposals`` reads rows in order instead of sorting."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0017_endorsements_to_commons"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(
                fields=["edition", "-created_at", "-id"], name="budgets_proposal_newest"
            ),
        ),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(fields=["edition", "cost", "-id"], name="budgets_proposal_by_cost"),
        ),
    ]
