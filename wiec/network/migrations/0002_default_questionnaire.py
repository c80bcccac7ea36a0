"""The default self-assessment questionnaire (three areas, eight themes), as data."""

from django.db import migrations


def load(apps, schema_editor):
    from wiec.network.questionnaire import load_default

    load_default(
        apps.get_model("network", "Area"),
        apps.get_model("network", "Theme"),
        apps.get_model("network", "Level"),
    )


def unload(apps, schema_editor):
    apps.get_model("network", "Area").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
