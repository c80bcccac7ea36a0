"""The proposals' online support lives only in ``wiec.commons`` now: before the old
``Endorsement`` table goes, every one of its rows is checked to have its signature (by
the account or by the identity key, as 0017 copied them) and any missing one is
copied; a row that still has none stops the migration, so nothing is lost."""

from django.db import migrations


def key_of(endorsement):
    """As in 0017: the residency's identity key, else the account."""
    return endorsement.identity_key or f"account:{endorsement.user_id}"


def copy_missing(apps, schema_editor):
    Proposal = apps.get_model("budgets", "Proposal")
    Endorsement = apps.get_model("budgets", "Endorsement")
    Collection = apps.get_model("commons", "SupportCollection")
    Signature = apps.get_model("commons", "Signature")
    touched = set()
    for endorsement in Endorsement.objects.order_by("pk").iterator():
        proposal = Proposal.objects.select_related("edition", "pool").get(
            pk=endorsement.proposal_id
        )
        if proposal.collection_id is None:
            proposal.collection = Collection.objects.create(
                city_id=proposal.edition.city_id,
                title=proposal.title[:300],
                threshold=proposal.pool.support_required if proposal.pool else 0,
                online_counts=True,
            )
            proposal.save(update_fields=["collection"])
        rows = Signature.objects.filter(collection_id=proposal.collection_id)
        if rows.filter(identity_key=key_of(endorsement)).exists() or rows.filter(
            user_id=endorsement.user_id
        ).exists():
            continue
        Signature.objects.create(
            collection_id=proposal.collection_id,
            channel="online",
            user_id=endorsement.user_id,
            identity_key=key_of(endorsement),
            full_name="",
            address="",
            status="valid",
            entered_by_id=endorsement.user_id,
            created_at=endorsement.created_at,
        )
        touched.add(proposal.collection_id)
    for collection_id in touched:
        Collection.objects.filter(pk=collection_id).update(
            valid_count=Signature.objects.filter(
                collection_id=collection_id, status="valid"
            ).count()
        )
    for endorsement in Endorsement.objects.order_by("pk").iterator():
        collection = Proposal.objects.get(pk=endorsement.proposal_id).collection_id
        rows = Signature.objects.filter(collection_id=collection)
        if not (
            rows.filter(identity_key=key_of(endorsement)).exists()
            or rows.filter(user_id=endorsement.user_id).exists()
        ):
            raise RuntimeError(f"Endorsement {endorsement.pk} has no signature; not dropping.")


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0020_category_city"),
        ("commons", "0002_valid_count"),
    ]

    operations = [
        migrations.RunPython(copy_missing, migrations.RunPython.noop),
        migrations.DeleteModel(name="Endorsement"),
    ]
