"""Every request's support is copied into a shared collection of signatures
(``wiec.commons``), keeping each identity key, time and account; the request's
``supports`` stay and are written together with the signatures from now on."""

import importlib

import django.db.models.deletion
from django.db import migrations, models

from wiec.places.integrity import around_rebuild

#: The municipality triggers dropped around the rebuild of the table (``around_rebuild``).
CHECKS = importlib.import_module("wiec.consultations.migrations.0006_same_city").CHECKS


def key_of(support):
    """The city's one key: the residency's identity key, else the account, else (the
    person's data were erased) the old row itself, so that the count stays true."""
    if support.identity_key:
        return support.identity_key
    if support.user_id is not None:
        return f"account:{support.user_id}"
    return f"support:{support.pk}"


def copy_supports(apps, schema_editor):
    Request = apps.get_model("consultations", "ConsultationRequest")
    Support = apps.get_model("consultations", "Support")
    Collection = apps.get_model("commons", "SupportCollection")
    Signature = apps.get_model("commons", "Signature")
    for request in Request.objects.filter(collection__isnull=True).iterator():
        request.collection = Collection.objects.create(
            city_id=request.city_id,
            title=request.title[:300],
            threshold=request.threshold,
            online_counts=True,
            created_at=request.created_at,
        )
        request.save(update_fields=["collection"])
        Signature.objects.bulk_create(
            Signature(
                collection=request.collection,
                channel="online",
                user_id=support.user_id,
                identity_key=key_of(support),
                full_name="",
                address="",
                status="valid",
                entered_by_id=support.user_id,
                created_at=support.created_at,
            )
            for support in Support.objects.filter(request=request).order_by("pk")
        )


def drop_copies(apps, schema_editor):
    Request = apps.get_model("consultations", "ConsultationRequest")
    Collection = apps.get_model("commons", "SupportCollection")
    ids = list(Request.objects.exclude(collection=None).values_list("collection_id", flat=True))
    Request.objects.update(collection=None)
    Collection.objects.filter(pk__in=ids).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("commons", "0001_initial"),
        ("consultations", "0006_same_city"),
    ]

    operations = [
        *around_rebuild(
            CHECKS,
            migrations.AddField(
                model_name="consultationrequest",
                name="collection",
                field=models.OneToOneField(
                    blank=True,
                    editable=False,
                    null=True,
                    on_delete=django.db.models.deletion.SET_NULL,
                    related_name="+",
                    to="commons.supportcollection",
                ),
            ),
        ),
        migrations.RunPython(copy_supports, drop_copies),
    ]
