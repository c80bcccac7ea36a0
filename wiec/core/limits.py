"""Limits on how often one person, or one address, may try something.

Every guessable code (a receipt, a seat's claim code, an invitation code) and every
form that creates content (a comment, a proposal, a remark, a request) has a limit
here, counted per signed-in person and per client address (``wiec.core.clientip``)
in the cache all workers share (``CACHES``, the database). A request over a limit
gets the 429 page saying when to try again, never a 500 and never a silent drop.

The counts are a sliding window: at most ``amount`` attempts in any ``seconds``.
A city may change a limit with ``WIEC_RATE_LIMITS`` in the settings
(``{"receipt_check": "20/600"}``).
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from wiec.core.clientip import client_ip


@dataclass(frozen=True)
class Rate:
    """At most ``amount`` attempts in any ``seconds``."""

    amount: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Rate:
        amount, seconds = text.split("/")
        return cls(int(amount), int(seconds))


#: action → (per person, per address). The address limit is the larger: many people
#: may share one address (a school, a library, an office, a mobile operator's NAT).
LIMITS: dict[str, tuple[str, str]] = {
    # Guessable codes.
    "receipt_check": ("20/600", "60/600"),
    "receipt_reissue": ("5/3600", "30/3600"),
    "seat_claim": ("10/600", "30/600"),
    # Wrong or revoked API keys sent to /api/ (wiec.core.api.http).
    "api_key": ("10/600", "20/600"),
    # Forms that create content.
    "comment": ("10/600", "60/600"),
    "proposal": ("30/3600", "100/3600"),
    "appeal": ("5/3600", "30/3600"),
    "remark": ("20/600", "100/600"),
    "request": ("5/3600", "30/3600"),
    # A panel application, which may carry the invitation letter's code.
    "application": ("10/3600", "60/3600"),
    "accessibility_request": ("5/3600", "30/3600"),
}


def rates(action: str) -> tuple[Rate, Rate]:
    person, address = getattr(settings, "WIEC_RATE_LIMITS", {}).get(action) or LIMITS[action]
    return Rate.parse(person), Rate.parse(address)


class _Lock:
    """A short lock in the shared cache, so two workers do not both count one slot."""

    def __init__(self, key: str) -> None:
        self.key = f"{key}:lock"
        self.held = False

    def __enter__(self) -> _Lock:
        deadline = time.monotonic() + 1.0
        while not cache.add(self.key, 1, timeout=5):
            if time.monotonic() > deadline:
                return self  # a stuck lock expires; counting once without it is harmless
            time.sleep(0.01)
        self.held = True
        return self

    def __exit__(self, *exc) -> None:
        if self.held:
            cache.delete(self.key)


def _wait(key: str, rate: Rate, now: float) -> float:
    """Seconds to wait before the next attempt under ``key``; 0 records this one."""
    with _Lock(key):
        history = [t for t in cache.get(key, []) if t > now - rate.seconds]
        if len(history) >= rate.amount:
            return min(history) + rate.seconds - now
        history.append(now)
        cache.set(key, history, rate.seconds)
        return 0.0


def _key(action: str, scope: str, who: str) -> str:
    digest = hashlib.sha256(who.encode()).hexdigest()[:32]
    return f"wiec:limit:{action}:{scope}:{digest}"


def wait_seconds(request: HttpRequest, action: str) -> int:
    """Count this attempt; the whole seconds to wait if it is over a limit, else 0.

    An attempt refused by one limit is not counted by the other.
    """
    person, address = rates(action)
    now = time.time()
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        wait = _wait(_key(action, "person", str(user.pk)), person, now)
        if wait:
            return math.ceil(wait)
    return math.ceil(_wait(_key(action, "address", client_ip(request)), address, now))


def too_many(request: HttpRequest, wait: int | None = None) -> HttpResponse:
    """The 429 page: what happened and at what time to try again."""
    context = {}
    if wait:
        context = {
            "retry_minutes": max(1, math.ceil(wait / 60)),
            "retry_at": timezone.localtime() + timedelta(seconds=wait),
        }
    response = render(request, "429.html", context, status=429)
    if wait:
        response["Retry-After"] = str(wait)
    return response


def refuse(request: HttpRequest, action: str) -> HttpResponse | None:
    """The 429 page if this attempt is over ``action``'s limit; None to go on."""
    wait = wait_seconds(request, action)
    return too_many(request, wait) if wait else None


def limited(action: str, methods: tuple[str, ...] = ("POST",)) -> Callable:
    """A view decorator: requests of ``methods`` count against ``action``'s limits."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method in methods:
                refused = refuse(request, action)
                if refused is not None:
                    return refused
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
