"""Signed one-click unsubscribe links (RFC 8058) that work without signing in.

The token carries the user's id and the kind of notification (or ``"all"``), signed
with the site's secret and a salt of its own and stamped with the time, so a link
cannot be forged for someone else, nor turned into another kind, and stops working
after ``WIEC_UNSUBSCRIBE_MAX_AGE`` seconds (default 180 days).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "wiec.accounts.unsubscribe"
ALL = "all"
DEFAULT_MAX_AGE = 180 * 24 * 60 * 60


@dataclass(frozen=True)
class Unsubscribe:
    user_id: int
    kind: str


class BadToken(Exception):
    """The link was altered, belongs to no one, or is too old; ``code`` says which."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def make_token(user: Any, kind: str = ALL) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=SALT, compress=False)


def read_token(token: str) -> Unsubscribe:
    max_age = getattr(settings, "WIEC_UNSUBSCRIBE_MAX_AGE", DEFAULT_MAX_AGE)
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise BadToken("expired") from None
    except signing.BadSignature:
        raise BadToken("tampered") from None
    if not isinstance(data, dict):
        raise BadToken("tampered")
    user_id, kind = data.get("u"), data.get("k")
    if not isinstance(user_id, int) or not isinstance(kind, str) or not kind:
        raise BadToken("tampered")
    return Unsubscribe(user_id=user_id, kind=kind)


def unsubscribe_path(user: Any, kind: str = ALL) -> str:
    return reverse("accounts:unsubscribe", args=[make_token(user, kind)])
