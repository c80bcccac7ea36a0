"""Search entries belong to a municipality, and search looks only in the request's;
a notification remembers the municipality it is about (its link's site, its sender).

The index is derived data: its rows are dropped here and written again, per
municipality, by ``manage.py rebuild_search_index`` (or by the next change a tool
makes, which refreshes that tool's part).
"""

import django.db.models.deletion
from django.db import migrations, models

from wiec.places.integrity import SameCity, city_of, same_city


def drop_entries(apps, schema_editor):
    apps.get_model("core", "SearchEntry").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_pseudonymise"),
        ("places", "0002_municipality"),
    ]

    operations = [
        migrations.RunPython(drop_entries, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="searchentry", name="core_searchentry_tool_key"),
        migrations.RemoveIndex(model_name="searchentry", name="core_search_tool_0256ff_idx"),
        migrations.AddField(
            model_name="searchentry",
            name="city",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="places.city",
                default=None,
            ),
            preserve_default=False,
        ),
        migrations.AddConstraint(
            model_name="searchentry",
            constraint=models.UniqueConstraint(
                fields=("city", "tool", "key"), name="core_searchentry_city_tool_key"
            ),
        ),
        migrations.AddField(
            model_name="notification",
            name="city",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="places.city",
                verbose_name="municipality",
            ),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["city", "tool", "status", "year"], name="core_search_city_id_c22f65_idx"),
        ),
        same_city(
            SameCity(
                "core_searchentry_same_city",
                "core_searchentry",
                "NEW.city_id",
                city_of("places_district", "NEW.district_id"),
            )
        ),
    ]
