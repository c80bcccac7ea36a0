"""Every proposal's online support signatures are copied into a shared collection of
signatures (``wiec.commons``), keeping each identity key, time and account; the
``endorsements`` stay and are written together with the signatures from now on.
Scans of paper support lists carry only a count, not people, and stay as they are."""

import importlib

import django.db.models.deletion
from django.db import migrations, models

from wiec.places.integrity import around_rebuild

#: The municipality triggers dropped around the rebuild of the table (``around_rebuild``).
CHECKS = importlib.import_module("wiec.budgets.migrations.0013_same_city").CHECKS


def key_of(endorsement):
    """The city's one key: the residency's identity key, else the account."""
    return endorsement.identity_key or f"account:{endorsement.user_id}"


def copy_endorsements(apps, schema_editor):
    Proposal = apps.get_model("budgets", "Proposal")
    Endorsement = apps.get_model("budgets", "Endorsement")
    Collection = apps.get_model("commons", "SupportCollection")
    Signature = apps.get_model("commons", "Signature")
    supported = Proposal.objects.filter(collection__isnull=True, endorsements__isnull=False)
    for proposal in supported.distinct().select_related("edition", "pool").iterator():
        proposal.collection = Collection.objects.create(
            city_id=proposal.edition.city_id,
            title=proposal.title[:300],
            threshold=proposal.pool.support_required,
            online_counts=True,
        )
        proposal.save(update_fields=["collection"])
        Signature.objects.bulk_create(
            Signature(
                collection=proposal.collection,
                channel="online",
                user_id=endorsement.user_id,
                identity_key=key_of(endorsement),
                full_name="",
                address="",
                status="valid",
                entered_by_id=endorsement.user_id,
                created_at=endorsement.created_at,
            )
            for endorsement in Endorsement.objects.filter(proposal=proposal).order_by("pk")
        )


def drop_copies(apps, schema_editor):
    Proposal = apps.get_model("budgets", "Proposal")
    Collection = apps.get_model("commons", "SupportCollection")
    ids = list(Proposal.objects.exclude(collection=None).values_list("collection_id", flat=True))
    Proposal.objects.update(collection=None)
    Collection.objects.filter(pk__in=ids).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0016_slug_per_city"),
        ("commons", "0001_initial"),
    ]

    operations = [
        *around_rebuild(
            CHECKS,
            migrations.AddField(
                model_name="proposal",
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
        migrations.RunPython(copy_endorsements, drop_copies),
    ]
