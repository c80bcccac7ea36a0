"""Keyed hashes that identify a person without storing who they are.

A raw PESEL is never stored (RODO art. 5 ust. 1 lit. c, data minimisation): only an
HMAC-SHA256 with a key from settings (``WIEC_IDENTITY_HMAC_KEY``), enough to refuse a
second account, or a second ballot, for the same person.  People without a PESEL
are identified the same way by their name, date of birth and address.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _key() -> bytes:
    key = settings.IDENTITY_HMAC_KEY
    if not key:
        raise ImproperlyConfigured("WIEC_IDENTITY_HMAC_KEY is not set")
    return key.encode()


def keyed_hash(value: str) -> str:
    return hmac.new(_key(), value.encode(), hashlib.sha256).hexdigest()


def pesel_key(pesel: str) -> str:
    return keyed_hash(f"pesel:{pesel.strip()}")


def normalise(text: str) -> str:
    """Case, accents, punctuation and spacing do not make another person."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("ł", "l"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]+", " ", text).strip()


def personal_data_key(full_name: str, birth_date: datetime.date, address: str) -> str:
    return keyed_hash(
        f"person:{normalise(full_name)}|{birth_date.isoformat()}|{normalise(address)}"
    )
