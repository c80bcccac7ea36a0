"""HTTP around the API (only under ``/api/``): CORS for reads, a rate limit per client,
and ``ETag``/``Last-Modified`` so harvesters fetch only what changed.

- CORS: any origin may read (``GET``, ``HEAD``, ``OPTIONS``); no cookies are sent or
  honoured across origins, so nothing personal can leak to another site.
- Rate limit: ``WIEC_API_RATE_LIMIT`` requests (default 120) per client address in
  ``WIEC_API_RATE_WINDOW`` seconds (default 60), counted in Django's cache; beyond it a
  429 with ``Retry-After`` and a message in the reader's language. A request with a
  registered data user's API key (``wiec.core.apikeys``) is counted per key instead,
  against ``WIEC_API_KEY_RATE_LIMIT`` (default 1200); a wrong or revoked key gets a 401
  and counts against the address's limit on key attempts (``api_key`` in
  ``wiec.core.limits``), past which it gets the same 429.
- ``ETag`` is a hash of the body; ``Last-Modified`` is when this body was first served
  (kept in the cache), so an unchanged list keeps its date. ``If-None-Match`` and
  ``If-Modified-Since`` get a 304 without a body.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _

from wiec.core import apikeys, limits
from wiec.core.models import ApiKey

PREFIX = "/api/"
READS = ("GET", "HEAD", "OPTIONS")


def client_of(request: HttpRequest) -> str:
    """The client's address (behind a proxy the last hop it names, as nginx sets it)."""
    if getattr(settings, "WIEC_API_TRUST_FORWARDED", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _limit(keyed: bool = False) -> tuple[int, int]:
    name = "WIEC_API_KEY_RATE_LIMIT" if keyed else "WIEC_API_RATE_LIMIT"
    return (
        int(getattr(settings, name, 1200 if keyed else 120)),
        int(getattr(settings, "WIEC_API_RATE_WINDOW", 60)),
    )


def over_limit(request: HttpRequest, api_key: ApiKey | None = None) -> int:
    """0 when the client may go on, else the seconds until its window ends.

    Counted per key when the request has a valid key, else per address.
    """
    limit, window = _limit(keyed=api_key is not None)
    if limit <= 0:
        return 0
    now = int(time.time())
    start = now - now % window
    who = f"key:{api_key.pk}" if api_key is not None else client_of(request)
    key = f"wiec-api-rate:{who}:{start}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window + 1)
        count = 1
    return 0 if count <= limit else max(start + window - now, 1)


def _too_many(seconds: int, keyed: bool = False) -> HttpResponse:
    if keyed:
        detail = _(
            "Too many requests with your API key. Wait %(seconds)s s and try again, "
            "or fetch fewer pages at once (ETag and If-None-Match help)."
        )
    else:
        detail = _(
            "Too many requests from your address. Wait %(seconds)s s and try again, "
            "or fetch fewer pages at once (ETag and If-None-Match help)."
        )
    response = JsonResponse(
        {
            "detail": detail % {"seconds": seconds},
            "retry_after": seconds,
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


def _wrong_key(request: HttpRequest) -> HttpResponse:
    """401 for a wrong key; 429 once the address has tried too many wrong keys."""
    wait = limits.wait_seconds(request, "api_key")
    if wait:
        return _too_many(wait)
    response = JsonResponse(
        {
            "detail": _(
                "This API key is not valid: it may be mistyped or revoked. Send the whole "
                "key, or no key at all to use the API without one."
            )
        },
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = ", ".join(READS)
    response["Access-Control-Allow-Headers"] = (
        "If-None-Match, If-Modified-Since, Accept, Authorization, X-API-Key"
    )
    response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
    response["Access-Control-Max-Age"] = "86400"
    return response


def _first_served(path: str, etag: str) -> float:
    key = "wiec-api-seen:" + hashlib.md5(f"{path}|{etag}".encode()).hexdigest()
    now = time.time()
    cache.add(key, now, timeout=60 * 60 * 24 * 30)
    return float(cache.get(key) or now)


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS" and "HTTP_ORIGIN" in request.META:
            return _cors(HttpResponse(status=204))
        api_key = None
        raw = apikeys.presented_key(request)
        if raw is not None:
            api_key = apikeys.authenticate(raw)
            if api_key is None:
                return _cors(_wrong_key(request))
        wait = over_limit(request, api_key)
        if wait:
            return _cors(_too_many(wait, keyed=api_key is not None))
        response = self.get_response(request)
        if request.method in ("GET", "HEAD"):
            response = self._conditional(request, response)
        return _cors(response)

    def _conditional(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if response.status_code != 200 or response.streaming:
            return response
        if not response.has_header("ETag"):
            digest = hashlib.sha256(response.content).hexdigest()[:32]
            response["ETag"] = f'"{digest}"'
        if not response.has_header("Last-Modified"):
            seen = _first_served(request.get_full_path(), response["ETag"])
            response["Last-Modified"] = http_date(seen)
        response.setdefault("Cache-Control", "public, max-age=60")
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=int(_parse(response["Last-Modified"])),
            response=response,
        )


def _parse(value: str) -> float:
    from django.utils.http import parse_http_date_safe

    return parse_http_date_safe(value) or time.time()
