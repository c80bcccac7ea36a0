"""Staff accounts hold personal data: a second factor, shorter sessions, new-device mail.

- A municipality may require a second factor of every staff role
  (``City.require_staff_mfa``): an official, coordinator, moderator or administrator
  without one sees only the page where it is added (:class:`StaffSecondFactorMiddleware`),
  and allauth asks for it at every sign-in once it exists.
- Staff sessions end after ``WIEC_STAFF_SESSION_SECONDS`` (a working day), residents'
  after ``SESSION_COOKIE_AGE``.
- A staff sign-in from a browser that has not signed in to that account before is
  e-mailed to the account's owner, so a stolen password shows.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wiec.places.selectors import current_city

#: The cookie that remembers which accounts signed in from this browser (signed ids).
DEVICE_COOKIE = "wiec_devices"
DEVICE_COOKIE_AGE = 400 * 24 * 3600
DEVICE_SALT = "wiec.accounts.second_factor.devices"


def is_staff_member(user) -> bool:
    """Whether the person holds any role beyond resident (or is a superuser)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.role_assignments.exists()


def has_second_factor(user) -> bool:
    """An authenticator app or a security key; recovery codes alone are not one."""
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


def second_factor_missing(user) -> bool:
    """A staff member of a municipality that requires a second factor, without one."""
    city = current_city()
    return bool(
        city is not None
        and city.require_staff_mfa
        and is_staff_member(user)
        and not has_second_factor(user)
    )


def _open_paths() -> tuple[str, ...]:
    """What a staff member without a second factor may still open: adding one."""
    return (
        reverse("mfa_index"),
        reverse("account_reauthenticate"),
        reverse("account_logout"),
        "/i18n/",
        "/health/",
        f"/{settings.STATIC_URL.lstrip('/')}",
    )


class StaffSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(_open_paths())
            and second_factor_missing(user)
        ):
            messages.info(
                request,
                _(
                    "%(city)s requires staff to sign in with a second factor. Add an "
                    "authenticator app or a security key to continue."
                )
                % {"city": current_city().name},
            )
            return redirect("mfa_index")
        return self.get_response(request)


def known_accounts(request: HttpRequest) -> set[int]:
    """The accounts that signed in from this browser before (from its signed cookie)."""
    try:
        value = signing.loads(
            request.COOKIES.get(DEVICE_COOKIE, ""), salt=DEVICE_SALT, max_age=DEVICE_COOKIE_AGE
        )
    except signing.BadSignature:
        return set()
    return {int(pk) for pk in value if isinstance(pk, int)} if isinstance(value, list) else set()


def shorten_staff_session(request: HttpRequest, user) -> None:
    """A staff member's session ends sooner than a resident's (never later)."""
    if is_staff_member(user):
        seconds = settings.WIEC_STAFF_SESSION_SECONDS
        if request.session.get_expire_at_browser_close() or (
            request.session.get_expiry_age() > seconds
        ):
            request.session.set_expiry(seconds)


def after_sign_in(request: HttpRequest, user, response: HttpResponse) -> HttpResponse:
    """Shorter sessions for staff; mail the owner when staff sign in from a new device."""
    if not is_staff_member(user):
        return response
    shorten_staff_session(request, user)
    known = known_accounts(request)
    if user.pk in known:
        return response
    _mail_new_device(request, user)
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps(sorted(known | {user.pk})[-20:], salt=DEVICE_SALT),
        max_age=DEVICE_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def _mail_new_device(request: HttpRequest, user) -> None:
    from allauth.account.adapter import get_adapter

    from wiec.core.clientip import client_ip

    adapter = get_adapter(request)
    adapter.send_mail(
        "account/email/new_device",
        user.email,
        {
            "user": user,
            "when": timezone.localtime(),
            "address": client_ip(request),
            "browser": request.headers.get("User-Agent", "")[:200],
            "site_name": settings.WIEC_SITE_NAME,
        },
    )
