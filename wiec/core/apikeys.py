"""API keys: a registered data user's key for a higher rate limit on ``/api/``.

A key looks like ``wiec_Ab3dE5gH_<32 random characters>``. The part between the
underscores is its prefix, stored in the clear so the owner can tell keys apart and
the server can find the row; the whole key is stored only as its SHA-256 (a key has
about 190 bits of randomness, so a fast hash is enough: nobody can guess back from
it). The key is shown once, when it is made, and never again.

A request sends it as ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``. A key
changes only the rate limit (``WIEC_API_KEY_RATE_LIMIT`` per key instead of
``WIEC_API_RATE_LIMIT`` per address): it shows nothing the anonymous API does not.
A wrong or revoked key is answered 401 and counted against the address (the limit
``api_key`` of ``wiec.core.limits``), so keys cannot be guessed at speed.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from wiec.core.models import ApiKey
from wiec.core.services import record_event

PREFIX_LENGTH = 8
#: How often ``last_used_at`` is written at most (not a write for every request).
TOUCH_EVERY = timedelta(minutes=5)


class NotYours(PermissionError):
    pass


def digest_of(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _new_raw() -> tuple[str, str]:
    prefix = secrets.token_urlsafe(12).replace("-", "x").replace("_", "y")[:PREFIX_LENGTH]
    return prefix, f"wiec_{prefix}_{secrets.token_urlsafe(24)}"


def create_api_key(*, actor: Any, name: str) -> tuple[ApiKey, str]:
    """Make a key for the actor; the key object and the key itself (shown once)."""
    if not getattr(actor, "is_authenticated", False):
        raise NotYours("Only a signed-in person has API keys.")
    name = " ".join(name.split())[:80]
    with transaction.atomic():
        prefix, raw = _new_raw()
        while ApiKey.objects.filter(prefix=prefix).exists():  # 62^8: practically never
            prefix, raw = _new_raw()
        key = ApiKey.objects.create(user=actor, name=name, prefix=prefix, digest=digest_of(raw))
        record_event(actor=actor, action="core.api_key_created", target=key)
    return key, raw


def revoke_api_key(*, actor: Any, key: ApiKey) -> None:
    """Revoke one of the actor's own keys; it stops working at once."""
    if key.user_id != getattr(actor, "pk", None):
        raise NotYours("A key can be revoked only by its owner.")
    with transaction.atomic():
        if key.revoked_at is None:
            key.revoked_at = timezone.now()
            key.save(update_fields=["revoked_at"])
            record_event(actor=actor, action="core.api_key_revoked", target=key)


def presented_key(request: HttpRequest) -> str | None:
    """The key a request sends, if any (``Authorization: Bearer`` or ``X-API-Key``)."""
    header = request.headers.get("Authorization", "")
    scheme, _sep, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    value = request.headers.get("X-API-Key", "").strip()
    return value or None


def authenticate(raw: str) -> ApiKey | None:
    """The active key ``raw`` is, or None (wrong, unknown or revoked)."""
    parts = raw.split("_")
    if len(parts) < 3 or parts[0] != "wiec" or len(parts[1]) != PREFIX_LENGTH:
        return None
    key = ApiKey.objects.active().filter(prefix=parts[1]).select_related("user").first()
    if key is None or not key.user.is_active:
        return None
    if not hmac.compare_digest(key.digest, digest_of(raw)):
        return None
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > TOUCH_EVERY:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key


def export_keys(user: Any) -> list[dict[str, Any]]:
    """The person's keys for their data export: prefix and name, never the key or hash."""
    return [
        {
            "name": key.name,
            "prefix": key.prefix,
            "created_at": key.created_at.isoformat(),
            "last_used_at": key.last_used_at.isoformat() if key.last_used_at else None,
            "revoked_at": key.revoked_at.isoformat() if key.revoked_at else None,
        }
        for key in ApiKey.objects.filter(user=user)
    ]


def erase_keys(user: Any) -> None:
    """A deleted account's keys go with it (its row stays, anonymised)."""
    ApiKey.objects.filter(user=user).delete()
