"""Keys and hashes shared by the workflows (codes, households)."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from django.conf import settings

from wiec.core import normalise
from wiec.panels.models import (
    CitizensPanel,
)

CODE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"  # no look-alikes (0/O, 1/I, 5/S, 8/B)
CODE_LENGTH = 10


def _keyed_hash(*parts: Any) -> str:
    message = "|".join(str(p) for p in parts).encode("utf-8")
    return hmac.new(settings.SECRET_KEY.encode("utf-8"), message, hashlib.sha256).hexdigest()


def normalise_code(code: str) -> str:
    """A printed code as it is looked up: ``Ｋ７ＱＭ－２ＸＰＡ`` is ``K7QM2XPA``."""
    return normalise.code(code)


def code_hash(panel: CitizensPanel, code: str) -> str:
    return _keyed_hash("panels.invitation", panel.pk, normalise_code(code))


def household_hash(panel: CitizensPanel, key: str) -> str:
    """Keyed hash of a household key (an address or a letter's code).

    Normalised by ``wiec.core.normalise.text`` (NFKC, invisible characters, case,
    spacing), which gives the same hash as before for every ordinary spelling, so a
    pool collected across an upgrade keeps its households together.
    """
    normalised = normalise.text(key)
    return _keyed_hash("panels.household", panel.pk, normalised) if normalised else ""
