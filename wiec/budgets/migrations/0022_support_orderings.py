"""Two stored columns so that the list's and the API's orders "most supported first" and
"alphabetical" read an index of the edition's proposals instead of sorting every row:
``supports`` (valid signatures plus those counted on paper lists) and ``title_key``
(the title in Polish alphabetical order), both filled here from the rows."""

import importlib

from django.db import migrations, models
from django.db.models import Sum

import wiec.core.collation
from wiec.core.collation import polish_sort_key
from wiec.places.integrity import around_rebuild

CHECKS = importlib.import_module("wiec.budgets.migrations.0013_same_city").CHECKS


def fill(apps, schema_editor):
    Proposal = apps.get_model("budgets", "Proposal")
    SupportList = apps.get_model("budgets", "SupportList")
    counted = dict(
        SupportList.objects.values("proposal")
        .annotate(n=Sum("accepted_signatures"))
        .values_list("proposal", "n")
    )
    rows = Proposal.objects.select_related("collection").only(
        "pk", "title", "collection__valid_count"
    )
    for proposal in rows.iterator(chunk_size=2000):
        valid = proposal.collection.valid_count if proposal.collection_id else 0
        Proposal.objects.filter(pk=proposal.pk).update(
            supports=valid + (counted.get(proposal.pk) or 0),
            title_key=polish_sort_key(proposal.title)[:450],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0021_drop_endorsement"),
        ("commons", "0002_valid_count"),
    ]

    operations = [
        *around_rebuild(
            CHECKS,
            migrations.AddField(
                model_name="proposal",
                name="supports",
                field=models.PositiveIntegerField(
                    default=0, editable=False, verbose_name="support signatures"
                ),
            ),
            migrations.AddField(
                model_name="proposal",
                name="title_key",
                field=wiec.core.collation.PolishSortKeyField(
                    default="", editable=False, max_length=450, source="title"
                ),
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(
                fields=["edition", "-supports", "-id"], name="budgets_proposal_by_support"
            ),
        ),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(fields=["edition", "title_key", "id"], name="budgets_proposal_by_title"),
        ),
    ]
