"""Ballot keys that cannot be joined to a person.

Every ballot's ``voter_key`` (until now the voter's identity key, the same value as
``ResidencyDeclaration.identity_key``) becomes the ballot key, an HMAC with
``WIEC_BALLOT_HMAC_KEY`` of the edition and that identity key
(``wiec.budgets.voting.ballot_key``; the formula is copied here so that this migration
keeps its meaning if the code changes, and a test holds the two equal).  The old keys
cannot be recovered from the new ones, so this step has no way back.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import migrations


def ballot_key(secret: str, edition_id: int, voter: str) -> str:
    """``wiec.budgets.voting.ballot_key`` as it was when this migration was written."""
    message = f"wiec-ballot:{edition_id}:{voter}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def rekey_ballots(apps, schema_editor):
    """Each ballot's identity key becomes its ballot key (see the module's docstring)."""
    Ballot = apps.get_model("budgets", "Ballot")
    db = schema_editor.connection.alias
    secret = settings.BALLOT_HMAC_KEY
    ballots = Ballot.objects.using(db).filter(voter_key__isnull=False)
    if secret == "" and ballots.exists():
        raise RuntimeError("budgets 0006: set WIEC_BALLOT_HMAC_KEY before migrating")
    batch = []
    for ballot in ballots.only("pk", "edition_id", "voter_key").order_by("pk").iterator(2000):
        ballot.voter_key = ballot_key(secret, ballot.edition_id, ballot.voter_key)
        batch.append(ballot)
        if len(batch) == 2000:
            Ballot.objects.using(db).bulk_update(batch, ["voter_key"])
            batch = []
    Ballot.objects.using(db).bulk_update(batch, ["voter_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0005_edition_ballot_version"),
    ]

    operations = [
        # No way back: the identity keys cannot be computed from the ballot keys.
        migrations.RunPython(rekey_ballots),
    ]
