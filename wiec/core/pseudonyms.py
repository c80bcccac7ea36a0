"""Stable pseudonyms for deleted accounts in the audit log (RODO art. 4 pkt 5 and 17).

The audit log keeps every event of a person who deleted their account, but never
shows who they were: each deleted account is shown as "usunięte konto #<pseudonym>",
a keyed HMAC of the account's id. The same deleted person gets the same pseudonym
on every event, so an auditor can still see that two events were theirs; without
the key, which the database does not hold, nobody can tell whose account it was.

The key is ``WIEC_IDENTITY_HMAC_KEY``, which already may never change (identity
hashes depend on it), under a salt of its own so the pseudonym cannot be matched
with any other hash Wiec makes.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.crypto import salted_hmac

_SALT = "wiec.core.audit.deleted-account"


def deleted_account_pseudonym(user_id: int | str) -> str:
    """Twelve hex digits that stand for one deleted account, the same every time."""
    digest = salted_hmac(_SALT, str(user_id), secret=settings.IDENTITY_HMAC_KEY)
    return digest.hexdigest()[:12]
