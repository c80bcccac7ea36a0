"""allauth's own limits (sign-in, sign-up, password reset) answered with Wiec's 429 page.

allauth refuses a request over one of its limits (``ACCOUNT_RATE_LIMITS``) by calling
the project's ``handler429`` with nothing but the request, so by itself its page cannot
say when to try again. Here the wait is read back from allauth's own counters in the
shared cache: the limits of the action the page belongs to (all of them for a page
not listed), per address and, when signed in, per person; the longest wait of those
that are full is the answer, with ``Retry-After`` and the Polish "Spróbuj ponownie za
2 minuty, o 14:05". The sign-in form's own refusal after too many failed passwords
(allauth's ``login_failed``, an error on the form rather than a 429) says the same.
"""

from __future__ import annotations

import math
import time
from datetime import timedelta

from allauth.core.internal import ratelimit as allauth_ratelimit
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from wiec.core.limits import too_many

APP = "allauth.account"
#: allauth's page (URL name) → the action its limits are kept under.
ACTIONS = {
    "account_login": "login",
    "account_signup": "signup",
    "account_reset_password": "reset_password",
    "account_reset_password_from_key": "reset_password_from_key",
    "account_change_password": "change_password",
    "account_set_password": "change_password",
    "account_email": "manage_email",
    "account_confirm_email": "confirm_email",
    "account_reauthenticate": "reauthenticate",
    "account_request_login_code": "request_login_code",
    "account_confirm_login_code": "confirm_login_code",
}


def _actions(request: HttpRequest) -> list[str]:
    from allauth.account import app_settings

    name = getattr(getattr(request, "resolver_match", None), "url_name", None)
    return [ACTIONS[name]] if name in ACTIONS else list(app_settings.RATE_LIMITS)


def allauth_wait(
    request: HttpRequest, actions: list[str] | None = None, key: str | None = None
) -> int:
    """Whole seconds until allauth lets this client try the refused action again (0:
    unknown, as for limits kept per e-mail address when ``key`` is not given)."""
    now = time.time()
    authenticated = getattr(getattr(request, "user", None), "is_authenticated", False)
    waits = []
    for action in actions or _actions(request):
        for rate in allauth_ratelimit.get_rates(app=APP, action=action):
            if (rate.per == "key" and key is None) or (rate.per == "user" and not authenticated):
                continue
            cache_key = allauth_ratelimit.get_cache_key(
                request, app=APP, action=action, rate=rate, key=key
            )
            history = [t for t in cache.get(cache_key, []) if t > now - rate.duration]
            if len(history) >= rate.amount:
                waits.append(min(history) + rate.duration - now)
    return math.ceil(max(waits)) if waits else 0


def failed_logins_message(wait: int) -> str:
    """The sign-in form's refusal after too many failed attempts, with the time."""
    if not wait:
        return gettext("Too many failed sign-in attempts. Try again in a few minutes.")
    minutes = max(1, math.ceil(wait / 60))
    at = timezone.localtime() + timedelta(seconds=wait)
    return ngettext(
        "Too many failed sign-in attempts. Try again in %(minutes)s minute, at %(time)s.",
        "Too many failed sign-in attempts. Try again in %(minutes)s minutes, at %(time)s.",
        minutes,
    ) % {"minutes": minutes, "time": at.strftime("%H:%M")}


def handler429(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 429 page for allauth's refusals, saying when to try again."""
    return too_many(request, allauth_wait(request))
