# The municipality each audit event happened in, so that each reads its own log.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0009_api_keys"),
        ("places", "0006_row_level_security"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="city",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="places.city",
                verbose_name="municipality",
            ),
        ),
    ]
