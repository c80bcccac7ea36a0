"""A confirmed e-mail address before a person votes or supports (issue 16).

Signing in does not need it (allauth's verification stays "optional", so nobody is
locked out of their account), but a vote or a signature of support counts towards a
public decision, and the office must be able to reach the person who gave it.  The
services refuse with :func:`check_email_verified`; the views send the person to
:func:`verify_first`'s page, which sends the link again and, once the link is opened,
brings them back to the page they were on (``AccountAdapter``).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

#: Where the page that sent a person to verify keeps their way back, in the session.
RETURN_KEY = "wiec_verify_next"

EMAIL_UNVERIFIED = _(
    "Confirm your e-mail address first: open the link we sent you. Votes and support "
    "count only from confirmed addresses."
)


def check_email_verified(actor: Any) -> None:
    """A service's check: refuse a vote or a signature from an unconfirmed address."""
    if actor is None or not getattr(actor, "has_verified_email", False):
        raise ValidationError(EMAIL_UNVERIFIED, code="email_unverified")


def safe_return(request: HttpRequest, url: str | None) -> str | None:
    """``url`` if it is a path on this site, else ``None``."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None


def verify_first(request: HttpRequest, back: str | None = None) -> HttpResponse | None:
    """The verification page for a signed-in person without a confirmed address.

    ``back`` is where to return afterwards (by default the page asked for; a POST's
    view gives the page its form was on).  ``None`` when the person may go on.
    """
    user = request.user
    if not user.is_authenticated or user.has_verified_email:
        return None
    back = safe_return(request, back or request.get_full_path()) or "/"
    return redirect(f"{reverse('accounts:verify_email')}?{urlencode({'next': back})}")


def pop_return(request: HttpRequest) -> str | None:
    """The page to return to after the link was opened, once (``None`` if none kept)."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    return safe_return(request, session.pop(RETURN_KEY, None))
