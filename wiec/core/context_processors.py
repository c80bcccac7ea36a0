"""What every page needs: the city, the participation tools, unread notifications."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from wiec.core.participation import registered_tools
from wiec.core.selectors import unread_notifications


def platform(request: HttpRequest) -> dict[str, Any]:
    from wiec.places.selectors import current_city

    return {
        "city": SimpleLazyObject(current_city),
        "participation_tools": registered_tools(),
        "site_name": settings.WIEC_SITE_NAME,
        "unread_notifications": SimpleLazyObject(
            lambda: unread_notifications(getattr(request, "user", None))
        ),
    }
