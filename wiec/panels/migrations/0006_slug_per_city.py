"""A panel's address is unique within its municipality, not installation-wide."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("panels", "0005_space"),
        ("places", "0003_colour"),
    ]

    operations = [
        migrations.AlterField(
            model_name="citizenspanel",
            name="slug",
            field=models.SlugField(max_length=80, verbose_name="address"),
        ),
        migrations.AddConstraint(
            model_name="citizenspanel",
            constraint=models.UniqueConstraint(
                fields=("city", "slug"), name="panels_panel_slug_per_city"
            ),
        ),
    ]
