"""Every collection keeps the number of its valid signatures (``valid_count``), counted
here once from the rows and from now on kept with them in the same transaction."""

from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_the_rows(apps, schema_editor):
    Collection = apps.get_model("commons", "SupportCollection")
    Signature = apps.get_model("commons", "Signature")
    valid = (
        Signature.objects.filter(collection=OuterRef("pk"), status="valid")
        .order_by()
        .values("collection")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Collection.objects.update(valid_count=Coalesce(Subquery(valid), 0))


class Migration(migrations.Migration):
    dependencies = [
        ("commons", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="supportcollection",
            name="valid_count",
            field=models.PositiveIntegerField(
                default=0, editable=False, verbose_name="valid signatures"
            ),
        ),
        migrations.RunPython(count_the_rows, migrations.RunPython.noop),
    ]
