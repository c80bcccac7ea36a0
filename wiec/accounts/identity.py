"""Keyed hashes that identify a person without storing who they are.

A raw PESEL is never stored (RODO art. 5 ust. 1 lit. c, data minimisation): only an
HMAC-SHA256 with a key from settings (``WIEC_IDENTITY_HMAC_KEY``), enough to refuse a
second account, or a second ballot, for the same person.  People without a PESEL
are identified the same way by their name, date of birth and address.

Every key is computed from text normalised by ``wiec.core.normalise``: a PESEL must be
11 ASCII digits (other digits are refused), names and addresses are compared as a
person reads them, so that two spellings of one person never give two keys.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from wiec.core import normalise as normalised


def _key() -> bytes:
    key = settings.IDENTITY_HMAC_KEY
    if not key:
        raise ImproperlyConfigured("WIEC_IDENTITY_HMAC_KEY is not set")
    return key.encode()


def keyed_hash(value: str) -> str:
    return hmac.new(_key(), value.encode(), hashlib.sha256).hexdigest()


def pesel_key(pesel: str) -> str:
    """Raises ``ValueError`` unless the PESEL is 11 ASCII digits (spaces aside)."""
    return keyed_hash(f"pesel:{normalised.ascii_digits(pesel, length=11)}")


def normalise(text: str) -> str:
    """Case, accents, punctuation, spacing and Unicode forms do not make another person."""
    return normalised.person_text(text)


def personal_data_key(full_name: str, birth_date: datetime.date, address: str) -> str:
    return keyed_hash(
        f"person:{normalise(full_name)}|{birth_date.isoformat()}|{normalise(address)}"
    )
