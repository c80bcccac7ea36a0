"""The request's support lives only in ``wiec.commons`` now: before the old ``Support``
table goes, every one of its rows is checked to have its signature (by the account or
by the identity key, as 0009 copied them) and any missing one is copied; a row that
still has none stops the migration, so nothing is lost."""

from django.db import migrations


def key_of(support):
    """As in 0009: the identity key, else the account, else the old row itself."""
    if support.identity_key:
        return support.identity_key
    if support.user_id is not None:
        return f"account:{support.user_id}"
    return f"support:{support.pk}"


def copy_missing(apps, schema_editor):
    Request = apps.get_model("consultations", "ConsultationRequest")
    Support = apps.get_model("consultations", "Support")
    Collection = apps.get_model("commons", "SupportCollection")
    Signature = apps.get_model("commons", "Signature")
    touched = set()
    for support in Support.objects.order_by("pk").iterator():
        request = Request.objects.get(pk=support.request_id)
        if request.collection_id is None:
            request.collection = Collection.objects.create(
                city_id=request.city_id,
                title=request.title[:300],
                threshold=request.threshold,
                online_counts=True,
                created_at=request.created_at,
            )
            request.save(update_fields=["collection"])
        rows = Signature.objects.filter(collection_id=request.collection_id)
        key = key_of(support)
        if rows.filter(identity_key=key).exists() or (
            support.user_id is not None and rows.filter(user_id=support.user_id).exists()
        ):
            continue
        Signature.objects.create(
            collection_id=request.collection_id,
            channel="online",
            user_id=support.user_id,
            identity_key=key,
            full_name="",
            address="",
            status="valid",
            entered_by_id=support.user_id,
            created_at=support.created_at,
        )
        touched.add(request.collection_id)
    for collection_id in touched:
        Collection.objects.filter(pk=collection_id).update(
            valid_count=Signature.objects.filter(
                collection_id=collection_id, status="valid"
            ).count()
        )
    for support in Support.objects.order_by("pk").iterator():
        collection = Request.objects.get(pk=support.request_id).collection_id
        rows = Signature.objects.filter(collection_id=collection)
        if not (
            rows.filter(identity_key=key_of(support)).exists()
            or (support.user_id is not None and rows.filter(user_id=support.user_id).exists())
        ):
            raise RuntimeError(f"Support {support.pk} has no signature; not dropping.")


class Migration(migrations.Migration):
    dependencies = [
        ("commons", "0002_valid_count"),
        ("consultations", "0010_rename_models"),
    ]

    operations = [
        migrations.RunPython(copy_missing, migrations.RunPython.noop),
        migrations.DeleteModel(name="Support"),
    ]
